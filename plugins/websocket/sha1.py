# SHA-1 (FIPS 180-4) in plain Python, for MicroPython ports whose hashlib has
# no sha1. The handshake hashes 60 bytes once per connection, so speed does
# not matter; loaded only where hashlib.sha1 is missing.

_M = 0xFFFFFFFF


def _rol(x, n):
    return ((x << n) | (x >> (32 - n))) & _M


def digest(data):
    """The 20-byte SHA-1 digest of `data`."""
    data = bytes(data)
    bits = len(data) * 8
    data += b"\x80" + b"\x00" * ((55 - len(data)) % 64) + bits.to_bytes(8, "big")
    h = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
    for off in range(0, len(data), 64):
        w = [int.from_bytes(data[off + i:off + i + 4], "big") for i in range(0, 64, 4)]
        for i in range(16, 80):
            w.append(_rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1))
        a, b, c, d, e = h
        for i in range(80):
            if i < 20:
                f = (b & c) | ((b ^ _M) & d)
                k = 0x5A827999
            elif i < 40:
                f = b ^ c ^ d
                k = 0x6ED9EBA1
            elif i < 60:
                f = (b & c) | (b & d) | (c & d)
                k = 0x8F1BBCDC
            else:
                f = b ^ c ^ d
                k = 0xCA62C1D6
            t = (_rol(a, 5) + f + e + k + w[i]) & _M
            e = d
            d = c
            c = _rol(b, 30)
            b = a
            a = t
        h = [(x + y) & _M for x, y in zip(h, (a, b, c, d, e))]
    return b"".join(x.to_bytes(4, "big") for x in h)
