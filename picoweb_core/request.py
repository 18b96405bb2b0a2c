"""Request: the fields of a parsed head, and body readers that respect the limit.

Nothing is read or decoded until a handler asks: `args`, `cookies` and the
decoded path are computed on first use, the body only when a reader is awaited.
"""
from .compat import bridge
from .http import HTTPError, body_length, parse_chunk_size
from .utils import parse_args, parse_cookies, parse_qs, unquote


class Headers:
    """Case-insensitive header lookup; bytes keys (picoweb 1.x style) get bytes values.

    >>> req.headers["Content-Type"], req.headers[b"Content-Type"]
    ('text/plain', b'text/plain')
    """

    def __init__(self, d=None):
        self.d = {} if d is None else d   # lower-case str name -> str value

    def _key(self, key):
        if isinstance(key, bytes):
            key = key.decode()
        return key if key in self.d else key.lower()

    def __getitem__(self, key):
        value = self.d[self._key(key)]
        return value.encode() if isinstance(key, bytes) else value

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        return self._key(key) in self.d

    def __setitem__(self, key, value):
        if isinstance(key, bytes):
            key = key.decode()
        if isinstance(value, bytes):
            value = value.decode()
        self.d[key.lower()] = value

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)

    def items(self):
        return self.d.items()

    def keys(self):
        return self.d.keys()

    def __repr__(self):
        return "Headers(%r)" % (self.d,)


class Request:
    """One HTTP request. Apps and decorators may set their own attributes on it."""

    def __init__(self, app, reader, method, target, version, headers, writer=None):
        self.app = app
        self.reader = reader
        self.method = method
        self.version = version
        self.headers = Headers(headers)
        i = target.find("?")
        if i < 0:
            self.path = target
            self.qs = ""
        else:
            self.path = target[:i]
            self.qs = target[i + 1:]
        self.url_match = None
        self.params = None
        self.form = None
        self._writer = writer
        self._args = None
        self._cookies = None
        self._decoded = None
        self._body = None
        self._left = None      # body bytes still unread; -1 while chunked
        self._chunk = 0        # bytes left in the current chunk
        self._seen = 0         # chunked body bytes so far, for the limit
        self._expect = False   # a 100 Continue is owed before the first body read

    @property
    def decoded_path(self):
        """The path percent-decoded as UTF-8 ("/caf%C3%A9" -> "/café"); routes match it."""
        if self._decoded is None:
            try:
                self._decoded = unquote(self.path)
            except UnicodeError:
                raise HTTPError(400)
        return self._decoded

    @property
    def args(self):
        """The query string as a MultiDict: `req.args.get("page", 1, type=int)`."""
        if self._args is None:
            try:
                self._args = parse_args(self.qs)
            except UnicodeError:
                raise HTTPError(400)
        return self._args

    @property
    def cookies(self):
        if self._cookies is None:
            self._cookies = parse_cookies(self.headers.get("cookie"))
        return self._cookies

    @property
    def keep_alive(self):
        conn = self.headers.get("connection")
        conn = conn.lower() if conn else ""
        if self.version >= 11:
            return "close" not in conn
        return "keep-alive" in conn

    @property
    def content_type(self):
        ct = self.headers.get("content-type") or ""
        i = ct.find(";")
        return (ct[:i] if i >= 0 else ct).strip().lower()

    def _start_body(self):
        """Learn the body's framing; the server calls it before dispatch so a
        bad or oversized body is answered (400/413/501) before any handler runs."""
        if self._left is None:
            self._left = body_length(self.headers, self.app.limits)
            # The client waits for a 100 Continue before sending a large body.
            self._expect = bool(self._left) and self._writer is not None and \
                (self.headers.get("expect") or "").lower() == "100-continue"

    async def _read_part(self, n=512):
        """The next piece of the body, at most `n` bytes; b"" at its end."""
        self._start_body()
        if self._expect:
            self._expect = False
            self._writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            await self._writer.drain()
        if self._left == -1:
            return await self._read_chunk(n)
        if self._left <= 0:
            return b""
        if not self.reader.buffered() and not await self.reader.fill():
            raise HTTPError(400)  # the client closed before sending the whole body
        data = self.reader.take(min(n, self._left))
        self._left -= len(data)
        return data

    async def _read_chunk(self, n):
        r = self.reader
        size = self._chunk
        if size == 0:
            line = await r._readline()
            if not line.endswith(b"\n"):
                raise HTTPError(400)
            size = parse_chunk_size(line)
            self._seen += size
            if self._seen > self.app.limits.max_body:
                raise HTTPError(413)
            if size == 0:
                # Trailer fields: read and drop them up to the blank line.
                while True:
                    line = await r._readline()
                    if not line.endswith(b"\n"):
                        raise HTTPError(400)
                    if line in (b"\r\n", b"\n"):
                        break
                self._left = 0
                return b""
        if not r.buffered() and not await r.fill():
            raise HTTPError(400)
        data = r.take(min(n, size))
        size -= len(data)
        if size == 0:
            if await r._readexactly(2) != b"\r\n":
                raise HTTPError(400)
        self._chunk = size
        return data

    async def _read_body(self):
        if self._body is None:
            parts = []
            while True:
                part = await self._read_part(self.app.limits.max_body)
                if not part:
                    break
                parts.append(part)
            self._body = parts[0] if len(parts) == 1 else b"".join(parts)
        return self._body

    async def _read_form(self):
        if self.form is None:
            data = await self._read_body()
            try:
                self.form = parse_args(data)
            except UnicodeError:
                raise HTTPError(400)
        return self.form

    async def _read_json(self):
        import json
        data = await self._read_body()
        try:
            return json.loads(data)
        except (ValueError, UnicodeError):
            raise HTTPError(400, "invalid JSON")

    async def _read_form_data(self):
        # picoweb 1.x: reads the urlencoded body into req.form.
        return await self._read_form()

    async def _drain(self):
        """Skip what the handler left unread so the next request can be parsed.
        Returns False when the connection can't be reused."""
        if self._left is None:
            try:
                self._start_body()
            except HTTPError:
                return False
        while self._left:
            if not await self._read_part(512):
                return False
        return True

    read = bridge(_read_part)
    read_body = bridge(_read_body)
    read_form = bridge(_read_form)
    read_json = bridge(_read_json)
    read_form_data = bridge(_read_form_data)

    def parse_qs(self):
        """picoweb 1.x: parse the query string into req.form."""
        self.form = parse_qs(self.qs)
        return self.form
