"""The writer handed to handlers, its helpers, and the one function that turns
a handler's return value into bytes on the wire.

Strategy: a response is framed the moment its head is written. A known length
keeps the connection; an unknown one is sent chunked to HTTP/1.1 clients and
ends the connection for HTTP/1.0 ones. A handler that writes bytes before any
head writes its own status line: that response always ends the connection,
because nothing tells the client where it stops.
"""
import json

from .compat import GeneratorType, bridge, ticks_ms
from .http import format_head, format_status_line, reason

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
JSON = "application/json"


def _header_pairs(headers):
    if headers is None:
        return ()
    if isinstance(headers, dict):
        return headers.items()
    return headers


class Response:
    """picoweb's stream writer (`awrite`, `awritestr`, `awriteiter`, `aclose`)
    plus helpers. Each helper is awaitable and, for picoweb 1.x generator
    handlers, also usable with `yield from`.

    >>> async def hello(req, resp):
    ...     await resp.start_response("text/plain")
    ...     await resp.awrite("hi")
    """

    def __init__(self, writer, req=None):
        self.w = writer
        self.req = req
        self.status = 200
        self.headers = []        # (name, value) pairs added to the head when it is sent
        self.started = False     # a head (or raw bytes) has gone out
        self.raw = False         # the handler wrote its own status line
        self.chunked = False
        self.length = None       # declared Content-Length
        self.sent = 0            # body bytes written
        self.head_only = req is not None and req.method == "HEAD"
        self.keep = req is not None and req._keep_alive()
        self.detached = False    # the handler returned False and keeps the socket

    def _version(self):
        return self.req.version if self.req is not None else 11

    def _head(self, status, content_type, headers):
        """Build and frame the head; returns its bytes."""
        pairs = []
        has_ct = False
        length = None
        raw_block = None
        if isinstance(headers, (str, bytes)):
            raw_block = headers.decode() if isinstance(headers, bytes) else headers
            low = raw_block.lower()
            i = low.find("content-length:")
            if i >= 0:
                length = int(raw_block[i + 15:].split("\r\n", 1)[0].strip())
            has_ct = "content-type:" in low
            headers = None
        for name, value in _header_pairs(self.headers):
            pairs.append((name, value))
        for name, value in _header_pairs(headers):
            value = str(value)
            if "\n" in value or "\r" in value:
                # A value from user input (a redirect target) must not start a new header.
                raise ValueError("newline in header %r" % name)
            low = name.lower()
            if low == "content-length":
                length = int(value)
            elif low == "content-type":
                has_ct = True
            pairs.append((name, value))
        if content_type and not has_ct:
            pairs.insert(0, ("Content-Type", content_type))
        self.status = status
        self.started = True
        if self.req is not None and self.req.reader.used:
            self.keep = False  # the app read the body itself: framing unknown
        bodyless = self.head_only or status < 200 or status in (204, 304)
        if length is not None:
            self.length = length
        elif not bodyless:
            if self._version() >= 11 and self.keep:
                self.chunked = True
                pairs.append(("Transfer-Encoding", "chunked"))
            else:
                self.keep = False
        if not self.keep:
            pairs.append(("Connection", "close"))
        elif self._version() < 11:
            pairs.append(("Connection", "keep-alive"))
        head = format_head(status, pairs, self._version())
        if raw_block:
            block = raw_block.encode()
            if not block.endswith(b"\r\n"):
                block += b"\r\n"
            head = head[:-2] + block + b"\r\n"
        return head

    async def _send(self, data):
        self.w.write(data)
        await self._drain()

    async def _drain(self):
        # A client that stops reading would hold the connection forever: the
        # read deadline doubles as a write deadline, so the server's watchdog
        # cuts it after request_timeout.
        r = self.req.reader if self.req is not None else None
        if r is None:
            return await self.w.drain()
        r.deadline = ticks_ms() + r.timeout_ms
        try:
            await self.w.drain()
        finally:
            r.deadline = None

    async def _start_response(self, content_type=HTML, status=200, headers=None):
        """Send the status line and headers; `status` may be an int or picoweb's str."""
        if self.started:
            raise RuntimeError("the response head was already sent")
        await self._send(self._head(int(status), content_type, headers))

    async def _awrite(self, buf, off=0, sz=-1):
        if isinstance(buf, str):
            buf = buf.encode()
        if off or sz >= 0:
            buf = memoryview(buf)[off:off + sz if sz >= 0 else len(buf)]
        if not self.started:
            self.started = True
            self.raw = True
            self.keep = False
        elif self.head_only and not self.raw:
            return
        n = len(buf)
        if self.chunked:
            if not n:
                return  # an empty chunk would end the body
            self.w.write(b"%x\r\n" % n)
            self.w.write(buf)
            self.w.write(b"\r\n")
            await self._drain()
        else:
            await self._send(buf)
        self.sent += n

    def fail(self):
        """Give up on a response already under way: the connection is closed
        without ending the body, so the client sees it was cut short."""
        self.keep = False
        self.chunked = False
        self.length = None

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
            head = self._head(status, content_type, list(_header_pairs(headers)) +
                              [("Content-Length", str(n))])
        if self.head_only or not n:
            await self._send(head)
        elif n < 1024:
            await self._send(head + body)
        else:
            self.w.write(head)
            await self._send(body)
        self.sent = n

    async def _http_error(self, status, message=None, headers=None):
        """A small plain-text error page: `await resp.http_error(404)`."""
        status = int(status)
        if message is None:
            message = "%d %s" % (status, reason(status))
        await self._send_body(status, (message + "\n").encode(), TEXT, headers)

    def __getattr__(self, name):
        # The helpers fewer apps use (awritestr, awriteiter, aclose, jsonify,
        # redirect, sendstream, set_cookie, ...) live in writer.py.
        from .writer import load
        return load(self, name)

    start_response = bridge(_start_response)
    awrite = bridge(_awrite)
    http_error = bridge(_http_error)


def _split_value(rv, status):
    """`body`, `(body, status)`, `(body, headers)` or `(body, status, headers)`."""
    headers = None
    if isinstance(rv, tuple):
        body = rv[0]
        for extra in rv[1:]:
            if isinstance(extra, (int, str)) and not isinstance(extra, bool):
                status = int(extra)
            else:
                headers = extra
        return body, status, headers
    return rv, status, headers


async def write_value(resp, rv):
    """Send what a handler returned: str/bytes, a dict or list as JSON, a
    `(body, status[, headers])` tuple, or a generator / async generator /
    iterator of chunks, streamed chunked."""
    body, status, headers = _split_value(rv, resp.status)
    if isinstance(body, (dict, list)):
        return await resp._send_body(status, json.dumps(body).encode(), JSON, headers)
    if isinstance(body, str):
        body = body.encode()
    if body is None:
        body = b""
    if isinstance(body, (bytes, bytearray, memoryview)):
        return await resp._send_body(status, body, HTML, headers)
    if isinstance(body, GeneratorType) or hasattr(body, "__iter__") or hasattr(body, "__aiter__"):
        from .writer import write_iter
        await resp._start_response(HTML, status, headers)
        await write_iter(resp, body)
        return
    raise TypeError("handler returned %s; expected str, bytes, dict, list, tuple or iterable"
                    % type(body).__name__)
