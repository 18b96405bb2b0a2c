"""Request fields computed on first use, and the loading of body readers.

Request.__getattr__ lands here for any attribute not yet set: a computed
field is stored on the request (so it is computed once), a body reader is
installed on the Request class (so it is loaded once).
"""
from .http import HTTPError


def lookup(req, name):
    if name == "decoded_path":
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
    elif name == "keep_alive":
        value = req._keep_alive()
    elif name in ("_body", "_expect"):
        value = None
    elif name in ("_chunk", "_seen"):
        value = 0
    else:
        from .body import load
        return load(req, name)
    setattr(req, name, value)
    return value
