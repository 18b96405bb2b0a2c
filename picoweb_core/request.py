# Request: the fields of a parsed head.
#
# Nothing is read or decoded until a handler asks: `headers`, `args`, `cookies`
# and the decoded path are computed on first use (fields.py), the body only
# when a reader is awaited (body.py).


class Request:
    """One HTTP request. Apps and decorators may set their own attributes on it.

    Fields: `method`, `path` (as sent), `qs`, `url_match` (regex routes),
    `params` (placeholders), `reader`, `form` (after `read_form()`).
    Computed on first use (fields.py): `headers` (case-insensitive, bytes keys
    give bytes values), `decoded_path`, `args`, `cookies`, `content_type`,
    `keep_alive`. Body readers, awaitable (body.py): `read(n)`, `read_body()`,
    `read_form()` (alias `read_form_data()`), `read_json()`.
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
    _left = None               # body bytes still unread; -1 while chunked
    _expect = None             # the writer that owes a 100 Continue (body.py)
    _body = None               # the body, once read whole (body.py)

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
        # What most requests never touch is computed or loaded on first use.
        from .fields import lookup
        return lookup(self, name)
