#
# A picoweb 1.x app in its original MicroPython form: the per-route header
# parsing modes ("parse", "skip", "leave") given in the route list's extra
# dict, and a handler that reads its own request line's headers and body
# off req.reader.
#
import ure as re
import picoweb


def headers_parse(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("parse: %s" % req.headers[b"X-Mode"].decode())


def headers_skip(req, resp):
    # No headers were kept; whatever the client sent after them is still
    # on the stream.
    yield from picoweb.start_response(resp, "text/plain")
    if hasattr(req, "headers"):
        yield from resp.awrite("skip: has headers;")
    else:
        yield from resp.awrite("skip: no headers;")
    if req.method == "POST":
        body = yield from req.reader.readexactly(5)
        yield from resp.awrite(" body=" + body.decode())


def headers_leave(req, resp):
    lines = []
    size = 0
    while True:
        l = yield from req.reader.readline()
        if l == b"\r\n":
            break
        lines.append(l.decode().strip())
        if l.lower().startswith(b"content-length:"):
            size = int(l.split(b":", 1)[1])
    body = b""
    if size:
        body = yield from req.reader.readexactly(size)
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("leave: %s;" % ("no headers" if not hasattr(req, "headers") else "has headers"))
    yield from resp.awrite(" lines=" + "|".join(lines))
    yield from resp.awrite(" body=" + body.decode())


def leave_then_parse(req, resp):
    # Headers left on the stream, parsed only when this handler wants them.
    headers = yield from app.parse_headers(req.reader)
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite(b"parsed later: " + headers[b"X-Mode"])


def default_mode(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("default: %s" % req.headers.get(b"X-Mode", b"none").decode())


ROUTES = [
    ("/parse", headers_parse, {"headers": "parse"}),
    ("/skip", headers_skip, {"headers": "skip"}),
    ("/leave", headers_leave, {"headers": "leave"}),
    (re.compile("^/leave/(.+)$"), headers_leave, {"headers": "leave"}),
    ("/parse-later", leave_then_parse, {"headers": "leave"}),
    ("/default", default_mode),
]


import ulogging as logging
logging.basicConfig(level=logging.INFO)

app = picoweb.WebApp(__name__, ROUTES)

if __name__ == "__main__":
    app.run(debug=True)
