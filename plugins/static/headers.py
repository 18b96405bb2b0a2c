"""The request headers a file server reads: conditions, ranges, encodings.

Pure functions over header strings, so they are tested without sockets and
behave identically on both runtimes. Rules follow RFC 9110 (sections 13 and 14).
"""
from .compat import parse_http_date, utc_fields

# parse_range's answer when the range lies wholly past the end: send 416.
UNSATISFIABLE = -1


def make_etag(size, mtime, suffix=""):
    """A strong validator from size and mtime: cheap, since one stat gives both.

    A precompressed variant is another representation, so it gets a suffix
    (a strong ETag must differ between encodings).
    """
    return '"%x-%x%s"' % (mtime, size, suffix)


def _etag_listed(header, etag):
    # If-None-Match uses the weak comparison: W/ is ignored on both sides.
    if header.strip() == "*":
        return True
    for tag in header.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag == etag:
            return True
    return False


def not_modified(headers, etag, mtime):
    """True when a GET or HEAD with these headers should get 304.

    If-None-Match, when sent, decides alone (RFC 9110 13.2.2); else
    If-Modified-Since is compared to the mtime at whole-second precision.
    """
    inm = headers.get("if-none-match")
    if inm is not None:
        return _etag_listed(inm, etag)
    ims = headers.get("if-modified-since")
    if ims is None:
        return False
    since = parse_http_date(ims)
    return since is not None and utc_fields(mtime)[:6] <= since


def range_applies(headers, etag, last_modified):
    """False when If-Range names another version: then the whole file is sent."""
    cond = headers.get("if-range")
    if cond is None:
        return True
    cond = cond.strip()
    # A weak tag never matches here: a range needs byte-identical content.
    return cond == etag or cond == last_modified


def parse_range(value, size):
    """`(first, last)` inclusive for a single `bytes=` range over `size` bytes;
    UNSATISFIABLE; or None to ignore the header and send the whole file.

    >>> parse_range("bytes=0-99", 1000), parse_range("bytes=-10", 1000)
    ((0, 99), (990, 999))

    Several ranges are answered with the whole file, which RFC 9110 14.2
    allows and which spares a multipart body.
    """
    if value is None:
        return None
    value = value.strip()
    if not value.startswith("bytes=") or "," in value:
        return None
    spec = value[6:].strip()
    dash = spec.find("-")
    if dash < 0:
        return None
    first = spec[:dash].strip()
    last = spec[dash + 1:].strip()
    if not first:
        if not last.isdigit():
            return None
        n = int(last)
        if n == 0 or size == 0:
            return UNSATISFIABLE
        return (max(0, size - n), size - 1)
    if not first.isdigit() or (last and not last.isdigit()):
        return None
    start = int(first)
    if last and int(last) < start:
        return None  # invalid syntax: ignored, as the RFC says
    if start >= size:
        return UNSATISFIABLE
    return (start, min(int(last), size - 1) if last else size - 1)


def accepts_gzip(value):
    """True when an Accept-Encoding value allows gzip (an explicit q=0 refuses it).

    >>> accepts_gzip("gzip, deflate, br"), accepts_gzip("gzip;q=0, *")
    (True, False)
    """
    if not value:
        return False
    star = None
    for part in value.split(","):
        i = part.find(";")
        name = (part[:i] if i >= 0 else part).strip().lower()
        if name not in ("gzip", "x-gzip", "*"):
            continue
        ok = i < 0 or _q_nonzero(part[i + 1:])
        if name == "*":
            star = ok
        else:
            return ok
    return bool(star)


def _q_nonzero(params):
    for p in params.split(";"):
        p = p.strip()
        if p[:2].lower() == "q=":
            try:
                return float(p[2:]) > 0
            except ValueError:
                return False
    return True
