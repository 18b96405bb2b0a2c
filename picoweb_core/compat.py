"""Every difference between CPython and MicroPython that the core cares about.

Strategy: decide once, at import, and export plain names; the rest of the core
never tests the runtime itself.
"""
import sys

MICROPYTHON = sys.implementation.name == "micropython"

try:
    import asyncio
except ImportError:  # MicroPython before 1.13 named it uasyncio
    import uasyncio as asyncio

# errno values that mean "the client went away": muted, never a 500 or a traceback.
GONE = (32, 103, 104, 107, 110)  # EPIPE, ECONNABORTED, ECONNRESET, ENOTCONN, ETIMEDOUT


def client_gone(exc):
    return isinstance(exc, OSError) and bool(exc.args) and exc.args[0] in GONE


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

if MICROPYTHON:
    import time

    def ticks_ms():
        return time.ticks_ms()

    def ticks_diff(a, b):
        return time.ticks_diff(a, b)

    def is_coroutine(obj):
        return isinstance(obj, GeneratorType)

    def bridge(func):
        # Coroutines are generators here, so `yield from` and `await` already
        # work on the same object: nothing to add, nothing to allocate.
        return func

    def awaitable(coro):
        return coro

    def half_close(writer):
        pass  # MicroPython sockets have no shutdown()

    async def close_stream(writer):
        # MicroPython's Stream.close() does nothing: wait_closed() closes.
        try:
            await writer.wait_closed()
        except OSError:
            pass  # the peer went first

    def peer_address(writer):
        """("ip", port) of the client; the unix port gives a raw sockaddr."""
        addr = writer.get_extra_info("peername")
        if isinstance(addr, (bytes, bytearray)):
            import socket
            _, ip, port = socket.sockaddr(addr)
            if isinstance(ip, (bytes, bytearray)):
                ip = ".".join(str(b) for b in ip) if len(ip) == 4 else socket.inet_ntop(10, ip)
            addr = (ip, port)
        return addr

    def run_generator(gen):
        return gen

    def is_async_iterable(obj):
        return False

    def get_event_loop():
        return asyncio.get_event_loop()

    CancelledError = asyncio.CancelledError

else:
    import time

    def ticks_ms():
        return int(time.monotonic() * 1000)

    def ticks_diff(a, b):
        return a - b

    def is_coroutine(obj):
        return isinstance(obj, GeneratorType) or hasattr(obj, "__await__")

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

    def peer_address(writer):
        return writer.get_extra_info("peername")

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

    def is_async_iterable(obj):
        return hasattr(obj, "__aiter__")

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

    CancelledError = asyncio.CancelledError


async def maybe_await(value):
    """Await `value` if it is a coroutine or a generator-based handler body."""
    if isinstance(value, CoroutineType):
        return await value
    if isinstance(value, GeneratorType):
        return await run_generator(value)
    if is_coroutine(value):
        return await value
    return value


def install_method(cls, obj, name, namespace, names):
    """Install the function `namespace[name]` as a method of `cls` and return
    it bound to `obj`. Called from `__getattr__`: code that most apps never
    run costs no heap until one does, and then only one lookup."""
    if name not in names:
        raise AttributeError("%r object has no attribute %r" % (cls.__name__, name))
    setattr(cls, name, namespace[name])
    return getattr(obj, name)


_dirs = {}  # package name -> its folder, found once


def package_dir(pkg):
    """The folder of package (or module) `pkg`, with a trailing "/"; "" for
    None or "__main__", where picoweb 1.x opened files relative to the cwd."""
    if not pkg or pkg == "__main__":
        return ""
    d = _dirs.get(pkg)
    if d is None:
        mod = sys.modules.get(pkg) or __import__(pkg)
        path = getattr(mod, "__path__", None)
        if path is not None and not isinstance(path, str):
            path = path[0]  # CPython: a list; MicroPython: a str
        if path is None:
            path = getattr(mod, "__file__", "") or ""
            path = path[:path.rfind("/") + 1]
        d = path if not path or path.endswith("/") else path + "/"
        _dirs[pkg] = d
    return d
