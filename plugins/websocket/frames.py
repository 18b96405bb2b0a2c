# RFC 6455 frames, sans-IO: a parser fed bytes as they arrive, and the
# encoder for the server's own (unmasked) frames. No sockets here.
#
# Strategy: the parser keeps at most one frame header (14 bytes), the message
# being reassembled (never more than `max_message` bytes: a frame that would
# pass it is refused from its header, before its payload is read) and one
# control frame (125 bytes). The caller feeds a read's bytes, then calls
# next() until it returns None, so only one read is ever held besides.
# Every protocol error raises ProtocolError with the close code to send:
# 1002 malformed or unmasked, 1007 invalid UTF-8, 1009 message too big.
from .compat import decode_text, unmask

CONTINUATION = 0
TEXT = 1
BINARY = 2
CLOSE = 8
PING = 9
PONG = 10

# Close codes a peer may send (RFC 6455 7.4.1, and 1012-1014 from the IANA
# registry); 1005, 1006 and 1015 are never sent on the wire.
_PEER_CODES = (1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014)


class ProtocolError(Exception):
    """The peer broke RFC 6455; `code` is the close code to answer with."""

    def __init__(self, code, reason=""):
        super().__init__(code, reason)
        self.code = code
        self.reason = reason


def parse_close(payload):
    """`(code, reason)` of a close frame's payload; 1005 when it has none."""
    if not payload:
        return 1005, ""
    if len(payload) == 1:
        raise ProtocolError(1002, "close frame of one byte")
    code = (payload[0] << 8) | payload[1]
    if code not in _PEER_CODES and not 3000 <= code <= 4999:
        raise ProtocolError(1002, "invalid close code")
    try:
        reason = decode_text(payload[2:])
    except ValueError:
        raise ProtocolError(1007, "close reason is not UTF-8")
    return code, reason


class FrameParser:
    """Turns a client's bytes into events, without any I/O.

    >>> p = FrameParser(max_message=4096)
    >>> p.feed(data_from_socket)
    >>> ev = p.next()     # None (more bytes needed), or one of:
    ...                   # ("text", str) ("binary", bytes) ("ping", bytes)
    ...                   # ("pong", bytes) ("close", (code, reason))
    """

    # Defaults at class level: on a board each attribute set in __init__
    # grows the instance's table.
    require_mask = True
    data = b""     # the bytes fed and not parsed yet: data[pos:]
    pos = 0
    head = b""     # a frame header split across reads
    frame = None   # [opcode, fin, left, mask, done] of the frame being read
    payload = None  # bytearray: the control frame being read
    msg_op = None   # TEXT or BINARY while a message is being reassembled
    msg = None      # bytearray: that message

    def __init__(self, max_message=16384, require_mask=True):
        if max_message < 125:
            raise ValueError("max_message must be at least 125 bytes")
        self.max_message = max_message
        if not require_mask:
            self.require_mask = False

    def feed(self, data):
        """Add bytes read from the peer. Call next() until None before feeding more."""
        if self.pos < len(self.data):
            self.data = self.data[self.pos:] + data
        else:
            self.data = data
        self.pos = 0

    def next(self):
        """The next event, or None when more bytes are needed."""
        while True:
            if self.frame is None and not self._header():
                return None
            ev = self._payload()
            if ev is False:
                return None
            if ev is not None:
                return ev

    def _header(self):
        # Gathers the header; True once self.frame is set.
        need = 2
        while True:
            head = self.head
            take = need - len(head)
            if take > 0:
                chunk = self.data[self.pos:self.pos + take]
                self.pos += len(chunk)
                head = self.head = head + chunk
                if len(head) < need:
                    return False
            if need == 2:
                size = head[1] & 0x7F
                need = 2 + (2 if size == 126 else 8 if size == 127 else 0) + (
                    4 if head[1] & 0x80 else 0)
                if need > 2:
                    continue
            break
        self.head = b""
        b0 = head[0]
        b1 = head[1]
        fin = b0 & 0x80
        op = b0 & 0x0F
        if b0 & 0x70:
            raise ProtocolError(1002, "reserved bits set")  # no extension was agreed
        masked = b1 & 0x80
        size = b1 & 0x7F
        i = 2
        if size == 126:
            size = (head[2] << 8) | head[3]
            i = 4
            if size < 126:
                raise ProtocolError(1002, "length not in its shortest form")
        elif size == 127:
            size = int.from_bytes(head[2:10], "big")
            i = 10
            if size >> 63:
                raise ProtocolError(1002, "length over 2**63")
            if size < 65536:
                raise ProtocolError(1002, "length not in its shortest form")
        if not masked and self.require_mask:
            raise ProtocolError(1002, "client frames must be masked")
        mask = head[i:i + 4] if masked else None
        if op >= CLOSE:
            if op > PONG:
                raise ProtocolError(1002, "unknown opcode")
            if not fin or size > 125:
                raise ProtocolError(1002, "control frames are single frames of at most 125 bytes")
        elif op == CONTINUATION:
            if self.msg_op is None:
                raise ProtocolError(1002, "continuation without a message")
        elif op > BINARY:
            raise ProtocolError(1002, "unknown opcode")
        elif self.msg_op is not None:
            raise ProtocolError(1002, "new message inside a fragmented one")
        if op < CLOSE:
            have = len(self.msg) if self.msg is not None else 0
            if have + size > self.max_message:
                raise ProtocolError(1009, "message over %d bytes" % self.max_message)
        self.frame = [op, fin, size, mask, 0]
        return True

    def _payload(self):
        # Consumes the current frame's payload; returns an event, None for a
        # finished fragment, or False for "more bytes".
        f = self.frame
        op = f[0]
        if op >= CLOSE:
            if self.payload is None:
                self.payload = bytearray()
            buf = self.payload
        else:
            if self.msg is None:
                self.msg = bytearray()
                self.msg_op = op
            buf = self.msg
        left = f[2]
        if left:
            chunk = self.data[self.pos:self.pos + left]
            self.pos += len(chunk)
            if not chunk:
                return False
            if f[3] is not None:
                chunk = unmask(chunk, f[3], f[4] & 3)
            buf += chunk
            f[2] = left = left - len(chunk)
            f[4] += len(chunk)
            if left:
                return False
        self.frame = None
        if op >= CLOSE:
            self.payload = None
            if op == CLOSE:
                return ("close", parse_close(buf))
            return ("ping" if op == PING else "pong", bytes(buf))
        if not f[1]:
            return None  # a fragment: the message goes on in a later frame
        kind = self.msg_op
        self.msg = self.msg_op = None
        if kind == TEXT:
            try:
                return ("text", decode_text(buf))
            except ValueError:
                raise ProtocolError(1007, "text message is not UTF-8")
        return ("binary", bytes(buf))


def frame_header(opcode, length, fin=True):
    """The header of an unmasked frame (the server never masks) of `length` bytes."""
    b0 = (0x80 if fin else 0) | opcode
    if length < 126:
        return bytes((b0, length))
    if length < 65536:
        return bytes((b0, 126, length >> 8, length & 0xFF))
    return bytes((b0, 127)) + length.to_bytes(8, "big")


def close_payload(code=1000, reason=""):
    """A close frame's payload: the code, then the UTF-8 reason (at most 123 bytes)."""
    if code is None or code == 1005:
        return b""
    reason = reason.encode() if isinstance(reason, str) else bytes(reason)
    if len(reason) > 123:
        raise ValueError("close reason over 123 bytes")
    return bytes((code >> 8, code & 0xFF)) + reason
