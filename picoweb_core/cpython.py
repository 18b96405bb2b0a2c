"""CPython's side of compat.py: only compat imports this, and only on CPython."""
import asyncio
import time


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
    cannot run a bare generator, but it can await through one."""
    return _GenAwaitable(gen)


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
