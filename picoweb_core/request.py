# Request: the fields of a parsed head, and the body readers.
#
# Nothing is read or decoded until a handler asks: `headers`, `args`, `cookies`
# and the decoded path are computed on first use (request_fields.py, named in
# its FIELDS), the body only when a reader is awaited (request_body.py).


class Request:
    """One HTTP request. Apps and decorators may set their own attributes on it.

    Fields: `method`, `path` (as sent), `qs`, `url_match` (regex routes),
    `params` (placeholders), `reader`, `form` (after `read_form()`), `app`.
    Computed on first use (request_fields.py): `headers` (case-insensitive,
    bytes keys give bytes values), `decoded_path`, `args`, `cookies`,
    `content_type`. Body readers, awaitable: `read(n)`, `read_body()`,
    `read_form()`, `read_form_data()` (picoweb's shape), `read_json()`.
    """

    # Defaults at class level: on a board each attribute set in __init__ grows
    # the instance's table (a rehash at the 3rd, 5th and 7th: about 1.5k
    # instructions each), so the usual method and version are set only when
    # a request differs.
    method = "GET"
    version = 11
    qs = ""
    url_match = None
    params = None
    form = None
    framing = None             # the body's framing (body.py), when it has one
    _body = None               # the body, once read whole (request_body.py)
    owner = None               # the mounted app serving it, when not `app`

    def __init__(self, app, reader, method, target, version, headers):
        self.app = app
        self.reader = reader
        if method != "GET":
            self.method = method
        if version != 11:
            self.version = version
        self._h = headers      # lower-case str name -> bytes value
        i = target.find("?")
        if i < 0:
            self.path = target
        else:
            self.path = target[:i]
            self.qs = target[i + 1:]

    def __getattr__(self, name):
        # The fields most requests never touch, computed on first use
        # (request_fields.FIELDS), and the body readers, installed on the
        # class on first use (request_body.METHODS; at import on CPython).
        from .request_fields import lookup
        return lookup(self, name)
