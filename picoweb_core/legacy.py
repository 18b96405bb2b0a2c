"""picoweb 1.x's module-level writer functions, loaded on first use:
`yield from picoweb.start_response(resp)` and friends. Each returns the
writer's own awaitable, usable with `await` and with `yield from`.
"""


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
