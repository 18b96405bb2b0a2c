"""CPython's side of compat.py: only compat imports this, and only on CPython."""
import asyncio
import socket
import time
import types


GONE_TYPE = ConnectionError  # asyncio's "Connection lost" has no errno


def collect():
    pass  # nothing to gain: CPython never compiles on a small heap


def ticks_ms():
    return int(time.monotonic() * 1000)


def ticks_diff(a, b):
    return a - b


class _Both:
    """An awaitable that is also iterable, so picoweb 1.x code can use
    `yield from resp.awrite(...)` inside a plain generator on CPython."""
    __slots__ = ("coro",)

    def __init__(self, coro):
        self.coro = coro

    def __await__(self):
        return self.coro.__await__()

    __iter__ = __await__


def bridge(func):
    """Make an `async def` method usable both with await and yield from."""
    def both(*args, **kw):
        return _Both(func(*args, **kw))
    both.__name__ = func.__name__
    both.__doc__ = func.__doc__
    return both


awaitable = _Both


def half_close(writer):
    try:
        if writer.can_write_eof():
            writer.write_eof()
    except (OSError, AttributeError, RuntimeError):
        pass


def read_first(stream, n):
    now = getattr(stream, "read_now", None)  # not there: an in-memory stream (testing.py)
    return stream.read(n) if now is None else now(n)


async def close_stream(writer):
    # The transport closes by itself; waiting for it costs a loop turn.
    try:
        writer.close()
    except OSError:
        pass


class _GenAwaitable:
    __slots__ = ("gen",)

    def __init__(self, gen):
        self.gen = gen

    def __await__(self):
        return self.gen


def run_generator(gen):
    """An awaitable driving a picoweb 1.x generator handler: asyncio's Task
    cannot run a bare generator, but it can await through one; one marked by
    drive_generators() is awaitable itself."""
    if gen.gi_code.co_flags & 0x100:
        return gen
    return _GenAwaitable(gen)


_GENERATOR = 0x20            # inspect.CO_GENERATOR
_COROUTINES = 0x100 | 0x180  # CO_ITERABLE_COROUTINE, CO_COROUTINE


def drive_generators(handler, seen=None):
    """Let picoweb 1.x generator handlers `yield from` a coroutine
    (`yield from asyncio.sleep(1)`): a plain generator may not, on any
    CPython. As types.coroutine() does, the handler's code is marked a
    generator-based coroutine (it still iterates as before); so are the
    generators its closure holds (a decorator's wrapped handler) and those
    of its module (helpers it delegates to with `yield from`)."""
    func = getattr(handler, "__func__", handler)
    if seen is None:
        seen = set()
    if id(func) in seen or type(func) is not types.FunctionType:
        return
    seen.add(id(func))
    code = func.__code__
    if code.co_flags & _GENERATOR and not code.co_flags & _COROUTINES:
        func.__code__ = code.replace(co_flags=code.co_flags | 0x100)
    for cell in func.__closure__ or ():
        try:
            drive_generators(cell.cell_contents, seen)
        except ValueError:
            pass  # an empty cell
    if len(seen) == 1:
        for value in list(func.__globals__.values()):
            if type(value) is types.FunctionType:
                drive_generators(value, seen)


