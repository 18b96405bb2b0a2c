# The opening handshake (RFC 6455 4.2), sans-IO: check the client's request
# and build the 101 answer.
from .compat import b64decode, b64encode, sha1

_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def accept_key(key):
    """Sec-WebSocket-Accept for the client's Sec-WebSocket-Key (str or bytes).

    >>> accept_key("dGhlIHNhbXBsZSBub25jZQ==")
    's3pPLMBiTxaQ9kYGzzhZRbK+xOo='
    """
    if isinstance(key, str):
        key = key.encode()
    return b64encode(sha1(key.strip() + _GUID)).decode()


def _tokens(value):
    return [t.strip().lower() for t in (value or "").split(",")]


def check(method, headers, subprotocols=(), version=11):
    """Check an upgrade request. Returns `(accept, subprotocol)` when it is a
    valid WebSocket handshake, else the answer to send instead as
    `(body, status, headers)`. `headers` is the request's header mapping,
    `version` its HTTP version (11 for HTTP/1.1)."""
    if method != "GET":
        return ("405 Method Not Allowed\n", 405, [("Allow", "GET")])
    if version < 11:
        return ("400 Bad Request: WebSocket needs HTTP/1.1\n", 400, [])  # RFC 6455 4.1
    if "websocket" not in _tokens(headers.get("upgrade")) or \
            "upgrade" not in _tokens(headers.get("connection")):
        # A plain HTTP request to a WebSocket URL (RFC 7231 6.5.15).
        return ("426 Upgrade Required: this URL speaks WebSocket\n", 426,
                [("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13")])
    if (headers.get("sec-websocket-version") or "").strip() != "13":
        return ("426 Upgrade Required: WebSocket version 13 only\n", 426,
                [("Sec-WebSocket-Version", "13")])
    key = (headers.get("sec-websocket-key") or "").strip()
    try:
        if len(b64decode(key.encode())) != 16:
            raise ValueError
    except ValueError:
        return ("400 Bad Request: Sec-WebSocket-Key must be 16 bytes in base64\n", 400, [])
    chosen = None
    if subprotocols:
        # Subprotocol names are case-sensitive (RFC 6455 4.1).
        offered = [t.strip() for t in (headers.get("sec-websocket-protocol") or "").split(",")]
        for name in subprotocols:
            if name in offered:
                chosen = name
                break
    return accept_key(key), chosen


def response_head(accept, subprotocol=None):
    """The 101 Switching Protocols head, as bytes."""
    head = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n" % accept)
    if subprotocol:
        head += "Sec-WebSocket-Protocol: %s\r\n" % subprotocol
    return (head + "\r\n").encode()
