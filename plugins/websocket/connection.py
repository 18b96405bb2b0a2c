# One open WebSocket: messages in and out over the connection the core gave
# the handler, with the close handshake.
#
# Strategy: the handler's task owns the connection's input: receive() reads
# the socket, feeds the sans-IO parser and answers pings and closes itself.
# Any task may send; a frame goes out in one write, or under a lock when it is
# large enough to be written as header then payload, so frames never
# interleave. Reads bypass the HTTP reader's deadline (an idle WebSocket is
# not a slow request); writes keep the core's write deadline, so a client that
# stops reading is still cut off after request_timeout.
from .compat import COPY_LIMIT, asyncio, client_gone
from .frames import BINARY, CLOSE, PING, PONG, TEXT, FrameParser, ProtocolError, close_payload, \
    frame_header

# Every open WebSocket, so shutdown() can close them with 1001 (close_all).
OPEN = []


class ConnectionClosed(Exception):
    """Raised by receive() and send() once the WebSocket is closed; `code` and
    `reason` are what the peer sent (1006: the connection was lost)."""

    def __init__(self, code=1006, reason=""):
        super().__init__(code, reason)
        self.code = code
        self.reason = reason


class WebSocket:
    """The handler's side of a WebSocket.

    >>> msg = await ws.receive()       # str (text) or bytes (binary)
    >>> await ws.send("hello")         # str -> text frame, bytes -> binary
    >>> await ws.close(1000)
    >>> async for msg in ws: ...       # ends when the peer closes
    """

    # A frame goes out in one write (its header joined to its payload): a
    # header written alone makes the kernel hold the payload back until the
    # peer acknowledges (Nagle), 40 ms per message. On a board a payload
    # larger than COPY_LIMIT is written in two parts instead of being copied.
    copy_limit = COPY_LIMIT

    # Defaults at class level: on a board each attribute set in __init__
    # grows the instance's table, and an open WebSocket is held for long.
    ping_interval = None  # seconds; see with_websocket()
    ping_sent = False     # a ping went out and nothing came back since
    close_sent = False
    closed = False        # the closing handshake is over, or the connection lost
    code = None           # the peer's close code
    reason = ""
    reading = False       # receive() is waiting for the socket
    lock = None
    subprotocol = None
    close_timeout = 5

    def __init__(self, req, resp, max_message, close_timeout=5, subprotocol=None,
                 ping_interval=None):
        self.req = req
        self.resp = resp
        self.parser = FrameParser(max_message)
        self.task = asyncio.current_task()
        if close_timeout != 5:
            self.close_timeout = close_timeout
        if subprotocol is not None:
            self.subprotocol = subprotocol
        if ping_interval:
            self.ping_interval = ping_interval

    # -- receiving --------------------------------------------------------

    async def receive(self):
        """The next message: str for text, bytes for binary. Pings are
        answered and the close handshake done on the way; raises
        ConnectionClosed once the WebSocket is closed."""
        parser = self.parser
        while True:
            if self.closed:
                raise ConnectionClosed(self.code or 1006, self.reason)
            try:
                ev = parser.next()
            except ProtocolError as e:
                await self._fail(e.code, e.reason)
                continue
            if ev is None:
                data = await self._read()
                if data:
                    parser.feed(data)
                else:
                    self.closed = True  # gone without a close frame
                    self.code = self.code or 1006
                continue
            kind = ev[0]
            if kind == "text" or kind == "binary":
                if not self.close_sent:
                    return ev[1]
                # After our close frame, the peer's last messages are dropped.
            elif kind == "ping":
                if not self.close_sent:
                    await self._frame(PONG, ev[1])
            elif kind == "close":
                self.code, self.reason = ev[1]
                if not self.close_sent:
                    await self._send_close(self.code)  # echo the peer's code
                self.closed = True

    async def _read(self):
        r = self.req.reader
        n = r.buffered()
        if n:
            return r.take(n)  # what came with the handshake's request
        self.reading = True
        try:
            if self.ping_interval is None:
                return await r.s.read(r.chunk)
            return await self._read_or_ping(r)
        except OSError as e:
            if client_gone(e):
                return b""
            raise
        finally:
            self.reading = False

    async def _read_or_ping(self, r):
        # A peer that vanished without closing (a board's Wi-Fi dropped, a
        # laptop lid shut) would hold its connection slot forever: when
        # nothing comes for ping_interval seconds, ping; when still nothing
        # comes (not even the pong) for as long again, the peer is gone.
        while True:
            try:
                data = await asyncio.wait_for(r.s.read(r.chunk), self.ping_interval)
            except asyncio.TimeoutError:
                if self.ping_sent:
                    return b""
                self.ping_sent = True
                await self._frame(PING, b"")
                continue
            self.ping_sent = False
            return data

    def __aiter__(self):
        return self

    async def __anext__(self):
        try:
            return await self.receive()
        except ConnectionClosed:
            raise StopAsyncIteration

    # -- sending ----------------------------------------------------------

    async def send(self, data):
        """Send one message: str as text, bytes-like as binary."""
        if self.close_sent or self.closed:
            raise ConnectionClosed(self.code or 1006, self.reason)
        if isinstance(data, str):
            await self._frame(TEXT, data.encode())
        else:
            await self._frame(BINARY, data)

    async def _frame(self, opcode, payload):
        head = frame_header(opcode, len(payload))
        lock = self.lock
        try:
            if len(payload) <= self.copy_limit:
                data = head + bytes(payload)
                if lock is None or not lock.locked():
                    await self.resp.awrite(data)
                    return
                await lock.acquire()
                try:
                    await self.resp.awrite(data)
                finally:
                    lock.release()
                return
            if lock is None:
                lock = self.lock = asyncio.Lock()
            await lock.acquire()
            try:
                cut = self.copy_limit
                await self.resp.awrite(head + bytes(payload[:cut]))
                await self.resp.awrite(memoryview(payload)[cut:])
            finally:
                lock.release()
        except OSError as e:
            if not client_gone(e):
                raise
            self.closed = True
            self.code = self.code or 1006
            raise ConnectionClosed(1006)

    # -- closing ----------------------------------------------------------

    async def close(self, code=1000, reason=""):
        """Start (or finish) the closing handshake with `code`, then wait up
        to `close_timeout` seconds for the peer's close frame. Called from
        another task than the handler's, it only sends the close frame: the
        handler's receive() (or its end) completes the handshake."""
        if not self.close_sent and not self.closed:
            try:
                await self._send_close(code, reason)
            except ConnectionClosed:
                return
        if self.closed or self.reading or asyncio.current_task() is not self.task:
            return
        try:
            await asyncio.wait_for(self._drain(), self.close_timeout)
        except asyncio.TimeoutError:
            pass
        self.closed = True

    async def _drain(self):
        try:
            while True:
                await self.receive()
        except ConnectionClosed:
            pass

    async def _send_close(self, code, reason=""):
        self.close_sent = True
        await self._frame(CLOSE, close_payload(code, reason))

    async def _fail(self, code, reason):
        # The peer broke the protocol: say why and drop the connection (RFC 6455 7.1.7).
        self.code = code
        self.reason = reason
        if not self.close_sent:
            try:
                await self._send_close(code, reason[:123])
            except ConnectionClosed:
                self.closed = True
                return
        self.closed = True
        # Closing with unread input makes the kernel reset the connection, and
        # the peer could lose the close frame it has not read yet: read and
        # drop what it is still sending (at most 64 KiB, half a second a read).
        dropped = 0
        try:
            while dropped < 65536:
                data = await asyncio.wait_for(self._read(), 0.5)
                if not data:
                    break
                dropped += len(data)
        except (asyncio.TimeoutError, OSError):
            pass


async def close_all(app=None, code=1001, reason="server shutting down"):
    """Send a close frame to every open WebSocket (of `app`, if given)."""
    for ws in list(OPEN):
        if app is None or ws.req.app is app:
            try:
                await ws.close(code, reason)
            except (OSError, ConnectionClosed):
                pass
