"""Request: the fields of a parsed head.

Nothing is read or decoded until a handler asks: `headers`, `args`, `cookies`
and the decoded path are computed on first use (fields.py), the body only
when a reader is awaited (body.py).
"""


class Request:
    """One HTTP request. Apps and decorators may set their own attributes on it.

    Fields: `method`, `path` (as sent), `qs`, `url_match` (regex routes),
    `params` (placeholders), `reader`, `form` (after `read_form()`).
    Computed on first use (fields.py): `headers` (case-insensitive, bytes keys
    give bytes values), `decoded_path`, `args`, `cookies`, `content_type`,
    `keep_alive`. Body readers, awaitable (body.py): `read(n)`, `read_body()`,
    `read_form()` (alias `read_form_data()`), `read_json()`.
    """

    def __init__(self, app, reader, method, target, version, headers, writer=None):
        self.app = app
        self.reader = reader
        self.method = method
        self.version = version
        self._h = headers      # lower-case str name -> str value
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
