# Sans-IO multipart/form-data parser (RFC 7578, RFC 2046 5.1).
#
# Strategy: the parser is fed bytes as they arrive and hands back events, one
# per next() call, with their payload in attributes: PART (a part's headers
# parsed, in `.part`), DATA (a piece of its content, in `.data`), END (that
# part is over), DONE (the close delimiter), or NEED_DATA. It never touches a
# socket or a file. The body is read as if it started with CRLF, so the first
# delimiter looks like every other one ("\r\n--" + boundary). Content is handed
# on as soon as it cannot be the start of a delimiter: at most len(delimiter)-1
# bytes are held back, so memory is the caller's read size plus about 74 bytes
# whatever the part's size. Limits: the number of parts and the size of a
# part's headers (413 when over); a body that ends before the close delimiter
# is a 400.
from .errors import MultipartError
from .headers import parse_params, text

NEED_DATA = 0
PART = 1
DATA = 2
END = 3
DONE = 4

# States
_PREAMBLE = 0
_AFTER_DELIM = 1
_HEADERS = 2
_BODY = 3
_PART_END = 4
_DONE = 5

_MAX_PADDING = 64  # whitespace allowed after a delimiter before its CRLF


class Part:
    """One part's headers: `name`, `filename` (None for a plain field; the
    client's name, RFC 5987 `filename*` decoded: never trust it as a path),
    `content_type` (None when not sent) and `headers` (lower-case name -> str)."""

    def __init__(self, headers):
        self.headers = headers
        disp = headers.get("content-disposition")
        if disp is None:
            raise MultipartError(400, "part without Content-Disposition")
        kind, params = parse_params(disp)
        if kind != "form-data" or "name" not in params:
            raise MultipartError(400, "part is not form-data with a name")
        self.name = params["name"]
        self.filename = params.get("filename")
        self.content_type = headers.get("content-type")

    @property
    def is_file(self):
        return self.filename is not None

    def __repr__(self):
        return "<Part %r filename=%r>" % (self.name, self.filename)


def parse_part_headers(block):
    """A part's header block (bytes, CRLF-separated, no blank line) as a dict
    of lower-case names to text values."""
    headers = {}
    for line in block.split(b"\r\n"):
        if not line:
            continue
        i = line.find(b":")
        if i <= 0:
            raise MultipartError(400, "malformed part header")
        if line[0] in (32, 9):
            raise MultipartError(400, "folded part header")  # obsolete, refused (RFC 7578 4.8)
        headers[text(line[:i]).strip().lower()] = text(line[i + 1:]).strip()
    return headers


class MultipartParser:
    """Feed bytes, take events:

    >>> p = MultipartParser(b"xyz")
    >>> p.feed(b'--xyz\\r\\nContent-Disposition: form-data; name="a"\\r\\n\\r\\n1\\r\\n--xyz--')
    >>> [p.next() for _ in range(5)]    # PART, DATA, END, DONE, DONE
    [1, 2, 3, 4, 4]

    `feed(b"")` says the input has ended. `next()` returns NEED_DATA when
    it needs more bytes; after PART the part is `.part`, after DATA the piece
    is `.data`, never more than `max_data` bytes. `part_class` builds parts
    from their header dict.
    """

    def __init__(self, boundary, max_parts=64, max_header=2048, part_class=Part,
                 max_data=65536):
        if isinstance(boundary, str):
            boundary = boundary.encode()
        if not boundary:
            raise ValueError("empty boundary")
        self.delim = b"\r\n--" + boundary
        self.max_parts = max_parts
        self.max_header = max_header
        self.part_class = part_class
        self.max_data = max_data  # the largest DATA piece
        self.buf = b"\r\n"
        self.pos = 0
        self.state = _PREAMBLE
        self.ended = False
        self.parts = 0
        self.part = None
        self.data = None

    def feed(self, data):
        if not data:
            self.ended = True
            return
        if self.state == _DONE:
            return  # the epilogue: ignored (RFC 2046)
        if self.pos >= len(self.buf):
            self.buf = data
        else:
            self.buf = self.buf[self.pos:] + data
        self.pos = 0

    def _need(self):
        if self.ended:
            raise MultipartError(400, "multipart body ends before its close delimiter")
        return NEED_DATA

    def next(self):
        """The next event (see the class docstring)."""
        state = self.state
        buf = self.buf
        pos = self.pos
        if state == _BODY:
            i = buf.find(self.delim, pos)
            if i >= 0:
                self.pos = i + len(self.delim)
                self.state = _PART_END
                if i - pos > self.max_data:
                    # The piece is capped: the delimiter is found again next time.
                    self.state = _BODY
                    self.pos = pos + self.max_data
                    self.data = buf[pos:self.pos]
                    return DATA
                if i > pos:
                    self.data = buf[pos:i]
                    return DATA
                return self.next()
            safe = self._safe_end(buf, pos)
            if safe - pos > self.max_data:
                safe = pos + self.max_data
            if safe > pos:
                self.data = buf if pos == 0 and safe == len(buf) else buf[pos:safe]
                self.pos = safe
                return DATA
            return self._need()
        if state == _PART_END:
            self.state = _AFTER_DELIM
            self.data = None
            return END
        if state == _AFTER_DELIM:
            if len(buf) - pos < 2:
                return self._need()
            if buf[pos:pos + 2] == b"--":
                self.state = _DONE
                self.buf = b""
                self.pos = 0
                return DONE
            i = buf.find(b"\r\n", pos)
            end = len(buf) if i < 0 else i
            for j in range(pos, end):
                if buf[j] not in (32, 9):
                    raise MultipartError(400, "garbage after a multipart delimiter")
            if i < 0:
                if end - pos > _MAX_PADDING:
                    raise MultipartError(400, "garbage after a multipart delimiter")
                return self._need()
            self.pos = i + 2
            self.state = _HEADERS
            return self.next()
        if state == _HEADERS:
            if buf[pos:pos + 2] == b"\r\n":
                end = pos
                skip = 2
            else:
                end = buf.find(b"\r\n\r\n", pos)
                skip = 4
                if end < 0:
                    if len(buf) - pos > self.max_header:
                        raise MultipartError(413, "part headers too large")
                    return self._need()
            if end - pos > self.max_header:
                raise MultipartError(413, "part headers too large")
            self.parts += 1
            if self.parts > self.max_parts:
                raise MultipartError(413, "too many parts")
            self.part = self.part_class(parse_part_headers(buf[pos:end]))
            self.pos = end + skip
            self.state = _BODY
            return PART
        if state == _PREAMBLE:
            i = buf.find(self.delim, pos)
            if i >= 0:
                self.pos = i + len(self.delim)
                self.state = _AFTER_DELIM
                return self.next()
            # Keep only what may be the start of the first delimiter.
            self.pos = self._safe_end(buf, pos)
            return self._need()
        return DONE

    def _safe_end(self, buf, pos):
        # The end of what cannot be part of a delimiter: up to the last CR
        # when the bytes from it could still grow into the delimiter. A
        # boundary holds no CR, so only the last CR can start one.
        n = len(buf)
        start = n - len(self.delim) + 1
        if start < pos:
            start = pos
        j = buf.rfind(b"\r", start)
        if j >= 0 and self.delim.startswith(buf[j:]):
            return j
        return n
