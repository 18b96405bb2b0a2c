"""A client's side of RFC 6455 frames, written apart from the plugin so the
tests check it against an independent reading of the RFC. Runs on CPython
and on MicroPython (imported by ws_cases.py)."""


def client_frame(opcode, payload=b"", fin=True, mask=b"\x11\x22\x33\x44", rsv=0,
                 length_form=None):
    """A client frame: masked with `mask` (None: unmasked). `length_form`
    forces the 16- or 64-bit length encoding (to test non-minimal lengths)."""
    if isinstance(payload, str):
        payload = payload.encode()
    n = len(payload)
    out = bytearray()
    out.append((0x80 if fin else 0) | (rsv << 4) | opcode)
    mbit = 0x80 if mask is not None else 0
    if length_form == 64 or (length_form is None and n >= 65536):
        out.append(mbit | 127)
        out += n.to_bytes(8, "big")
    elif length_form == 16 or (length_form is None and n >= 126):
        out.append(mbit | 126)
        out += n.to_bytes(2, "big")
    else:
        out.append(mbit | n)
    if mask is not None:
        out += mask
        out += bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    else:
        out += payload
    return bytes(out)


def server_frames(data, limit=None):
    """Parse the server's (unmasked) frames from `data` (at most `limit`):
    returns ([(fin, opcode, payload), ...], bytes left over)."""
    frames = []
    i = 0
    while len(data) - i >= 2 and (limit is None or len(frames) < limit):
        b0 = data[i]
        b1 = data[i + 1]
        if b1 & 0x80:
            raise ValueError("server frame is masked")
        n = b1 & 0x7F
        j = i + 2
        if n == 126:
            if len(data) - j < 2:
                break
            n = int.from_bytes(data[j:j + 2], "big")
            j += 2
        elif n == 127:
            if len(data) - j < 8:
                break
            n = int.from_bytes(data[j:j + 8], "big")
            j += 8
        if len(data) - j < n:
            break
        frames.append((bool(b0 & 0x80), b0 & 0x0F, bytes(data[j:j + n])))
        i = j + n
    return frames, data[i:]
