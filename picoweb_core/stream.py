"""A buffered reader over the connection's stream.

Strategy: the head parser works on whatever bytes have arrived, so the reader
keeps them in one buffer that the parser scans and the body readers consume.
Bytes read past the head stay here for the body or the next pipelined request,
and for picoweb apps that read from `req.reader` themselves. Only what every
request needs is here; the reads of bodies and apps live in reads.py.

Timeouts cost no allocation per read: a read records its deadline and the
server's watchdog cancels a connection whose deadline has passed.
"""
from .compat import ticks_ms


class Reader:
    """One connection's input: `readline()`, `read(n)` and `readexactly(n)`
    as in asyncio streams (reads.py), and what the server tracks of the
    connection (its task, whether a request is being handled)."""

    def __init__(self, stream, chunk=512, timeout_ms=10000, task=None):
        self.s = stream
        self.buf = b""
        self.pos = 0
        self.chunk = chunk
        self.timeout_ms = timeout_ms
        self.deadline = None   # ticks; the watchdog compares it with now
        self.expired = False   # set by the watchdog before it cancels the task
        self.used = False      # the app read from it itself: framing is unknown
        self.task = task       # the connection's task, for the watchdog
        self.busy = False      # a request is being handled

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

    def __getattr__(self, name):
        from .reads import load
        return load(self, name)
