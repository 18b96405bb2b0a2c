"""A buffered reader over the connection's stream.

Strategy: the head parser works on whatever bytes have arrived, so the reader
keeps them in one buffer that the parser scans and the body readers consume.
Bytes read past the head stay here for the body or the next pipelined request,
and for picoweb apps that read from `req.reader` themselves.

Timeouts cost no allocation per read: a read records its deadline and the
server's watchdog cancels a connection whose deadline has passed.
"""
from .compat import awaitable, ticks_ms


class Reader:
    """`readline()`, `read(n)` and `readexactly(n)` as in asyncio streams."""

    def __init__(self, stream, chunk=512, timeout_ms=10000):
        self.s = stream
        self.buf = b""
        self.pos = 0
        self.chunk = chunk
        self.timeout_ms = timeout_ms
        self.deadline = None   # ticks; the watchdog compares it with now
        self.expired = False   # set by the watchdog before it cancels the task
        self.used = False      # the app read from it itself: framing is unknown

    def buffered(self):
        return len(self.buf) - self.pos

    async def fill(self):
        """Read more bytes into the buffer; False at end of stream."""
        self.deadline = ticks_ms() + self.timeout_ms
        try:
            data = await self.s.read(self.chunk)
        finally:
            self.deadline = None
        if not data:
            return False
        if self.pos >= len(self.buf):
            self.buf = data
        else:
            self.buf = self.buf[self.pos:] + data
        self.pos = 0
        return True

    def take(self, n):
        """Up to `n` buffered bytes, without waiting."""
        p = self.pos
        if p == 0 and n >= len(self.buf):
            data = self.buf
        else:
            data = self.buf[p:p + n]
        self.pos = p + len(data)
        return data

    async def _read(self, n=-1):
        if n < 0:
            parts = [self.take(self.buffered())]
            while await self.fill():
                parts.append(self.take(self.buffered()))
            return b"".join(parts)
        if not self.buffered() and not await self.fill():
            return b""
        return self.take(n)

    async def _readexactly(self, n):
        parts = []
        while n > 0:
            if not self.buffered() and not await self.fill():
                raise EOFError
            part = self.take(n)
            n -= len(part)
            parts.append(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    async def _readline(self, limit=-1):
        """A line with its b"\n"; shorter at the end of the stream, or when
        `limit` bytes came without one (the caller then rejects it)."""
        parts = []
        got = 0
        while True:
            i = self.buf.find(b"\n", self.pos)
            if i >= 0:
                parts.append(self.take(i + 1 - self.pos))
                break
            part = self.take(self.buffered())
            parts.append(part)
            got += len(part)
            if 0 <= limit <= got or not await self.fill():
                break
        return parts[0] if len(parts) == 1 else b"".join(parts)

    # The app's own reads (picoweb 1.x handlers read bodies from req.reader):
    # the server can no longer tell where the next request starts, so it
    # closes the connection after the response.
    def read(self, n=-1):
        self.used = True
        return awaitable(self._read(n))

    def readexactly(self, n):
        self.used = True
        return awaitable(self._readexactly(n))

    def readline(self):
        self.used = True
        return awaitable(self._readline())