def get_event_loop():
    """The loop that tasks created before `run()` went to (picoweb apps do
    `asyncio.get_event_loop().create_task(...)` first); a new one if none."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return asyncio.get_event_loop()
        except RuntimeError:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            return loop


# -- the connection I/O -----------------------------------------------------
# asyncio's transports cost more Python per connection than a small request
# costs us: a transport object, callbacks scheduled on the loop, a selector
# registration even when the request came with the connection, another to
# undo it. The server needs only "bytes arrived" and "write these", which the
# sans-IO parser makes enough, so a connection is its socket and one object:
# a read takes what the socket has and registers with the loop only when it
# has nothing; a write goes straight to the socket and is buffered only when
# the kernel takes less. On loopback this halves what a connection costs
# (bench/: `Connection: close` rates). The loop is still asyncio's (or any
# loop with add_reader/add_writer, uvloop included).

_PAUSE_AT = 65536  # bytes buffered unread (or unsent) before reading (or the writer) waits


def sent(writer):
    # A response's last write, all taken by the socket: drain() raises if the
    # connection was lost (and waits for nothing else here).
    return writer.drain()


class _Conn:
    """One accepted socket: both the reader and the writer the connection loop expects."""
    __slots__ = ("s", "fd", "loop", "buf", "eof", "waiter", "reading", "held", "out_buf",
                 "drainer", "lost", "closing", "shut")

    def __init__(self, sock, loop):
        self.s = sock
        self.fd = sock.fileno()
        self.loop = loop
        self.buf = b""          # received, not yet taken by read()
        self.eof = False
        self.waiter = None      # a future while read() waits for bytes
        self.reading = False    # registered with the loop for readability
        self.held = False       # unregistered while buf is full (a pipelined flood)
        self.out_buf = None     # a bytearray of what the kernel has not taken yet
        self.drainer = None     # a future while drain() waits for out_buf to shrink
        self.lost = False       # the socket failed, or is closed
        self.closing = False    # close once out_buf is sent
        self.shut = False       # send end-of-stream once out_buf is sent

    # The reader half: what stream.Reader calls.

    async def read_now(self, n):
        # A connection's first reads: the bytes may be here already (a request
        # sent with its connection), so the socket is tried first: no
        # registration, no loop turn. Only the first: later reads wait for the
        # loop, so one busy client cannot keep the others from their turn.
        if not self.buf and not self.reading and not self.eof:
            data = self._recv()
            if data is not None:
                return data
        return await self.read(n)

    async def read(self, n):
        # What has arrived, up to 32 KiB whatever `n` (the board-sized
        # read_chunk): slicing a flood of pipelined requests 512 bytes at a
        # time would copy it over and over. b"" at end of stream.
        while not self.buf:
            if self.eof:
                return b""
            self._watch_reads()
            self.waiter = self.loop.create_future()
            await self.waiter
        data = self.buf
        n = max(n, _PAUSE_AT // 2)
        if len(data) > n:
            self.buf = data[n:]
            data = data[:n]
        else:
            self.buf = b""
        if self.held and len(self.buf) <= _PAUSE_AT // 2:
            self.held = False
            self._watch_reads()
        return data

    def _recv(self):
        # Bytes, b"" at end of stream (or on a reset), None when none yet.
        try:
            data = self.s.recv(65536)
        except (BlockingIOError, InterruptedError):
            return None
        except OSError:
            data = b""
        if not data:
            self.eof = True
            self._unwatch_reads()
        return data

    def _watch_reads(self):
        if not self.reading and not self.lost:
            self.reading = True
            self.loop.add_reader(self.fd, self._readable)

    def _unwatch_reads(self):
        if self.reading:
            self.reading = False
            self.loop.remove_reader(self.fd)

    def _readable(self):
        data = self._recv()
        if data:
            self.buf = self.buf + data if self.buf else data
            if len(self.buf) > _PAUSE_AT:
                self.held = True
                self._unwatch_reads()
        if data is not None:
            self._wake()

    def _wake(self):
        w = self.waiter
        if w is not None:
            self.waiter = None
            if not w.done():
                w.set_result(None)

    # The writer half: what the response and the server call.

    def write(self, data):
        if self.lost or self.closing:
            return
        if self.out_buf is not None:
            self.out_buf += data
            return
        try:
            n = self.s.send(data)
        except (BlockingIOError, InterruptedError):
            n = 0
        except OSError:
            return self._lose()
        if n < len(data):
            self.out_buf = bytearray(memoryview(data)[n:])
            self.loop.add_writer(self.fd, self._writable)

    def _writable(self):
        try:
            n = self.s.send(self.out_buf)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            return self._lose()
        del self.out_buf[:n]
        if not self.out_buf:
            self.out_buf = None
            self.loop.remove_writer(self.fd)
            if self.shut:
                self.write_eof()
            if self.closing:
                self._close_now()
        if self.drainer is not None and (self.out_buf is None or len(self.out_buf) <= _PAUSE_AT // 4):
            d, self.drainer = self.drainer, None
            if not d.done():
                d.set_result(None)

    async def drain(self):
        if self.lost:
            raise ConnectionResetError(104, "connection lost")
        if self.out_buf is not None and len(self.out_buf) > _PAUSE_AT:
            self.drainer = self.loop.create_future()
            await self.drainer
            if self.lost:
                raise ConnectionResetError(104, "connection lost")

    def _lose(self):
        # The socket failed: nothing more can be read or sent. Waiters wake.
        self.lost = self.eof = True
        self._unwatch_reads()
        if self.out_buf is not None:
            self.out_buf = None
            self.loop.remove_writer(self.fd)
        self._wake()
        d, self.drainer = self.drainer, None
        if d is not None and not d.done():
            d.set_result(None)

    def close(self):
        if self.out_buf is not None and not self.lost:
            self.closing = True  # once the rest is sent
        else:
            self._close_now()

    def _close_now(self):
        if self.fd >= 0:
            self._lose()  # unregisters before the fd can be reused
            self.fd = -1
            self.s.close()

    async def wait_closed(self):
        pass

    def get_extra_info(self, name, default=None):
        try:
            if name == "peername":
                return self.s.getpeername()
            if name == "sockname":
                return self.s.getsockname()
        except OSError:
            pass
        return self.s if name == "socket" else default

    def can_write_eof(self):
        return True

    def write_eof(self):
        if self.out_buf is not None:
            self.shut = True  # once the rest is sent
            return
        self.shut = False
        try:
            self.s.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class _Listener:
    """The part of asyncio.Server the server uses: `sockets` and `close()`."""

    def __init__(self, socks, loop, serve):
        self.sockets = socks
        self.loop = loop
        self.serve = serve
        self.batch = 64  # connections taken per loop turn (few after a pause)
        for s in socks:
            loop.add_reader(s.fileno(), self._accept, s)

    def _accept(self, ls):
        for _ in range(self.batch):  # a burst is taken in one loop turn, as asyncio does
            try:
                sock, _ = ls.accept()
            except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                self.batch = 64  # the backlog is drained: no longer full
                return
            except OSError:
                # Out of descriptors (or buffers): stop accepting for a moment
                # rather than spin; the clients wait in the backlog.
                self.loop.remove_reader(ls.fileno())
                self.loop.call_later(0.5, self._resume, ls)
                return
            sock.setblocking(False)
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
            c = _Conn(sock, self.loop)
            self.loop.create_task(self.serve(c, c))

    def _resume(self, ls):
        if ls in self.sockets:
            self.loop.add_reader(ls.fileno(), self._accept, ls)

    def pause(self, ms):
        """Stop accepting for `ms`: the server is full and has just refused a
        newcomer, so the next ones wait in the listen backlog for a while
        rather than cost a refusal each. Until the backlog is drained, a
        loop turn takes only a few, so most of them wait there."""
        self.batch = 4
        for ls in self.sockets:
            self.loop.remove_reader(ls.fileno())
            self.loop.call_later(ms / 1000, self._resume, ls)

    def close(self):
        socks, self.sockets = self.sockets, []
        for s in socks:
            self.loop.remove_reader(s.fileno())
            s.close()


class _TLSConn:
    """A TLS connection as the connection loop sees one (read, write, drain,
    close): asyncio's streams, which do the TLS; the plain sockets above
    would have to."""

    out_buf = b""  # asyncio's transport buffers what the kernel has not taken

    def __init__(self, reader, writer):
        self.r = reader
        self.w = writer

    def read(self, n):
        return self.r.read(n)

    def write(self, data):
        self.w.write(data)

    def drain(self):
        return self.w.drain()

    def close(self):
        self.w.close()

    def get_extra_info(self, name, default=None):
        return self.w.get_extra_info(name, default)

    def can_write_eof(self):
        return False  # TLS has no half close: lingering just reads


class _TLSListener:
    """asyncio's Server, with the listener's interface (sockets, close)."""

    def __init__(self, server):
        self.server = server
        self.sockets = server.sockets

    def close(self):
        self.server.close()


async def start_tls_server(serve, host, port, backlog, context):
    """Listen with TLS (an ssl.SSLContext): asyncio does the handshake. A
    client that speaks plain HTTP to this port fails its handshake, which
    asyncio logs only in debug mode, and is closed."""
    def connected(reader, writer):
        c = _TLSConn(reader, writer)
        return serve(c, c)
    server = await asyncio.start_server(connected, host, port, ssl=context, backlog=backlog)
    return _TLSListener(server)


async def start_server(serve, host, port, backlog=100):
    """asyncio.start_server's contract (serve(reader, writer) per connection),
    on plain non-blocking sockets."""
    loop = asyncio.get_running_loop()
    socks = []
    seen = set()
    try:
        for family, kind, proto, _, addr in socket.getaddrinfo(
                host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE):
            if addr in seen:
                continue
            seen.add(addr)
            s = socket.socket(family, kind, proto)
            socks.append(s)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            s.bind(addr)
            s.listen(backlog)
            s.setblocking(False)
    except OSError:
        for s in socks:
            s.close()
        raise
    return _Listener(socks, loop, serve)
