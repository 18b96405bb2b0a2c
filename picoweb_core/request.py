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
    """One HTTP request. Apps and decorators may set their own attributes on it.

    Fields: `method`, `path` (as sent), `qs`, `headers`, `url_match` (regex
    routes), `params` (placeholders), `reader`, `form` (after `read_form()`).
    Computed on first use (fields.py): `decoded_path`, `args`, `cookies`,
    `content_type`. Body readers, awaitable (body.py): `read(n)`,
    `read_body()`, `read_form()` (alias `read_form_data()`), `read_json()`.
    """

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
        self._left = None      # body bytes still unread; -1 while chunked

    def __getattr__(self, name):
        # What most requests never touch is computed or loaded on first use.
        from .fields import lookup
        return lookup(self, name)

    def _keep_alive(self):
        conn = self.headers.d.get("connection")
        conn = conn.lower() if conn else ""
        if self.version >= 11:
            return "close" not in conn
        return "keep-alive" in conn

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
