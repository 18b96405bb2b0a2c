"""picoweb-core: a tiny async web framework for MicroPython boards and CPython.

    import picoweb_core as picoweb
    app = picoweb.WebApp(__name__)

    @app.route("/")
    async def index(req, resp):
        return "Hello"

    app.run(port=8081)

The picoweb 1.x module-level names are here too, so picoweb apps run with
only their import changed.
"""
from .app import WebApp
from .http import HTTPError, Limits, abort
from .request import Request
from .response import Response

__version__ = "0.1.0"


def __getattr__(name):
    # picoweb 1.x names and submodules, loaded on first use so that
    # `import picoweb_core` stays small, then kept as module globals.
    if name in ("start_response", "http_error", "jsonify", "sendstream"):
        from . import legacy
        value = getattr(legacy, name)
    elif name in ("utils", "parse_qs"):
        from .utils import parse_qs  # also binds the submodule in globals()
        value = parse_qs if name == "parse_qs" else globals()["utils"]
    elif name == "get_mime_type":
        from .files import get_mime_type as value
    elif name == "sendfile":
        from .compat import bridge
        from .files import sendfile
        value = bridge(sendfile)
    elif name.startswith("__"):
        raise AttributeError(name)
    else:
        # MicroPython asks here before importing a submodule for `from
        # picoweb_core import x`, and does not fall back to the import itself.
        try:
            __import__("picoweb_core." + name)
        except ImportError:
            raise AttributeError(name)
        return globals()[name]
    globals()[name] = value
    return value
