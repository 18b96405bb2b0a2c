"""ASGI: the same WebApp under uvicorn, hypercorn or any ASGI server. CPython only.

    # serve.py
    from picoweb_core.asgi import ASGI
    from myapp import app
    asgi = ASGI(app)              # ASGI(app, debug=1) for an access line per request

    $ uvicorn serve:asgi --workers 4 --host 0.0.0.0 --port 8000

Strategy: each ASGI request is served as one connection of the core's own
connection loop (the entry point the TestClient uses too), over two small
stream objects: the input gives the request head rebuilt from the scope, then
the body as `receive()` delivers it; the output reads the HTTP/1.1 response the
core writes and sends it on as `http.response.start` and `http.response.body`
messages, whenever the handler waits or 16 KiB are ready (see Output), so a
streamed response streams and is never gathered whole. Parsing, limits (413,
431...), routing, hooks, plugins, error handlers and HEAD are the built-in
server's own code, so behaviour matches it; the ASGI server owns the socket,
keep-alive and its timeouts.
"""
from .server import Server

# Connection-level headers: the ASGI server frames the response itself.
_HOP = (b"connection", b"keep-alive", b"transfer-encoding")


class ASGI:
    """An ASGI application serving `app` (a WebApp).

    debug: as in app.run() (-1 silent, 0 errors, 1 access log), None keeps
    what the app has; lazy_init: as in app.run().
    """

    def __init__(self, app, debug=0, log=None, lazy_init=False):
        self.app = app
        self.debug = debug
        self.log = log
        self.lazy_init = lazy_init
        self.ready = False

    def _start(self):
        if not self.ready:
            self.ready = True
            self.app._prepare(self.lazy_init, self.debug, self.log)
            if self.app.server is None:
                self.app.server = Server(self.app)

    async def __call__(self, scope, receive, send):
        kind = scope["type"]
        if kind == "http":
            self._start()
            await serve_http(self.app.server, scope, receive, send)
        elif kind == "lifespan":
            await self._lifespan(receive, send)
        else:  # websocket: the core speaks HTTP only
            await send({"type": "websocket.close", "code": 1000})

    async def _lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    self._start()
                except Exception as e:  # a failing init(): the server reports it and exits
                    await send({"type": "lifespan.startup.failed", "message": repr(e)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


async def serve_http(server, scope, receive, send):
    """One ASGI http request through `server`'s connection loop."""
    inp = Input(scope, receive)
    out = Output(scope, send, inp)
    try:
        await server._serve(inp, out)
        if not out.closed:
            # The handler kept the connection (it returned False: picoweb's
            # server push): the response goes on until the app closes it or
            # the client leaves.
            await out.until_closed()
        await out.finish()
    finally:
        inp.stop_watching()
        out.cancel()


def request_head(scope):
    """(head bytes, chunked): the HTTP/1.1 request head of an ASGI http scope;
    `chunked` when the body must be framed in chunks (its length is unknown)."""
    path = scope.get("raw_path")
    if not path:
        from urllib.parse import quote
        path = quote(scope.get("root_path", "") + scope["path"]).encode()
    qs = scope.get("query_string") or b""
    if qs:
        path += b"?" + qs
    version = b"1.0" if scope.get("http_version") == "1.0" else b"1.1"
    lines = [b"%s %s HTTP/%s" % (scope["method"].encode(), path, version)]
    has_host = has_length = chunked = False
    for name, value in scope.get("headers", ()):
        low = name.lower()
        if low.startswith(b":"):
            continue  # HTTP/2 pseudo-headers, should a server pass them on
        if low == b"host":
            has_host = True
        elif low == b"content-length":
            has_length = True
        elif low == b"transfer-encoding":
            # The server decoded the chunks; receive() gives the body plain.
            chunked = b"chunked" in value.lower()
            if not chunked:
                continue
        lines.append(name + b": " + value)
    if not has_host and scope.get("server"):
        host, port = scope["server"][0], scope["server"][1]
        lines.append(b"Host: %s:%d" % (str(host).encode(), port or 80))
    if not has_length and not chunked and version == b"1.1" and \
            scope.get("http_version") not in ("1.0", "1.1") and \
            scope["method"] in ("POST", "PUT", "PATCH"):
        # HTTP/2 and 3 bodies have no length in the head: frame them as chunks.
        chunked = True
        lines.append(b"Transfer-Encoding: chunked")
    return b"\r\n".join(lines) + b"\r\n\r\n", chunked


class Input:
    """The connection's input: the request head, then the body from receive()."""

    def __init__(self, scope, receive):
        self.receive = receive
        self.data, self.chunked = request_head(scope)
        # Whether receive() has more of the body. A request without one needs no
        # receive() at all; its empty http.request message is skipped by watch().
        self.more = self.chunked or any(n.lower() == b"content-length" and v.strip() != b"0"
                                        for n, v in scope.get("headers", ()))
        self.disconnected = False
        self.watcher = None
        self.on_leave = None  # called when the client leaves

    def watch(self):
        # Once the body is read, nobody else calls receive(): wait there for the
        # client to leave, so a long stream stops instead of writing to nobody
        # (ASGI servers drop what is sent after a disconnect without an error).
        if self.watcher is None and not self.more and not self.disconnected:
            import asyncio
            self.watcher = asyncio.ensure_future(self._watch())

    async def _watch(self):
        # After the body, receive() waits for the disconnect; the one request
        # message a body-less request still has is skipped. Anything more is a
        # server outside the spec: stop watching rather than spin.
        skipped = 0
        while skipped < 2:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                self.disconnected = True
                if self.on_leave is not None:
                    self.on_leave()
                return
            skipped += 1

    def stop_watching(self):
        if self.watcher is not None and not self.watcher.done():
            self.watcher.cancel()

    async def read(self, n):
        while not self.data:
            if not self.more:
                return b""
            message = await self.receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                self.more = message.get("more_body", False)
                if self.chunked:
                    if body:
                        body = b"%x\r\n%s\r\n" % (len(body), body)
                    if not self.more:
                        body += b"0\r\n\r\n"
                self.data = body
            else:  # http.disconnect
                self.more = False
                self.disconnected = True
        data = self.data
        if len(data) > n:
            self.data = data[n:]
            return data[:n]
        self.data = b""
        return data


class Output:
    """The connection's output: parses the response the core writes (head,
    then a Content-Length, chunked or close-delimited body) into ASGI messages.

    Strategy: drain() does not send each write as its own message (a page of
    templates is dozens of small writes, and each message costs the ASGI server
    a frame and a transport write); it gathers the body and sends it from a task
    that runs as soon as the handler next waits, or at once when HOLD bytes are
    waiting (so the send's flow control holds a fast writer back). A stream that
    waits between its parts still sends each part when it waits.
    """

    out_buf = None  # nothing waits in the core's sense: drain() never blocks on small writes
    HOLD = 16384    # body bytes gathered before drain() waits until they are sent

    def __init__(self, scope, send, inp=None):
        self.scope = scope
        self.send = send
        self.input = inp
        self.buf = b""
        self.state = "head"      # head, body, chunk-size, chunk-data, chunk-end, trailer, done
        self.left = 0            # bytes left of a Content-Length body or of a chunk
        self.framing = None      # "length", "chunked" or "close"
        self.start = None        # the http.response.start message, until sent
        self.pending = bytearray()  # body not sent yet
        self.ended = False       # the body is complete: the next body message is the last
        self.sent_end = False
        self.started = False
        self.flusher = None      # the task that sends what is gathered
        self.error = None        # what the flusher's send raised, for the next drain()
        self.closed = False      # the core (or the app, by resp.aclose()) closed the connection
        self.closing = None      # an Event for until_closed()

    # What the connection loop calls

    def write(self, data):
        self.buf += bytes(data)
        self._parse()

    async def drain(self):
        inp = self.input
        if inp is not None:
            if inp.disconnected:
                self.pending = bytearray()
                raise OSError(104, "the client went away")  # ECONNRESET: muted by the core
            if self.state != "done":
                inp.watch()
        if self.error is not None:
            e, self.error = self.error, None
            raise e
        if len(self.pending) >= self.HOLD:
            await self.flush()
        elif self.flusher is None and self._waiting():
            import asyncio
            self.flusher = asyncio.ensure_future(self._flush_soon())

    def close(self):
        self.closed = True
        if self.closing is not None:
            self.closing.set()

    async def wait_closed(self):
        pass

    async def until_closed(self):
        """Wait until the app closes a connection it kept, or the client leaves."""
        import asyncio
        self.closing = asyncio.Event()
        inp = self.input
        if inp is not None:
            inp.on_leave = self.closing.set
            inp.watch()
            if inp.disconnected:
                return
        if not self.closed:
            await self.closing.wait()

    def get_extra_info(self, name, default=None):
        key = {"peername": "client", "sockname": "server"}.get(name)
        value = self.scope.get(key) if key else None
        return tuple(value) if value else default

    # Sending

    def _waiting(self):
        return self.start is not None or self.pending or (self.ended and not self.sent_end)

    async def _send_out(self):
        while self._waiting():
            if self.start is not None:
                message, self.start = self.start, None
                await self.send(message)
                continue
            data = bytes(self.pending)
            self.pending = bytearray()
            last = self.ended
            self.sent_end = last
            await self.send({"type": "http.response.body", "body": data, "more_body": not last})

    async def _flush_soon(self):
        try:
            await self._send_out()
        except Exception as e:  # the connection's own task raises it on its next drain()
            self.error = e
        finally:
            self.flusher = None

    async def flush(self):
        """Send everything gathered so far."""
        while self.flusher is not None:
            await self.flusher
        if self.error is not None:
            e, self.error = self.error, None
            raise e
        await self._send_out()

    def cancel(self):
        if self.flusher is not None:
            self.flusher.cancel()

    # After the connection loop

    async def finish(self):
        if self.input is not None and self.input.disconnected:
            self.cancel()
            return  # nobody to answer
        if not self.started:
            # The core answered nothing (a bug, or a lost client): an ASGI
            # request still needs an answer.
            self.start = {"type": "http.response.start", "status": 500,
                          "headers": [(b"content-type", b"text/plain"),
                                      (b"content-length", b"25")]}
            self.pending = bytearray(b"500 Internal Server Error")
            self.started = self.ended = True
        elif self.state != "done":
            if self.framing != "close":
                # The core closed the connection mid-response (an error after
                # the head went out): the client must not take the cut body for
                # a whole one, and raising is how an ASGI app has the server
                # close the connection.
                self.state = "done"
                await self.flush()
                raise ConnectionAbortedError("response cut short: the app failed after "
                                             "its head was sent")
            self.ended = True
        self.state = "done"
        await self.flush()

    # The parser

    def _body(self, data):
        self.pending += data

    def _end(self):
        self.ended = True
        self.state = "done"

    def _parse(self):
        while self.buf and self.state != "done":
            state = self.state
            buf = self.buf
            if state == "head":
                end = buf.find(b"\r\n\r\n")
                if end < 0:
                    return
                self.buf = buf[end + 4:]
                self._head(buf[:end])
            elif state == "body":
                if self.framing == "length":
                    take = buf[:self.left]
                    self.left -= len(take)
                    self.buf = buf[len(take):]
                    self._body(take)
                    if not self.left:
                        self._end()
                else:
                    self.buf = b""
                    self._body(buf)
            elif state == "chunk-size":
                nl = buf.find(b"\r\n")
                if nl < 0:
                    return
                self.left = int(buf[:nl].split(b";")[0], 16)
                self.buf = buf[nl + 2:]
                self.state = "chunk-data" if self.left else "trailer"
            elif state == "chunk-data":
                take = buf[:self.left]
                self.left -= len(take)
                self.buf = buf[len(take):]
                self._body(take)
                if not self.left:
                    self.state = "chunk-end"
            elif state == "chunk-end":
                if len(buf) < 2:
                    return
                self.buf = buf[2:]
                self.state = "chunk-size"
            elif state == "trailer":
                nl = buf.find(b"\r\n")
                if nl < 0:
                    return
                self.buf = buf[nl + 2:]
                if nl == 0:
                    self._end()

    def _head(self, head):
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ", 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/"):
            raise ValueError("the app wrote no HTTP status line: %r" % lines[0][:80])
        status = int(parts[1])
        if status < 200:
            return  # 100 Continue: the ASGI server sends its own when the body is read
        headers = []
        length = None
        chunked = False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            low = name.strip().lower()
            value = value.strip()
            if low == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            if low in _HOP:
                continue
            if low == b"content-length":
                length = int(value)
            headers.append((low, value))
        self.start = {"type": "http.response.start", "status": status, "headers": headers}
        self.started = True
        bodyless = self.scope["method"] == "HEAD" or status in (204, 304)
        if bodyless or length == 0:
            self._end()
        elif chunked:
            self.framing = "chunked"
            self.state = "chunk-size"
        elif length is not None:
            self.framing = "length"
            self.left = length
            self.state = "body"
        else:
            self.framing = "close"
            self.state = "body"
