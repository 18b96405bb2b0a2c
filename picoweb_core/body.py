"""Sans-IO request body framing: how long a body is, and chunk-size lines.

Pure functions over parsed heads and bytes, like http.parse_head: no socket,
no Request. request_body.py reads bodies with them.
"""
from .http import DEFAULT_LIMITS, HTTPError


def body_length(headers, limits=DEFAULT_LIMITS):
    """How the request body is framed: its length, 0 for none, -1 for chunked.

    `headers` as parse_head returns them (bytes values). Raises 400 for a
    bad or ambiguous length (request smuggling), 413 over the limit, 501 for
    a transfer coding other than chunked.

    >>> body_length({"content-length": b"5"}), body_length({"transfer-encoding": b"chunked"})
    (5, -1)
    """
    te = headers.get("transfer-encoding")
    cl = headers.get("content-length")
    if te is not None:
        if cl is not None:
            raise HTTPError(400)
        if te.lower() != b"chunked":
            raise HTTPError(501)
        return -1
    if cl is None:
        return 0
    if not cl.isdigit():
        raise HTTPError(400)
    n = int(cl)
    if n > limits.max_body:
        raise HTTPError(413)
    return n


def parse_chunk_size(line):
    """The size from a chunk-size line (extensions ignored), or 400.

    >>> parse_chunk_size(b"1a;name=value\\r\\n")
    26
    """
    i = line.find(b";")
    if i >= 0:
        line = line[:i]
    line = line.strip()
    if not line or len(line) > 8:
        raise HTTPError(400)
    # Hex digits only: int(x, 16) would also take "-1", "0x1f" and "1_0".
    size = 0
    for c in line:
        if 48 <= c <= 57:
            c -= 48
        elif 97 <= c | 32 <= 102:
            c = (c | 32) - 87
        else:
            raise HTTPError(400)
        size = size * 16 + c
    return size


class LengthBody:
    """A body of `n` bytes, taken from the connection's buffer.

    `next(buf, pos, n)` -> `(data, pos)`: up to `n` body bytes from
    `buf[pos:]` and where the next unread byte is. Empty data with `done`
    still False means more bytes must arrive first.
    """

    done = False

    def __init__(self, n):
        self.left = n
        if not n:
            self.done = True

    def next(self, buf, pos, n):
        k = min(n, self.left, len(buf) - pos)
        if k <= 0:
            return b"", pos
        # The whole buffer is the body's (the usual small POST): no copy.
        data = buf if pos == 0 and k == len(buf) else buf[pos:pos + k]
        self.left -= k
        if not self.left:
            self.done = True
        return data, pos + k


class ChunkedBody:
    """A chunked body (RFC 9112 7.1), decoded from the connection's buffer;
    `next()` as for LengthBody. Chunk-size and trailer lines are bounded like
    header lines, and sizes and trailers count toward `limits.max_body`:
    an endless or oversized body is a 400 or a 413, never unbounded memory.
    Extensions and trailer fields are read and dropped.
    """

    done = False
    left = 0      # data bytes left of the current chunk
    step = 0      # what comes next: 0 a size line, 1 data, 2 the CRLF after data, 3 trailers
    seen = 0      # body bytes so far, lines included

    def __init__(self, limits):
        self.limits = limits

    def _count(self, n):
        self.seen += n
        if self.seen > self.limits.max_body:
            raise HTTPError(413)

    def next(self, buf, pos, n):
        end = len(buf)
        while not self.done:
            if self.step == 1:
                k = min(n, self.left, end - pos)
                if k <= 0:
                    return b"", pos
                self.left -= k
                if not self.left:
                    self.step = 2
                return buf[pos:pos + k], pos + k
            if self.step == 2:
                if end - pos < 2:
                    return b"", pos
                if buf[pos:pos + 2] != b"\r\n":
                    raise HTTPError(400)
                pos += 2
                self.step = 0
                continue
            nl = buf.find(b"\n", pos)
            if nl < 0 or nl - pos >= self.limits.max_line:
                if end - pos >= self.limits.max_line:
                    raise HTTPError(400)
                return b"", pos
            line = buf[pos:nl + 1]
            pos = nl + 1
            self._count(len(line))
            if self.step == 0:
                size = parse_chunk_size(line)
                self._count(size)
                self.left = size
                self.step = 1 if size else 3
            elif line in (b"\r\n", b"\n"):
                self.done = True  # the blank line after the trailers
        return b"", pos


def body_for(headers, limits=DEFAULT_LIMITS):
    """The framing object for a request's body (LengthBody or ChunkedBody),
    or None when it has none; errors as body_length()."""
    n = body_length(headers, limits)
    if n < 0:
        return ChunkedBody(limits)
    return LengthBody(n) if n else None
