"""Request fields computed on first use (the names in FIELDS), and Headers.

Request.__getattr__ lands here for any attribute not yet set: a field is
computed once and stored on the request; a body reader is installed on the
class (request_body.load); any other name is an AttributeError.
"""
from .compat import MICROPYTHON
from .http import HTTPError


class Headers:
    """Case-insensitive header lookup; bytes keys (picoweb 1.x style) get bytes values.

    >>> req.headers["Content-Type"], req.headers[b"Content-Type"]
    ('text/plain', b'text/plain')

    Values are kept as sent and decoded when read by str key: a value that
    is not UTF-8 is a 400 then, not when the head arrives (most are never read).
    """

    as_bytes = False  # iterate as picoweb 1.x's dict: bytes names, bytes values

    def __init__(self, d=None, as_bytes=False):
        self.d = {} if d is None else d   # lower-case str name -> bytes value
        if as_bytes:
            self.as_bytes = True

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

    # Iterated, the names are lower-case str and the values str, or, for a
    # picoweb 1.x app (WebApp.header_bytes), bytes and bytes as in its dict:
    # lower-case names, since the parser keeps no other spelling.
    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self.d)

    def items(self):
        if not self.as_bytes:
            return [(k, _text(v)) for k, v in self.d.items()]
        return [(k.encode(), v) for k, v in self.d.items()]

    def keys(self):
        if not self.as_bytes:
            return list(self.d)
        return [k.encode() for k in self.d]

    def values(self):
        return [v for k, v in self.items()]

    def __repr__(self):
        return "Headers(%r)" % (dict(self.items()),)


def utf8_strict(data):
    """Whether `data` is well-formed UTF-8 (RFC 3629): MicroPython's decode()
    also takes overlong forms (`%c0%ae` for "."), surrogates and code points
    past U+10FFFF, which CPython's refuses."""
    i = 0
    n = len(data)
    while i < n:
        c = data[i]
        i += 1
        if c < 0x80:
            continue
        # The bytes that follow, and the range the first of them must be in.
        if 0xC2 <= c <= 0xDF:
            more, lo, hi = 1, 0x80, 0xBF
        elif c == 0xE0:
            more, lo, hi = 2, 0xA0, 0xBF   # below: overlong
        elif c == 0xED:
            more, lo, hi = 2, 0x80, 0x9F   # above: surrogates
        elif 0xE1 <= c <= 0xEF:
            more, lo, hi = 2, 0x80, 0xBF
        elif c == 0xF0:
            more, lo, hi = 3, 0x90, 0xBF   # below: overlong
        elif 0xF1 <= c <= 0xF3:
            more, lo, hi = 3, 0x80, 0xBF
        elif c == 0xF4:
            more, lo, hi = 3, 0x80, 0x8F   # above: past U+10FFFF
        else:
            return False                   # C0, C1 (overlong), F5-FF, a lone continuation
        if i + more > n or not lo <= data[i] <= hi:
            return False
        for j in range(i + 1, i + more):
            if not 0x80 <= data[j] <= 0xBF:
                return False
        i += more
    return True


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
        value = Headers(req._h, getattr(req.owner or req.app, "header_bytes", False))
    elif name == "decoded_path":
        value = req.path
        if "%" in value:
            from .utils import unquote
            try:
                value = unquote(value)
            except UnicodeError:
                raise HTTPError(400)
            if MICROPYTHON and not utf8_strict(value.encode()):
                raise HTTPError(400)  # what CPython's decode() refuses, alike
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
