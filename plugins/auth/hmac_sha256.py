# HMAC-SHA256 (RFC 2104) over hashlib.sha256: MicroPython has no hmac module.
#
# Strategy: HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)), with K padded to
# the 64-byte block (hashed first when longer). The padded keys are computed
# once per key; where sha256 objects have copy(), the hash states after the
# two pad blocks are kept too, so each MAC skips two of its four compressions
# (PBKDF2's inner loop is nothing but MACs under one key).
from .compat import HAS_COPY, sha256

BLOCK = 64
_IPAD = bytes(0x36 for _ in range(BLOCK))
_OPAD = bytes(0x5C for _ in range(BLOCK))


def _xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b))


class HMACKey:
    """A key ready for many MACs: `HMACKey(key).digest(msg)` == hmac_sha256(key, msg).

    >>> mac = HMACKey(b"secret")
    >>> mac.digest(b"payload")   # 32 bytes
    """

    def __init__(self, key):
        if isinstance(key, str):
            key = key.encode()
        if len(key) > BLOCK:
            key = sha256(key).digest()
        key = key + bytes(BLOCK - len(key))
        ipad = _xor(key, _IPAD)
        opad = _xor(key, _OPAD)
        if HAS_COPY:
            self.inner = sha256(ipad)
            self.outer = sha256(opad)
        else:
            self.inner = ipad
            self.outer = opad

    if HAS_COPY:
        def digest(self, msg):
            h = self.inner.copy()
            h.update(msg)
            o = self.outer.copy()
            o.update(h.digest())
            return o.digest()
    else:
        def digest(self, msg):
            h = sha256(self.inner)
            h.update(msg)
            o = sha256(self.outer)
            o.update(h.digest())
            return o.digest()


def hmac_sha256(key, msg):
    """The 32-byte HMAC-SHA256 of `msg` under `key` (bytes or str)."""
    if isinstance(msg, str):
        msg = msg.encode()
    return HMACKey(key).digest(msg)
