"""picoweb_static: serve a folder of files, safely and in constant memory.

    import picoweb_core, picoweb_static
    app = picoweb_core.WebApp(__name__)
    app.install(picoweb_static.StaticFiles("www", prefix="/static", max_age=3600))

Loaded only when an app imports it; it talks to the core through
`app.install` and `app.add_url_rule` alone.
"""
from .files import StaticFiles
from .mime import DEFAULT as DEFAULT_TYPE
from .mime import MIME_TYPES, content_type

__all__ = ("StaticFiles", "MIME_TYPES", "DEFAULT_TYPE", "content_type")
