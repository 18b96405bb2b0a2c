"""picoweb 1.x's module-level writer functions, loaded on first use:
`yield from picoweb.start_response(resp)` and friends. Each returns the
writer's own awaitable, usable with `await` and with `yield from`.
"""
import sys


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


async def parse_headers(reader):
    """picoweb 1.x: read header lines up to the blank one into a dict of bytes."""
    headers = {}
    while True:
        line = await reader.readline()
        if line in (b"", b"\r\n", b"\n"):
            return headers
        name, _, value = line.partition(b":")
        headers[name] = value.strip()


def attr(name):
    """The value of `picoweb_core.<name>` for a name not yet loaded."""
    if name in ("start_response", "http_error", "jsonify", "sendstream"):
        return globals()[name]
    if name in ("utils", "parse_qs"):
        from .utils import parse_qs  # not `from . import utils`: that asks here again
        return parse_qs if name == "parse_qs" else sys.modules["picoweb_core.utils"]
    if name == "MultiDict":
        from .utils import MultiDict  # what req.args and req.read_form() return
        return MultiDict
    if name == "get_mime_type":
        from .files import get_mime_type
        return get_mime_type
    if name == "sendfile":
        from .compat import bridge
        from .files import sendfile
        return bridge(sendfile)
    if name.startswith("__"):
        raise AttributeError(name)
    # MicroPython asks here before importing a submodule for `from
    # picoweb_core import x`, and does not fall back to the import itself.
    try:
        __import__("picoweb_core." + name)
    except ImportError:
        raise AttributeError(name)
    return getattr(sys.modules["picoweb_core"], name)
