# Strict UTF-8 validation (RFC 3629), for runtimes whose decoder is lax.
# Loaded only where needed (MicroPython's bytes.decode() accepts overlong forms
# and surrogates), and unit-tested on both runtimes.
#
# Strategy: table of the first byte's allowed range for the second byte, as in
# RFC 3629's syntax section; later bytes are plain continuation bytes.


def valid(data):
    """True when `data` (bytes-like) is well-formed UTF-8: no overlong forms,
    no surrogates (U+D800..DFFF), nothing past U+10FFFF, nothing truncated."""
    n = len(data)
    if not n or max(data) < 0x80:
        return True  # ASCII, the usual case: one C loop instead of a Python one
    i = 0
    while i < n:
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        lo = 0x80
        hi = 0xBF
        if 0xC2 <= b <= 0xDF:
            need = 1
        elif 0xE0 <= b <= 0xEF:
            need = 2
            if b == 0xE0:
                lo = 0xA0  # below: an overlong form of a 2-byte sequence
            elif b == 0xED:
                hi = 0x9F  # above: surrogates
        elif 0xF0 <= b <= 0xF4:
            need = 3
            if b == 0xF0:
                lo = 0x90  # below: overlong
            elif b == 0xF4:
                hi = 0x8F  # above: past U+10FFFF
        else:
            return False  # a continuation byte, C0/C1 (overlong) or F5..FF
        if i + need >= n:
            return False  # truncated
        c = data[i + 1]
        if c < lo or c > hi:
            return False
        for j in range(i + 2, i + need + 1):
            if data[j] & 0xC0 != 0x80:
                return False
        i += need + 1
    return True
