"""The writer handed to handlers, and the one function that turns a handler's
return value into bytes on the wire. The helpers fewer apps use (picoweb's
stream methods, redirects, cookies, heads with custom headers) are in writer.py.

Strategy: a response is framed the moment its head is written. A known length
keeps the connection; an unknown one is sent chunked to HTTP/1.1 clients and
ends the connection for HTTP/1.0 ones. A handler that writes bytes before any
head writes its own status line: that response always ends the connection,
because nothing tells the client where it stops.
"""
import json

from .compat import GeneratorType, ticks_ms
from .http import format_status_line

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
JSON = "application/json"


class Response:
    """picoweb's stream writer (`awrite`, `awritestr`, `awriteiter`, `aclose`)
    plus helpers (`start_response`, `http_error`, `jsonify`, `redirect`,
    `set_cookie`, ...). Each helper is awaitable and, for picoweb 1.x
    generator handlers, also usable with `yield from`.

    >>> async def hello(req, resp):
    ...     await resp.start_response("text/plain")
    ...     await resp.awrite("hi")
    """

    def __init__(self, writer, req):
        self.w = writer
        self.req = req
        self.status = 200
        self.headers = []        # (name, value) pairs added to the head when it is sent
        self.started = False     # a head (or raw bytes) has gone out
        self.raw = False         # the handler wrote its own status line
        self.chunked = False
        self.length = None       # declared Content-Length
        self.sent = 0            # body bytes written
        self.head_only = req.method == "HEAD"
        self.detached = False    # the handler returned False and keeps the socket
        conn = req._h.get("connection")
        conn = conn.lower() if conn else ""
        self.keep = "close" not in conn if req.version >= 11 else "keep-alive" in conn

    async def _send(self, data):
        # A client that stops reading would hold the connection forever: the
        # read deadline doubles as a write deadline, so the server's watchdog
        # cuts it after request_timeout.
        self.w.write(data)
        r = self.req.reader
        r.deadline = ticks_ms() + r.timeout_ms
        try:
            await self.w.drain()
        finally:
            r.deadline = None

    async def _finish(self):
        """End the body; the server calls this after the handler."""
        if self.chunked:
            self.chunked = False
            await self._send(b"0\r\n\r\n")
        elif self.length is not None and self.sent != self.length and not self.head_only:
            self.keep = False

    async def _send_body(self, status, body, content_type=HTML, headers=None):
        """A whole response in one write, with its Content-Length."""
        n = len(body)
        req = self.req
        if headers is None and not self.headers and content_type and not req.reader.used:
            # The common case, built in one step: the hot path on both runtimes.
            if self.keep:
                conn = "" if req.version >= 11 else "Connection: keep-alive\r\n"
            else:
                conn = "Connection: close\r\n"
            self.status = status
            self.started = True
            self.length = n
            head = ("%sContent-Type: %s\r\nContent-Length: %d\r\n%s\r\n" % (
                format_status_line(status, req.version), content_type, n, conn)).encode()
        else:
            head = self._head(status, content_type, list(headers.items() if isinstance(
                headers, dict) else headers or ()) + [("Content-Length", str(n))])
        if self.head_only or not n:
            await self._send(head)
        elif n < 1024:
            await self._send(head + body)
        else:
            self.w.write(head)
            await self._send(body)
        self.sent = n

    def __getattr__(self, name):
        # The helpers fewer apps use live in writer.py.
        from .writer import load
        return load(self, name)


async def write_value(resp, rv):
    """Send what a handler returned: str/bytes, a dict or list as JSON, a
    `(body, status[, headers])` tuple, or a generator / async generator /
    iterator of chunks, streamed chunked."""
    status = resp.status
    headers = None
    body = rv
    if isinstance(rv, tuple):
        # `(body, status)`, `(body, headers)` or `(body, status, headers)`
        body = rv[0]
        for extra in rv[1:]:
            if isinstance(extra, (int, str)) and not isinstance(extra, bool):
                status = int(extra)
            else:
                headers = extra
    if isinstance(body, str):
        body = body.encode()
    elif isinstance(body, (dict, list)):
        return await resp._send_body(status, json.dumps(body).encode(), JSON, headers)
    elif body is None:
        body = b""
    if isinstance(body, (bytes, bytearray, memoryview)):
        return await resp._send_body(status, body, HTML, headers)
    if isinstance(body, GeneratorType) or hasattr(body, "__iter__") or hasattr(body, "__aiter__"):
        await resp._start_response(HTML, status, headers)
        await resp.awriteiter(body)
        return
    raise TypeError("handler returned %s; expected str, bytes, dict, list, tuple or iterable"
                    % type(body).__name__)
