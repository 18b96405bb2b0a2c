# Every CPython / MicroPython difference the auth plugin meets, in one place.
#
# MicroPython has hashlib.sha256 but no hmac module and no pbkdf2_hmac; its
# sha256 objects may lack copy() (the unix build 1.29 has none); its binascii
# is ubinascii on older ports and has no urlsafe base64; `random` there is not
# a secure source, os.urandom is (where the port has it). Decided once, here.
import sys
import time

try:
    import binascii
except ImportError:  # older MicroPython ports
    import ubinascii as binascii

try:
    import hashlib
except ImportError:
    import uhashlib as hashlib

MICROPYTHON = sys.implementation.name == "micropython"

try:
    import asyncio
except ImportError:  # MicroPython before 1.13
    import uasyncio as asyncio

sha256 = hashlib.sha256
# Precomputed HMAC pad states need a copyable hash object.
HAS_COPY = hasattr(sha256(), "copy")
# CPython's C PBKDF2; None on MicroPython (passwords.py has one over sha256).
pbkdf2_hmac = getattr(hashlib, "pbkdf2_hmac", None)

try:
    from os import urandom
except ImportError:
    try:
        from uos import urandom
    except ImportError:
        urandom = None


def random_bytes(n):
    """`n` bytes from the OS's secure source; never from `random`."""
    if urandom is None:
        raise RuntimeError("this port has no os.urandom: no secure random source for salts "
                           "and tokens")
    return urandom(n)


def now():
    """Wall-clock seconds (int), for cookie issue and expiry times."""
    return int(time.time())


if MICROPYTHON:
    ticks_ms = time.ticks_ms
    ticks_diff = time.ticks_diff
    ticks_add = time.ticks_add  # ticks wrap around
else:
    def ticks_ms():
        return int(time.monotonic() * 1000)

    def ticks_diff(a, b):
        return a - b

    def ticks_add(a, b):
        return a + b


def b64encode(data):
    """Standard base64 as str, no newline."""
    return binascii.b2a_base64(data).rstrip(b"\n").decode()


def b64decode(text):
    """Strict standard base64 (str or bytes) -> bytes; ValueError if malformed.

    binascii is lenient on both runtimes (it skips stray characters), so the
    alphabet and the length are checked first: a malformed Authorization
    header must be refused, not half-decoded.
    """
    if isinstance(text, str):
        text = text.encode()
    if len(text) % 4:
        raise ValueError("bad base64 length")
    body = text.rstrip(b"=")
    if len(text) - len(body) > 2:
        raise ValueError("bad base64 padding")
    for c in body:
        if not (65 <= c <= 90 or 97 <= c <= 122 or 48 <= c <= 57 or c == 43 or c == 47):
            raise ValueError("bad base64 character")
    try:
        return binascii.a2b_base64(text)
    except (ValueError, TypeError):  # binascii.Error is a ValueError on CPython
        raise ValueError("bad base64")


def b64url_encode(data):
    """URL- and cookie-safe base64 without padding (RFC 4648 section 5)."""
    return b64encode(data).rstrip("=").replace("+", "-").replace("/", "_")


def b64url_decode(text):
    """Inverse of b64url_encode; ValueError if malformed."""
    if "+" in text or "/" in text or "=" in text:
        raise ValueError("bad base64url")
    text = text.replace("-", "+").replace("_", "/")
    return b64decode(text + "=" * (-len(text) % 4))


if MICROPYTHON:
    def compare_digest(a, b):
        # Constant time for equal lengths: every byte is looked at, whatever
        # differs. Lengths are not secret (a digest's, a token's).
        if isinstance(a, str):
            a = a.encode()
        if isinstance(b, str):
            b = b.encode()
        if len(a) != len(b):
            return False
        diff = 0
        for i in range(len(a)):
            diff |= a[i] ^ b[i]
        return diff == 0
else:
    import hmac as _hmac

    def compare_digest(a, b):
        if isinstance(a, str):
            a = a.encode()
        if isinstance(b, str):
            b = b.encode()
        return _hmac.compare_digest(a, b)


# Guards (Basic auth, login_required, CSRF) wrap handlers of both kinds: an
# `async def` one and a picoweb 1.x generator one. The wrapper is a plain
# generator (the core runs those on both runtimes), and it waits for an
# awaitable with `yield from`: on MicroPython a coroutine is a generator
# already; on CPython it is entered through __await__().
GeneratorType = type((lambda: (yield))())

if MICROPYTHON:
    def guarded(check, handler, req, resp, args, kw):
        rv = check(req, resp)
        if isinstance(rv, GeneratorType):
            rv = yield from rv
        if rv is not None or resp.started:
            return rv
        rv = handler(req, resp, *args, **kw)
        if isinstance(rv, GeneratorType):
            rv = yield from rv
        return rv
else:
    def _wait(value):
        # A generator to `yield from`, or None when `value` is a plain value.
        if isinstance(value, GeneratorType):
            return value
        aw = getattr(value, "__await__", None)
        return aw() if aw is not None else None

    def guarded(check, handler, req, resp, args, kw):
        rv = check(req, resp)
        it = _wait(rv)
        if it is not None:
            rv = yield from it
        if rv is not None or resp.started:
            return rv
        rv = handler(req, resp, *args, **kw)
        it = _wait(rv)
        if it is not None:
            rv = yield from it
        return rv


def guard(check, handler):
    """`handler` wrapped so that `check(req, resp)` (sync or async) runs first;
    a value other than None from it answers instead of the handler."""
    if _is_coroutine_function(handler):
        # CPython: an `async def` stays one, so that the app's own async
        # decorators can still await it.
        async def wrapper(req, resp, *args, **kw):
            rv = await maybe_await(check(req, resp))
            if rv is not None or resp.started:
                return rv
            return await handler(req, resp, *args, **kw)
    else:
        def wrapper(req, resp, *args, **kw):
            return guarded(check, handler, req, resp, args, kw)
    try:
        wrapper.__name__ = handler.__name__
        wrapper.__doc__ = handler.__doc__
    except AttributeError:
        pass  # MicroPython functions have no writable attributes
    return wrapper


if MICROPYTHON:
    def _is_coroutine_function(func):
        return False  # one kind of object there: the generator wrapper fits both
else:
    def _is_coroutine_function(func):
        code = getattr(func, "__code__", None)
        return code is not None and bool(code.co_flags & 0x80)  # CO_COROUTINE


async def maybe_await(value):
    """The value of a callback that may be sync or async."""
    if isinstance(value, GeneratorType):
        return await _run(value)
    if hasattr(value, "__await__"):
        return await value
    return value


if MICROPYTHON:
    def _run(gen):
        return gen
else:
    class _run:
        # asyncio cannot await a bare generator; it can await through one.
        __slots__ = ("gen",)

        def __init__(self, gen):
            self.gen = gen

        def __await__(self):
            return self.gen
