"""Admitting connections at the concurrency cap: reclaim a slot from a
connection that makes no progress, let a few newcomers wait for one, refuse
the rest with 503. Loaded the first time the server is full (or closing),
never on the hot path.

Strategy: a slot is taken back only from a connection that has made no
progress for over PATIENCE_MS: idle between requests, silent since it
connected (a browser's preconnect), or still sending an unfinished head
(408). Sooner, and past the cap the server would spend its time closing
keep-alive clients that were about to send their next request. A newcomer
whose whole request head has already arrived (peeked, not read) may also
take the slot of the connection longest on an unfinished head, so clients
that trickle their heads cannot keep a normal request out. Waiting newcomers
get slots freed the same way by the server's watchdog (make_room)."""
from .compat import asyncio, half_close, ticks_diff, ticks_ms
from .connection_end import try_error

PATIENCE_MS = 1000
# After a refusal the server stops accepting for this long.
REFUSED_PAUSE_MS = 100
# A refused client is read from until it closes, so that its request
# unread does not turn the close into a reset that loses the 503; only this
# many at once (each holds a socket and a task), the rest are closed at once.
MAX_LINGERING = 8
_lingering = 0
# Newcomers looked at again for their head before being refused (_head_arrives).
MAX_PROBING = 4
_probing = 0

try:
    import select
    from socket import MSG_PEEK
except ImportError:  # a port without them: newcomers are never peeked at
    select = MSG_PEEK = None


async def admit(server, writer):
    """Whether a new connection may be served; if not, it got a 503 (or,
    while the server shuts down, nothing)."""
    if server.closing:
        return False
    got = await wait_slot(server, writer)
    if got:
        return True
    pause = getattr(server.listener, "pause", None)
    if got is None and pause is not None:
        # No room even to wait: clients that reconnect at once when refused
        # would keep the server busy refusing them, so the next newcomers
        # wait in the listen backlog for a while.
        pause(REFUSED_PAUSE_MS)
    await refuse(writer)
    return False


def _sock(stream):
    return getattr(stream, "s", None)  # none: an in-memory stream (testing.py)


def _pending(stream):
    # Whether bytes have arrived that the connection has not read yet: its
    # next request is on the way, whatever its clock says.
    if getattr(stream, "buf", None):  # CPython's connections buffer what the loop received
        return True
    sock = _sock(stream)
    if sock is None or select is None:
        return False
    try:
        p = select.poll()
        p.register(sock, select.POLLIN)
        return bool(p.poll(0))
    except (AttributeError, OSError, ValueError):
        return False


def _head_arrived(stream):
    # Whether a newcomer's whole request head is already here, looked at
    # without taking it from the socket (the connection reads it as usual).
    sock = _sock(stream)
    if sock is None or MSG_PEEK is None:
        return False
    try:
        data = (getattr(stream, "buf", None) or b"") + sock.recv(2048, MSG_PEEK)
    except (AttributeError, OSError, TypeError, ValueError):
        return False
    return b"\r\n\r\n" in data


async def _head_arrives(writer):
    # A newcomer that would be refused may have connected a moment before
    # sending its request (a busy client): look again for a while, a few
    # newcomers at a time (each holds a socket and a task meanwhile).
    global _probing
    if _probing >= MAX_PROBING or _sock(writer) is None:
        return False
    _probing += 1
    try:
        for _ in range(10):
            await asyncio.sleep(0.02)
            if _head_arrived(writer):
                return True
    finally:
        _probing -= 1
    return False


def _stalled(server):
    """The connection that has made no progress for longest, if for over
    PATIENCE_MS, and the one longest on an unfinished head (any age)."""
    now = ticks_ms()
    idle = server.app.keepalive_timeout * 1000
    stalled = head = None
    most = PATIENCE_MS
    oldest = -1
    for r in server.conns:
        busy = r.busy
        if r.expired or (busy is not None and busy is not False):
            continue  # being served, or already on its way out
        if r.since is not None:
            age = ticks_diff(now, r.since)  # on an unfinished head
            if age > oldest:
                head, oldest = r, age
        elif r.deadline is None or r.buffered():
            continue
        else:
            # Waiting for a (first or next) request since deadline - idle.
            age = ticks_diff(now, r.deadline) + idle
            if age > most and _pending(r.s):
                continue
        if age > most:
            stalled, most = r, age
    return stalled, head


def _take_back(r):
    # The connection's task ends: 408 for an unfinished head, and for a new
    # connection that has sent nothing (its request may be on its way: when
    # the listen backlog overflows, a handshake completes before the data is
    # resent, a second or more later); an idle keep-alive one closes quietly.
    if r.busy is None and r.since is None:
        r.since = 0
    r.expired = True
    r.task.cancel()
    return True


def reclaim(server):
    """Take a slot back from the connection that has made no progress for
    longest, if for over PATIENCE_MS; whether one gave its slot up."""
    r = _stalled(server)[0]
    return r is not None and _take_back(r)


async def wait_slot(server, writer=None):
    """True when a new connection may be served. Past the cap it waits for
    a slot, but only `max_waiting` wait (each holds a socket and tasks): the
    rest are refused (None: no room to wait; False: waited in vain), so
    memory stays bounded."""
    app = server.app
    stalled, head = _stalled(server)
    if stalled is None and head is not None:
        if _head_arrived(writer):
            stalled = head
        elif server.waiting >= app.max_waiting and await _head_arrives(writer):
            if len(server.conns) < app.max_connections:
                return True
            stalled, head = _stalled(server)
            stalled = stalled or head
    if stalled is not None:
        return _take_back(stalled)
    if server.waiting >= app.max_waiting:
        return None
    if server.freed is None:
        server.freed = asyncio.Event()
    server.waiting += 1
    try:
        while len(server.conns) >= app.max_connections and not server.closing:
            server.freed.clear()
            await asyncio.wait_for(server.freed.wait(), app.request_timeout)
    except asyncio.TimeoutError:
        return False
    finally:
        server.waiting -= 1
    return not server.closing


def make_room(server):
    """The watchdog's turn while newcomers wait: one slot taken back for each
    waiting newcomer that no connection on its way out will make room for."""
    n = server.waiting
    for r in server.conns:
        if r.expired or r.busy == 2:
            n -= 1
    while n > 0 and len(server.conns) >= server.app.max_connections and reclaim(server):
        n -= 1


def _drop_arrived(stream):
    # Read and drop what has arrived, without waiting: most resets are avoided.
    sock = _sock(stream)
    try:
        for _ in range(16):
            if not sock.recv(4096):
                return
    except (AttributeError, OSError):
        pass


async def refuse(writer):
    """503 (Connection: close, Retry-After), then read what the client still
    sends until it closes, briefly, before the connection is closed."""
    global _lingering
    await try_error(writer, 503)
    read = getattr(writer, "read", None)
    if read is None or _lingering >= MAX_LINGERING:
        return _drop_arrived(writer)
    _lingering += 1
    try:
        half_close(writer)  # where the runtime can, the client sees EOF now
        for _ in range(16):
            if not await asyncio.wait_for(read(512), 0.5):
                break
    except (asyncio.TimeoutError, OSError):
        pass
    finally:
        _lingering -= 1
