# A buffered reader over the connection's stream.
#
# Strategy: the head parser works on whatever bytes have arrived, so the reader
# keeps them in one buffer that the parser scans and the body readers consume.
# Bytes read past the head stay here for the body or the next pipelined request,
# and for picoweb apps that read from `req.reader` themselves. Only what every
# request needs is here; the reads of bodies and apps live in reader_reads.py.
#
# Timeouts cost no allocation per read: a read records its deadline and the
# server's watchdog cancels a connection whose deadline has passed.
from .compat import read_first, ticks_ms
from .http import HTTPError, parse_head


class Reader:
    """One connection's input: `readline()`, `read(n)` and `readexactly(n)`
    as in asyncio streams (reader_reads.py), and what the server tracks of the
    connection (its task, whether a request is being handled)."""

    # Defaults at class level: on a board every idle connection holds its
    # Reader, and each attribute set in __init__ grows the instance's table.
    deadline = None   # ticks; the watchdog compares it with now
    expired = False   # set by the watchdog before it cancels the task
    used = False      # the app read from it itself: framing is unknown
    busy = None       # True while a request is handled, False between requests, 2 ending
    since = None      # ticks when the unfinished head's first bytes came (admission.py)
    buf = b""         # bytes read and not yet consumed: buf[pos:]
    pos = 0
    chunk = 512       # bytes asked of the stream per read
    timeout_ms = 10000
    owed = None       # the writer that owes the client a 100 Continue (reader_reads.fill_body)

    def __init__(self, stream, chunk=512, timeout_ms=10000, task=None):
        self.s = stream
        if chunk != 512:
            self.chunk = chunk
        if timeout_ms != 10000:
            self.timeout_ms = timeout_ms
        self.task = task       # the connection's task, for the watchdog

    def buffered(self):
        return len(self.buf) - self.pos

    def _took(self, data):
        # Keep what a read returned; False at end of stream.
        self.deadline = None
        if not data:
            return False
        if self.pos >= len(self.buf):
            self.buf = data
        elif self.pos:
            self.buf = self.buf[self.pos:] + data
        else:
            self.buf += data  # a head still arriving: no copy of what came first
        self.pos = 0
        return True

    async def fill(self):
        """Read more bytes into the buffer; False at end of stream."""
        self.deadline = ticks_ms() + self.timeout_ms
        return self._took(await self.s.read(self.chunk))

    async def read_head(self, app):
        # The next request head, parsed (see http.parse_head); None when the
        # client closed, or went idle, between requests. Attributes are read
        # into locals once: on a board each lookup is a hash-table search.
        timeout = app.keepalive_timeout * 1000
        while True:
            buf = self.buf
            pos = self.pos
            # Nothing buffered (the usual keep-alive case): no head to parse yet.
            if pos < len(buf):
                head = parse_head(buf, pos, app.limits)
                timeout = app.request_timeout * 1000
                if head is not None:
                    if self.since is not None:
                        self.since = None
                    self.head_at = pos  # for picoweb's "leave" headers mode
                    self.pos = head[4]
                    self.timeout_ms = timeout  # for the body's reads and the response's writes
                    return head
                if self.since is None:
                    self.since = ticks_ms()  # a slow head: at the cap, the first to go
            elif pos:
                self.buf = b""  # all of it parsed: not kept while the client is idle
                self.pos = 0
            # fill(), inlined: an idle connection holds one coroutine frame fewer.
            self.deadline = ticks_ms() + timeout
            data = read_first(self.s, self.chunk) if self.busy is None else self.s.read(self.chunk)
            if not self._took(await data):
                if self.buf[self.pos:].strip():
                    raise HTTPError(400)  # the client stopped mid-head
                return None

    def __getattr__(self, name):
        # The reads bodies and apps use (reader_reads.METHODS), installed
        # on the class on first use: the hot path never compiles them.
        from .reader_reads import load
        return load(self, name)
