# Every CPython / MicroPython difference the multipart plugin meets: no
# os.path on MicroPython, and no inspect to tell an awaitable from a value.
import os


def join(folder, name):
    if not folder:
        return name
    return folder + name if folder.endswith("/") else folder + "/" + name


def remove(path):
    """Delete `path`; a file already gone is not an error."""
    try:
        os.remove(path)
    except OSError:
        pass


def random_hex(nbytes=8):
    try:
        data = os.urandom(nbytes)
    except (AttributeError, NotImplementedError, OSError):
        import random
        data = bytes([random.getrandbits(8) for _ in range(nbytes)])
    return "".join(["%02x" % b for b in data])


def _gen():
    yield


# What calling an `async def` function gives on MicroPython: a generator.
_GENERATOR = type(_gen())


def is_awaitable(value):
    # A coroutine or future on CPython (__await__), a generator on MicroPython:
    # not merely anything with a send() method, such as a socket.
    return value is not None and (isinstance(value, _GENERATOR) or hasattr(value, "__await__"))
