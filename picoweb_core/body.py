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
    try:
        return int(line, 16)
    except ValueError:
        raise HTTPError(400)
