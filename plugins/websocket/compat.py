# Every CPython / MicroPython difference the WebSocket plugin meets, in one place.
#
# - SHA-1 (for Sec-WebSocket-Accept): hashlib has it on CPython and on most
#   MicroPython ports; where a board's hashlib lacks it, the small pure version
#   in sha1.py is loaded on first use.
# - Text frames: MicroPython's bytes.decode() accepts some invalid UTF-8
#   (overlong forms, surrogates), which RFC 6455 says must close with 1007, so
#   there the bytes are checked by utf8.py first. CPython's decoder is strict.
# - Unmasking: XOR of two big integers is one C loop on both runtimes; a port
#   built without long integers falls back to a byte loop.
import binascii
import sys

try:
    import asyncio
except ImportError:  # MicroPython before 1.13
    import uasyncio as asyncio

MICROPYTHON = sys.implementation.name == "micropython"
CancelledError = asyncio.CancelledError

# The largest message a peer may send by default (a longer one is closed with
# 1009): it is held whole while it arrives, so a board keeps it small.
MAX_MESSAGE = 4096 if MICROPYTHON else 1 << 20
# Payloads up to this size go out joined to their frame header in one write
# (see connection.py); a board writes larger ones in two parts, uncopied.
COPY_LIMIT = 4096 if MICROPYTHON else 1 << 62

try:
    from hashlib import sha1 as _sha1
except ImportError:
    _sha1 = None


def sha1(data):
    """The 20-byte SHA-1 digest of `data`."""
    if _sha1 is None:
        from .sha1 import digest
        return digest(data)
    return _sha1(data).digest()


def b64encode(data):
    return binascii.b2a_base64(data).rstrip(b"\n")


def b64decode(data):
    """Bytes from base64 `data`; ValueError when it is not base64."""
    try:
        return binascii.a2b_base64(data)
    except Exception:  # binascii.Error on CPython, ValueError on MicroPython
        raise ValueError("not base64")


if MICROPYTHON:
    def decode_text(data):
        """str from UTF-8 `data`; ValueError (-> 1007) when it is not valid UTF-8."""
        from .utf8 import valid
        if not valid(data):
            raise ValueError("invalid UTF-8")
        return bytes(data).decode()
else:
    def decode_text(data):
        try:
            return bytes(data).decode("utf-8")
        except UnicodeError:
            raise ValueError("invalid UTF-8")


def _unmask_loop(data, mask, phase):
    out = bytearray(data)
    for i in range(len(out)):
        out[i] ^= mask[(i + phase) & 3]
    return out


def unmask(data, mask, phase=0):
    """`data` XOR the 4-byte `mask`, starting at byte `phase` of the mask."""
    n = len(data)
    if not n:
        return b""
    if phase:
        mask = mask[phase:] + mask[:phase]
    key = mask * (n // 4 + 1)
    try:
        return (int.from_bytes(data, "big") ^ int.from_bytes(key[:n], "big")).to_bytes(n, "big")
    except (OverflowError, ValueError, NotImplementedError):  # no long integers on this port
        return bytes(_unmask_loop(data, mask, 0))


# The core's test of "the client went away", so the plugin mutes exactly
# what the core mutes.
from picoweb_core.peer import client_gone  # noqa: E402,F401
