# MicroPython's side of compat.py: the listening socket and connections, as
# plain non-blocking sockets on MicroPython's own scheduler. Imported by
# compat.py on MicroPython only; compat_cpython.py does the same job for CPython.
#
# Strategy: asyncio.start_server accepts one connection per wake-up of the
# poller and wraps each in a Stream (and a dict for its address). Here one
# wake-up accepts up to four waiting connections (more let a burst past the
# concurrency cap hold more heap at once: 115 KB at 64 connections, 140 KB
# with sixteen), and a connection is the socket with the few methods the
# connection loop calls. A read gives the other tasks a turn and then tries
# the socket; only when it has nothing does it wait for the poller, through
# the scheduler's own I/O queue as MicroPython's streams do (registering with
# the poller costs more than the rest of a keep-alive read). Writes go
# straight to the socket and are buffered only when it takes less.
# A canned response served this way (bench/apps/raw_sockets_app.py) takes
# 32k instructions per `Connection: close` request, on asyncio's streams
# (the raw ceiling) 109k: bench/instructions.py.
import asyncio  # a leaf: compat imports this module, never the other way

_io = asyncio.core._io_queue  # queue_read(sock) / queue_write(sock): wake when ready

_EAGAIN = 11


class Conn:
    """One accepted socket: both the reader and the writer the connection loop expects."""

    out_buf = b""  # what the socket has not taken yet

    def __init__(self, sock, peer):
        self.s = sock
        self.peer = peer

    def read(self, n):
        # A turn for the other tasks first, so a client that keeps sending
        # cannot keep the others waiting; then the socket, which by then
        # often has the next request; the poller only when it has nothing.
        yield from asyncio.sleep_ms(0)
        while True:
            try:
                data = self.s.read(n)
            except MemoryError:
                # A heap split into small holes may have no room for `n`
                # bytes at once (the read's buffer is one block); a small
                # read still fits, and the connection goes on.
                data = self.s.read(64)
            if data is not None:
                return data
            yield _io.queue_read(self.s)

    def write(self, data):
        if not self.out_buf:
            n = self.s.write(data)
            if n == len(data):
                return
            if n:
                data = data[n:]
        self.out_buf += data

    def drain(self):
        if not self.out_buf:
            # A turn for the other tasks: a handler streaming to a fast client
            # writes and drains in a loop that would otherwise never yield.
            return (yield from asyncio.sleep_ms(0))
        view = memoryview(self.out_buf)
        done = 0
        while done < len(view):
            yield _io.queue_write(self.s)
            n = self.s.write(view[done:])
            if n:
                done += n
        self.out_buf = b""

    def close(self):
        pass  # wait_closed() closes, as MicroPython's Stream does

    def wait_closed(self):
        self.s.close()
        return ()

    def get_extra_info(self, name, default=None):
        return self.peer if name == "peername" else default


class Listener:
    """What start_server() returns: close() stops accepting."""

    hold = 0  # ms to wait before the next accept (pause)

    def __init__(self, sock, cb):
        self.s = sock
        self.cb = cb
        self.task = asyncio.create_task(self._accept())

    def _accept(self):
        s = self.s
        while True:
            yield _io.queue_read(s)
            if self.hold:
                hold, self.hold = self.hold, 0
                yield from asyncio.sleep_ms(hold)
            for _ in range(4):
                try:
                    sock, peer = s.accept()
                except OSError as e:
                    if e.args[0] != _EAGAIN:
                        # Out of file descriptors (or memory for one): wait,
                        # rather than spin on a socket that stays readable.
                        yield from asyncio.sleep_ms(500)
                    break
                sock.setblocking(False)
                conn = Conn(sock, peer)
                asyncio.create_task(self.cb(conn, conn))

    def pause(self, ms):
        # Full, and a newcomer was refused: the next ones wait in the listen
        # backlog for a while, rather than cost a refusal each.
        self.hold = ms

    def close(self):
        self.task.cancel()
        self.s.close()


async def start_server(cb, host, port, backlog=5):
    import socket
    ai = socket.getaddrinfo(host, port)[0]
    s = socket.socket(ai[0], socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(ai[-1])
    s.listen(backlog)
    s.setblocking(False)
    return Listener(s, cb)
