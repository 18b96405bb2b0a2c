# Response: the writer handed to handlers. What every response needs is here;
# the helpers fewer apps use (picoweb's stream methods, redirects, cookies,
# heads with custom headers) are in response_helpers.py, installed on the
# class when a handler first uses one (at import on CPython, where memory is
# no concern, so help(), dir() and super() see them there).
# response_value.py turns a handler's return value into a response.
#
# Strategy: a response is framed the moment its head is written. A known length
# keeps the connection; an unknown one is sent chunked to HTTP/1.1 clients and
# ends the connection for HTTP/1.0 ones. A handler that writes bytes before any
# head writes its own status line: that response always ends the connection,
# because nothing tells the client where it stops.
from .compat import sent, ticks_ms
from .http import format_status_line

HTML = "text/html; charset=utf-8"


class Response:
    """picoweb's stream writer (`awrite`, `awritestr`, `awriteiter`, `aclose`)
    plus helpers (`start_response`, `http_error`, `jsonify`, `redirect`,
    `set_cookie`, ...). Each helper is awaitable and, for picoweb 1.x
    generator handlers, also usable with `yield from`.

    >>> async def hello(req, resp):
    ...     await resp.start_response("text/plain")
    ...     await resp.awrite("hi")
    """

    # Defaults at class level: on a board each attribute set in __init__ grows
    # the instance's table, and most responses never change these.
    status = 200
    keep = True         # the connection stays open after this response
    head_only = False   # a HEAD request: no body goes out
    started = False     # a head (or raw bytes) has gone out
    raw = False         # the handler wrote its own status line
    chunked = False
    length = None       # declared Content-Length
    sent = 0            # body bytes written
    detached = False    # the handler returned False and keeps the socket
    error = None        # the exception an error handler answered, for teardown hooks

    def __init__(self, writer, req):
        self.w = writer
        self.req = req
        self.headers = []        # (name, value) pairs added to the head when it is sent
        if req.method == "HEAD":
            self.head_only = True
        # The keep-alive decision (the core's only one): HTTP/1.1 keeps the
        # connection unless the client says close; HTTP/1.0 only if it asks.
        conn = req._h.get("connection")
        if conn is not None or req.version < 11:
            conn = conn.lower() if conn else b""
            if b"close" in conn if req.version >= 11 else b"keep-alive" not in conn:
                self.keep = False

    def _send(self, data, last=False):
        # Write `data`; returns the awaitable that drains it: the stream's own
        # drain() when the socket took it all (the usual case, no coroutine of
        # ours), nothing more after a response's `last` write (compat.sent),
        # else _wait().
        w = self.w
        w.write(data)
        if w.out_buf:
            return self._wait(w)
        return sent(w) if last else w.drain()

    async def _wait(self, w):
        # A client that stops reading would hold the connection forever: while
        # output waits, the read deadline doubles as a write deadline, so the
        # server's watchdog cuts it after request_timeout.
        r = self.req.reader
        r.deadline = ticks_ms() + r.timeout_ms
        try:
            await w.drain()
        finally:
            r.deadline = None

    def _finish(self):
        # End the body once the handler is done. Returns the awaitable that
        # sends the last chunk, if there is one: most responses need none.
        if self.raw:
            return None  # the handler framed it itself
        if self.chunked:
            self.chunked = False
            return self._send(b"0\r\n\r\n")
        if self.length is not None and self.sent != self.length and not self.head_only:
            self.keep = False

    def _send_body(self, status, body, content_type=HTML, headers=None):
        # A whole response with its Content-Length. Returns the awaitable that
        # sends it: the hot path has no coroutine of its own, and puts a small
        # response in one bytes object, body included.
        n = len(body)
        req = self.req
        if headers is None and not self.headers and content_type and not req.reader.used:
            if self.keep:
                conn = b"" if req.version >= 11 else b"Connection: keep-alive\r\n"
            else:
                conn = b"Connection: close\r\n"
            self.status = status
            self.started = True
            self.sent = n  # no `length`: nothing more can be written
            whole = n < 1024 and not self.head_only and isinstance(body, bytes)
            data = b"%sContent-Type: %s\r\nContent-Length: %d\r\n%s\r\n%s" % (
                format_status_line(status, req.version), content_type if isinstance(
                    content_type, bytes) else content_type.encode(), n, conn, body if whole else b"")
            if whole or not n:
                return self._send(data, True)
        else:
            if isinstance(content_type, bytes):
                content_type = content_type.decode()
            from .http_status import header_pairs
            from .response_head import head
            data = head(self, status, content_type,
                        list(header_pairs(headers)) + [("Content-Length", str(n))])
            self.sent = n
        if self.head_only or not n:
            return self._send(data, True)
        if n < 1024:
            return self._send(data + body, True)
        self.w.write(data)
        return self._send(body, True)

    def __getattr__(self, name):
        # The helpers fewer apps use (response_helpers.METHODS: start_response,
        # awrite, jsonify, redirect, set_cookie, ...), installed on the class
        # on first use: on a board a def costs heap whether called or not.
        from .response_helpers import load
        return load(self, name)
