"""Reader methods for bodies and for apps that read the stream themselves,
installed on Reader the first time one is used (see lazy.py)."""
from .compat import awaitable
from .lazy import install_method


def take(self, n):
    """Up to `n` buffered bytes, without waiting."""
    p = self.pos
    if p == 0 and n >= len(self.buf):
        data = self.buf
    else:
        data = self.buf[p:p + n]
    self.pos = p + len(data)
    return data


async def fill_body(self):
    """fill() for a request body: first the 100 Continue the client waits
    for, if owed (the connection's answer, written here once)."""
    w = self.owed
    if w is not None:
        self.owed = None
        w.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        await w.drain()
    return await self.fill()


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


METHODS = ("fill_body", "take", "_read", "_readexactly", "_readline", "read", "readexactly", "readline")


def load(reader, name):
    return install_method(reader, name, globals(), METHODS)
