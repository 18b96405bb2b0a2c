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


def is_awaitable(value):
    # A coroutine on CPython; a generator (what `async def` returns) on
    # MicroPython; or anything with __await__.
    return value is not None and (hasattr(value, "__await__") or hasattr(value, "send"))
