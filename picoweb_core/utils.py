"""URL decoding and query strings, UTF-8 correct on both runtimes.

picoweb 1.x exposed these as `picoweb.utils`; `parse_qs` keeps its shape
(str values, a list for a repeated name, True for a name without `=`).
"""


def unquote(s, plus=False):
    """Percent-decode `s` (str or bytes) as UTF-8: `unquote("caf%C3%A9")` -> "café".

    Invalid escapes are kept as they are; invalid UTF-8 raises UnicodeError.
    """
    if isinstance(s, str):
        if "%" not in s and not (plus and "+" in s):
            return s
        s = s.encode()
    out = bytearray()
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == 37 and i + 2 < n and _hex(s[i + 1]) >= 0 and _hex(s[i + 2]) >= 0:
            out.append(_hex(s[i + 1]) * 16 + _hex(s[i + 2]))
            i += 3
            continue
        out.append(32 if (plus and c == 43) else c)
        i += 1
    return out.decode()


def _hex(c):
    if 48 <= c <= 57:
        return c - 48
    c |= 32
    if 97 <= c <= 102:
        return c - 87
    return -1


def unquote_plus(s):
    """Form-style decoding: `+` is a space."""
    return unquote(s, True)


def quote(s, safe="/"):
    """Percent-encode str `s` as UTF-8 (for Location headers and links)."""
    out = []
    for b in s.encode():
        ch = chr(b)
        if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or ch in "-._~"
                or ch in safe):
            out.append(ch)
        else:
            out.append("%%%02X" % b)
    return "".join(out)


class MultiDict(dict):
    """A dict of first values that remembers repeated names.

    >>> d = parse_args("a=1&a=2"); d["a"], d.getlist("a")
    ('1', ['1', '2'])
    """

    more = None  # name -> later values; MicroPython can't extend dict.__init__

    def add(self, key, value):
        if key in self:
            if self.more is None:
                self.more = {}
            self.more.setdefault(key, []).append(value)
        else:
            self[key] = value

    def getlist(self, key, type=None):
        if key not in self:
            return []
        values = [self[key]] + ((self.more or {}).get(key) or [])
        if type is not None:
            values = [type(v) for v in values]
        return values

    def get(self, key, default=None, type=None):
        if key not in self:
            return default
        value = self[key]
        if type is None:
            return value
        try:
            return type(value)
        except ValueError:
            return default


def parse_args(qs):
    """Parse a query string (str) or urlencoded form body (bytes) into a MultiDict."""
    d = MultiDict()
    if not qs:
        return d
    raw = not isinstance(qs, str)
    if not raw:
        amp, eq, pct, plus = "&", "=", "%", "+"
    else:
        # A body is split as bytes and only names and values become str: on
        # MicroPython each new str is a search of the interned strings.
        amp, eq, pct, plus = b"&", b"=", b"%", b"+"
    for pair in qs.split(amp):
        if not pair:
            continue
        i = pair.find(eq)
        if i < 0:
            key, value = pair, pair[:0]
        else:
            key, value = pair[:i], pair[i + 1:]
        if pct in pair or plus in pair:
            key, value = unquote_plus(key), unquote_plus(value)
        elif raw:
            key, value = key.decode(), value.decode()
        if key in d:
            d.add(key, value)
        else:
            d[key] = value
    return d


def parse_qs(s):
    """picoweb 1.x's query parser: {name: str, or list of str when repeated}."""
    res = {}
    if s:
        for pair in s.split("&"):
            kv = pair.split("=", 1)
            key = unquote_plus(kv[0])
            val = unquote_plus(kv[1]) if len(kv) > 1 else True
            old = res.get(key)
            if old is None:
                res[key] = val
            elif isinstance(old, list):
                old.append(val)
            else:
                res[key] = [old, val]
    return res


def parse_cookies(header):
    """`"a=1; b=2"` -> {"a": "1", "b": "2"}; the first of a repeated name wins."""
    jar = {}
    if header:
        for part in header.split(";"):
            i = part.find("=")
            if i > 0:
                name = part[:i].strip()
                if name not in jar:
                    value = part[i + 1:].strip()
                    if len(value) > 1 and value[0] == '"' and value[-1] == '"':
                        value = value[1:-1]
                    jar[name] = value
    return jar
