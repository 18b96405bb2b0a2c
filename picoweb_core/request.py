"""Request: the fields of a parsed head, and body readers that respect the limit.

Nothing is read or decoded until a handler asks: `args`, `cookies` and the
decoded path are computed on first use, the body only when a reader is awaited.
"""
from .http import HTTPError


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
        if self._decoded is None and "%" not in self.path:
            self._decoded = self.path
        elif self._decoded is None:
            from .utils import unquote
            try:
                self._decoded = unquote(self.path)
            except UnicodeError:
                raise HTTPError(400)
        return self._decoded

    @property
    def args(self):
        """The query string as a MultiDict: `req.args.get("page", 1, type=int)`."""
        if self._args is None:
            from .utils import parse_args
            try:
                self._args = parse_args(self.qs)
            except UnicodeError:
                raise HTTPError(400)
        return self._args

    @property
    def cookies(self):
        if self._cookies is None:
            from .utils import parse_cookies
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
            h = self.headers.d
            if "content-length" in h or "transfer-encoding" in h:
                from .body import start
                start(self)
            else:
                self._left = 0

    async def _drain(self):
        """Skip what the handler left unread so the next request can be parsed.
        Returns False when the connection can't be reused."""
        if not self._left:
            return True
        from .body import drain
        return await drain(self)

    # The body readers live in body.py, imported on first use: a board
    # serving only GETs never loads them.
    def read(self, n=512):
        """The next piece of the body, at most `n` bytes; b"" at its end."""
        from .body import read
        return read(self, n)

    def read_body(self):
        """The whole body as bytes (at most the app's max_body): `await req.read_body()`."""
        from .body import read_body
        return read_body(self)

    def read_form(self):
        """The urlencoded body as a MultiDict, also kept in `req.form`."""
        from .body import read_form
        return read_form(self)

    read_form_data = read_form  # picoweb 1.x name

    def read_json(self):
        """The body parsed as JSON; invalid JSON is a 400."""
        from .body import read_json
        return read_json(self)

    def parse_qs(self):
        """picoweb 1.x: parse the query string into req.form."""
        from .utils import parse_qs
        self.form = parse_qs(self.qs)
        return self.form
