# Response: the writer handed to handlers. What every response needs is here;
# the bodies of the helpers fewer apps use (picoweb's stream methods,
# redirects, cookies, heads with custom headers) are in response_helpers.py,
# compiled only when a handler first calls one. Every public method is a
# real def here, so subclasses, super(), help() and dir() see them all.
# response_value.py turns a handler's return value into a response.
#
# Strategy: a response is framed the moment its head is written. A known length
# keeps the connection; an unknown one is sent chunked to HTTP/1.1 clients and
# ends the connection for HTTP/1.0 ones. A handler that writes bytes before any
# head writes its own status line: that response always ends the connection,
# because nothing tells the client where it stops.
from .compat import awaitable, sent, ticks_ms
from .http import HTML, format_status_line


def keep_alive(version, headers):
    """Whether the client wants the connection kept after this request
    (`headers` as parse_head returns them: bytes values)."""
    conn = headers.get("connection")
    conn = conn.lower() if conn else b""
    if version >= 11:
        return b"close" not in conn
    return b"keep-alive" in conn


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
        # HTTP/1.1 without a Connection header keeps the connection: only
        # other requests need the rule.
        if req.version < 11 or "connection" in req._h:
            self.keep = keep_alive(req.version, req._h)

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
            from .response_helpers import head
            data = head(self, status, content_type, list(headers.items() if isinstance(
                headers, dict) else headers or ()) + [("Content-Length", str(n))])
            self.sent = n
        if self.head_only or not n:
            return self._send(data, True)
        if n < 1024:
            return self._send(data + body, True)
        self.w.write(data)
        return self._send(body, True)

    # -- the public helpers: bodies in response_helpers.py -----------------
    # Each returns an awaitable that also works with `yield from` (picoweb 1.x
    # generator handlers on CPython; on MicroPython they are the same thing).

    def start_response(self, content_type=HTML, status=200, headers=None):
        """Send the status line and headers; `status` may be an int or
        picoweb's str, `headers` a dict, a list of pairs or a raw block.

        >>> await resp.start_response("text/plain", 201, {"X-Id": "7"})
        """
        from .response_helpers import start_response
        return awaitable(start_response(self, content_type, status, headers))

    def awrite(self, buf, off=0, sz=-1):
        """Write str or bytes `buf` (from `off`, `sz` bytes); chunked when the
        head said so. Bytes before any head are the handler's own status line."""
        from .response_helpers import awrite
        return awaitable(awrite(self, buf, off, sz))

    def awritestr(self, s):
        """picoweb 1.x: write a str."""
        from .response_helpers import awrite
        return awaitable(awrite(self, s.encode()))

    def awriteiter(self, iterable):
        """Write every part of a (sync or async) iterable of str/bytes."""
        from .response_helpers import write_iter
        return awaitable(write_iter(self, iterable))

    def aclose(self):
        """End the response and close the connection (as picoweb does)."""
        from .response_helpers import aclose
        return awaitable(aclose(self))

    def http_error(self, status, message=None, headers=None):
        """A small plain-text error page: `await resp.http_error(404)`."""
        from .response_helpers import http_error
        return awaitable(http_error(self, status, message, headers))

    def jsonify(self, obj, status=200, headers=None):
        """Send `obj` as a JSON response."""
        from .response_helpers import jsonify
        return awaitable(jsonify(self, obj, status, headers))

    def redirect(self, location, status=302):
        """Answer with a redirect to `location`."""
        from .response_helpers import redirect
        return awaitable(redirect(self, location, status))

    def sendstream(self, f, bufsize=512):
        """Copy file-like `f` to the client in fixed-size pieces."""
        from .files import sendstream
        return awaitable(sendstream(self, f, bufsize))

    def set_cookie(self, name, value="", max_age=None, expires=None, path="/",
                   domain=None, secure=False, httponly=False, samesite=None):
        """Add a Set-Cookie header; call it before the head is sent."""
        from .response_helpers import set_cookie
        set_cookie(self, name, value, max_age, expires, path, domain, secure, httponly, samesite)

    def delete_cookie(self, name, path="/", domain=None):
        """Tell the client to drop cookie `name`."""
        self.set_cookie(name, "", 0, "Thu, 01 Jan 1970 00:00:00 GMT", path, domain)

    def get_extra_info(self, name, default=None):
        """picoweb 1.x: `resp.get_extra_info("peername")` -> ("ip", port)."""
        from .response_helpers import get_extra_info
        return get_extra_info(self, name, default)

    def fail(self):
        """Give up on a response already under way: the connection is closed
        without ending the body, so the client sees it was cut short."""
        self.keep = False
        self.chunked = False
        self.length = None
