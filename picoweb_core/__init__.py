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


def start_response(writer, content_type="text/html; charset=utf-8", status="200",
                   headers=None):
    """picoweb 1.x: `yield from picoweb.start_response(resp)` (or await it)."""
    return writer.start_response(content_type, status, headers)


def http_error(writer, status):
    return writer.http_error(status)


def jsonify(writer, obj):
    return writer.jsonify(obj)


def sendstream(writer, f):
    return writer.sendstream(f)


def __getattr__(name):
    # picoweb 1.x names and submodules, loaded on first use so that
    # `import picoweb_core` stays small.
    if name in ("utils", "parse_qs"):
        from .utils import parse_qs  # also binds the submodule in globals()
        return parse_qs if name == "parse_qs" else globals()["utils"]
    if name == "get_mime_type":
        from .files import get_mime_type
        return get_mime_type
    if name == "sendfile":
        from .compat import bridge
        from .files import sendfile
        return bridge(sendfile)
    if name.startswith("__"):
        raise AttributeError(name)
    # MicroPython asks here before importing a submodule for `from picoweb_core
    # import x`, and does not fall back to the import itself.
    try:
        __import__("picoweb_core." + name)
    except ImportError:
        raise AttributeError(name)
    return globals()[name]
