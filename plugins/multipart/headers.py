# Header values of multipart bodies: the boundary of a Content-Type, the
# parameters of a part's Content-Disposition (quoted strings, RFC 5987
# `name*=charset'lang'%XX` values), and header bytes decoded as browsers send
# them (UTF-8, else ISO-8859-1, which MicroPython has no codec for).
from .errors import MultipartError

# RFC 2046 5.1.1: the characters a boundary may hold (space too, but not last).
_HEX = "0123456789abcdefABCDEF"
_BCHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? "


def latin1(data):
    """`data` (bytes) as ISO-8859-1 text: every byte is the code point."""
    return "".join([chr(b) for b in data])


def text(data):
    """Header bytes as text: UTF-8 (what browsers send), else ISO-8859-1."""
    try:
        return data.decode()
    except UnicodeError:
        return latin1(data)


def parse_params(value):
    """`'form-data; name="a"; filename=b.txt'` -> `("form-data", {"name": "a", ...})`.

    Names are lower-cased. A quoted value keeps everything between its quotes;
    a backslash escapes only `"` and `\\` (browsers send Windows paths
    unescaped). A `name*` value (RFC 5987) is decoded and, when valid, wins
    over plain `name`.
    """
    n = len(value)
    i = value.find(";")
    if i < 0:
        return value.strip().lower(), {}
    kind = value[:i].strip().lower()
    params = {}
    extended = {}
    while i < n:
        i += 1  # past the ";"
        eq = value.find("=", i)
        semi = value.find(";", i)
        if eq < 0 or 0 <= semi < eq:
            # A parameter without "=": ignored, as browsers ignore it.
            if semi < 0:
                break
            i = semi
            continue
        name = value[i:eq].strip().lower()
        i = eq + 1
        while i < n and value[i] in " \t":
            i += 1
        if i < n and value[i] == '"':
            i += 1
            parts = []
            start = i
            while i < n:
                c = value[i]
                if c == '"':
                    break
                if c == "\\" and i + 1 < n and value[i + 1] in '"\\':
                    parts.append(value[start:i])
                    start = i + 1
                    i += 2
                    continue
                i += 1
            if i >= n:
                raise MultipartError(400, "unterminated quoted string in part header")
            parts.append(value[start:i])
            v = "".join(parts)
            semi = value.find(";", i)
            i = n if semi < 0 else semi
        else:
            semi = value.find(";", i)
            end = n if semi < 0 else semi
            v = value[i:end].strip()
            i = end
        if name.endswith("*"):
            decoded = decode_ext(v)
            if decoded is not None:
                extended[name[:-1]] = decoded
        elif name:
            params[name] = v
    for k in extended:
        params[k] = extended[k]
    return kind, params


def unquote_bytes(s):
    """Percent-decode `s` (str) to bytes; None when an escape is malformed."""
    out = bytearray()
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == "%":
            hx = s[i + 1:i + 3]
            if len(hx) != 2 or hx[0] not in _HEX or hx[1] not in _HEX:
                return None
            out.append(int(hx, 16))
            i += 3
        else:
            out.extend(c.encode())
            i += 1
    return bytes(out)


def decode_ext(v):
    """An RFC 5987 value `charset'lang'%XX...` as text, or None when it is
    malformed or in a charset other than UTF-8 and ISO-8859-1."""
    parts = v.split("'")
    if len(parts) != 3:
        return None
    charset = parts[0].lower()
    data = unquote_bytes(parts[2])
    if data is None:
        return None
    if charset == "utf-8":
        try:
            return data.decode()
        except UnicodeError:
            return None
    if charset in ("iso-8859-1", "latin1", "latin-1"):
        return latin1(data)
    return None


def boundary_of(content_type):
    """The boundary (bytes) of a `multipart/form-data` Content-Type value.

    Raises MultipartError: 415 for another media type, 400 for a missing or
    invalid boundary.
    """
    kind, params = parse_params(content_type or "")
    if kind != "multipart/form-data":
        raise MultipartError(415, "expected multipart/form-data")
    b = params.get("boundary")
    if not b or len(b) > 70 or b[-1] == " ":
        raise MultipartError(400, "missing or invalid multipart boundary")
    for c in b:
        if c not in _BCHARS:
            raise MultipartError(400, "invalid character in multipart boundary")
    return b.encode()


def safe_filename(name, default="upload"):
    """A client's filename reduced to a bare name that is safe to join to a
    folder: the last path segment (either slash), no NUL or control
    characters, no leading dots. Non-ASCII letters are kept.

    >>> safe_filename("C:\\\\Users\\\\me\\\\..\\\\photo.jpg")
    'photo.jpg'
    """
    if not name:
        return default
    name = name.replace("\\", "/")
    name = name[name.rfind("/") + 1:]
    name = "".join([c for c in name if c >= " " and c != "\x7f"])
    name = name.strip().lstrip(".")
    return name or default
