"""Request fields computed on first use (the names in FIELDS), and Headers.

Request.__getattr__ lands here for any attribute not yet set: a field is
computed once and stored on the request; a body reader is installed on the
class (request_body.load); any other name is an AttributeError.
"""
from .http import HTTPError


class Headers:
    """Case-insensitive header lookup; bytes keys (picoweb 1.x style) get bytes values.

    >>> req.headers["Content-Type"], req.headers[b"Content-Type"]
    ('text/plain', b'text/plain')

    Values are kept as sent and decoded when read by str key: a value that
    is not UTF-8 is a 400 then, not when the head arrives (most are never read).
    """

    def __init__(self, d=None):
        self.d = {} if d is None else d   # lower-case str name -> bytes value

    def _key(self, key):
        if isinstance(key, bytes):
            key = key.decode()
        return key if key in self.d else key.lower()

    def __getitem__(self, key):
        value = self.d[self._key(key)]
        return value if isinstance(key, bytes) else _text(value)

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
        if isinstance(value, str):
            value = value.encode()
        self.d[key.lower()] = value

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)

    def items(self):
        return [(k, _text(v)) for k, v in self.d.items()]

    def keys(self):
        return self.d.keys()

    def __repr__(self):
        return "Headers(%r)" % (dict(self.items()),)


def _text(value):
    try:
        return value.decode()
    except UnicodeError:
        raise HTTPError(400)


# The attributes Request computes on first use: declared here, once.
FIELDS = ("headers", "decoded_path", "args", "cookies", "content_type")


def lookup(req, name):
    if name == "headers":
        if req._h is None:
            # picoweb 1.x headers modes "skip" and "leave": no headers at all.
            raise AttributeError(name)
        value = Headers(req._h)
    elif name == "decoded_path":
        value = req.path
        if "%" in value:
            from .utils import unquote
            try:
                value = unquote(value)
            except UnicodeError:
                raise HTTPError(400)
    elif name == "args":
        from .utils import parse_args
        try:
            value = parse_args(req.qs)
        except UnicodeError:
            raise HTTPError(400)
    elif name == "cookies":
        from .utils import parse_cookies
        value = parse_cookies(req.headers.get("cookie"))
    elif name == "content_type":
        value = req.headers.get("content-type") or ""
        i = value.find(";")
        value = (value[:i] if i >= 0 else value).strip().lower()
    else:
        from .request_body import load
        return load(req, name)
    setattr(req, name, value)
    return value
