# Every difference between CPython and MicroPython that the core cares about.
#
# Strategy: decide once, at import, and export plain names; the rest of the core
# never tests the runtime itself. The names defined here are MicroPython's; on
# CPython, compat_cpython.py replaces the ones that differ, so a board neither compiles
# nor keeps any CPython-only code.
import gc
import sys
import time

MICROPYTHON = sys.implementation.name == "micropython"

try:
    import asyncio
except ImportError:  # MicroPython before 1.13 named it uasyncio
    import uasyncio as asyncio

CancelledError = asyncio.CancelledError

# Exception classes that mean "the client went away" without an errno
# (peer.client_gone): CPython's asyncio raises ConnectionResetError("Connection
# lost"). MicroPython has only OSError.
GONE_TYPE = ()


# A bare generator is what picoweb 1.x handlers are; on MicroPython it is also
# what an `async def` call returns.
GeneratorType = type((lambda: (yield))())


async def _coro():
    pass


_c = _coro()
CoroutineType = type(_c)  # the same as GeneratorType on MicroPython
if hasattr(_c, "close"):
    _c.close()  # never run: close it so CPython doesn't warn
del _c


def same(obj):
    return obj


# Coroutines are generators here, so `await` and `yield from` already work on
# the same object: the adapters CPython needs are the identity, and allocate
# nothing. Sockets have no shutdown(), so half_close does nothing either.
bridge = awaitable = run_generator = half_close = same
get_event_loop = asyncio.get_event_loop

if MICROPYTHON:
    collect = gc.collect  # see __init__.py: a board compiles modules on its own heap
    ticks_ms = time.ticks_ms
    ticks_diff = time.ticks_diff

    try:
        # Plain sockets on the scheduler's I/O queue (compat_micropython.py).
        # Loaded here, early, while the heap is still clean: compiling it is a
        # board's biggest transient need after start-up.
        from .compat_micropython import start_server
    except (AttributeError, ImportError):  # an asyncio without that queue: its own streams
        start_server = asyncio.start_server

    async def close_stream(writer):
        # MicroPython's Stream.close() does nothing: wait_closed() closes.
        try:
            await writer.wait_closed()
        except OSError:
            pass  # the peer went first

    def sent(writer):
        # What a response's last write awaits when the socket took it all:
        # nothing. Stream.drain() would give the scheduler a turn, which the
        # connection's next read gives anyway (compat_micropython.Conn.read yields first).
        return ()

    async def read_first(stream, n):
        # A connection's first reads. Stream.read() waits for the poller before
        # every read, a turn of the scheduler even when the request came with
        # the connection: the socket is tried first (None: nothing yet). Later
        # reads wait their turn, so one busy client cannot starve the others.
        sock = getattr(stream, "s", None)  # not there: an in-memory stream (testing.py)
        try:
            data = None if sock is None else sock.read(n)
        except MemoryError:
            data = None  # no room for `n` bytes at once: the stream's read copes
        return await stream.read(n) if data is None else data
else:
    from .compat_cpython import (GONE_TYPE, awaitable, bridge, close_stream, collect,  # noqa
                          get_event_loop, half_close, read_first, run_generator, sent,
                          start_server, ticks_diff, ticks_ms)


async def maybe_await(value):
    """Await `value` if it is a coroutine or a generator-based handler body."""
    if isinstance(value, CoroutineType):
        return await value
    if isinstance(value, GeneratorType):
        return await run_generator(value)
    if hasattr(value, "__await__"):
        return await value
    return value
