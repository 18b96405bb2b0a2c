"""Content-Type by file extension: the core's one table (picoweb_core.mime),
as a dict that an app's `mime_types=` extends or overrides."""
from picoweb_core.mime import DEFAULT, extension, mime_table

MIME_TYPES = mime_table()


def content_type(name, table=MIME_TYPES):
    """The type for file `name` by its last extension, case-insensitively.

    >>> content_type("app.min.JS")
    'text/javascript; charset=utf-8'
    """
    return table.get(extension(name), DEFAULT)
