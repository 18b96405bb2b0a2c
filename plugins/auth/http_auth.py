# HTTP Basic (RFC 7617) and Bearer (RFC 6750) authentication.
#
# Only compat and the limiter are loaded with this module: an app with Basic
# auth alone never compiles the session, HMAC or PBKDF2 code.
#
# Every way a header can be wrong (absent, another scheme, bad base64, no
# colon, not UTF-8) is the same 401: the header is read as bytes, because
# decoding it as text would make a non-UTF-8 value the core's 400.
from .compat import b64decode, guard, maybe_await
from .throttle import Throttle, client_address, too_many

_TEXT = ("Content-Type", "text/plain; charset=utf-8")
_UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def _credentials(header, scheme):
    # The bytes after "<scheme> " in an Authorization value, or None.
    if not header:
        return None
    i = header.find(b" ")
    if i <= 0 or header[:i].lower() != scheme:
        return None
    value = header[i + 1:].strip()
    return value or None


def parse_basic(header):
    """`(username, password)` from an Authorization value (bytes), or None if
    it is not well-formed Basic credentials. The password may contain ':'."""
    value = _credentials(header, b"basic")
    if value is None:
        return None
    try:
        raw = b64decode(value)
    except ValueError:
        return None
    i = raw.find(b":")
    if i < 0:
        return None
    try:
        return raw[:i].decode(), raw[i + 1:].decode()
    except UnicodeError:
        return None


def parse_bearer(header):
    """The token (str) from a `Bearer` Authorization value (bytes), or None."""
    value = _credentials(header, b"bearer")
    if value is None or b" " in value:
        return None
    for c in value:
        if c < 33 or c > 126:
            return None  # RFC 6750's b64token is printable ASCII
    return value.decode()


def cross_site(req):
    """True when the browser says an unsafe request comes from another site.

    Browsers replay cached Basic credentials on a forged cross-site form POST
    as they replay cookies, so a guarded unsafe request whose Sec-Fetch-Site
    is not same-origin (or, without it, whose Origin is not the Host) is
    refused. A client that sends neither (curl, scripts) is not a browser
    acting for another site, and passes.
    """
    h = req.headers
    site = h.get(b"sec-fetch-site")
    if site is not None:
        return site not in (b"same-origin", b"none")
    origin = h.get(b"origin")
    if origin is None:
        return False
    host = h.get(b"host")
    i = origin.find(b"://")
    return i < 0 or not host or origin[i + 3:].lower() != host.lower()


class _HTTPAuth:
    # What Basic and Bearer share: the limiter, the guard, the route option.
    name = None
    scheme = None

    def __init__(self, verify, realm="picoweb", throttle=True, allow_cross_site=False):
        if not callable(verify):
            raise TypeError("%s needs a verify callback" % type(self).__name__)
        if '"' in realm or "\\" in realm or "\n" in realm or "\r" in realm:
            raise ValueError("realm must not contain quotes, backslashes or newlines")
        self.verify = verify
        self.realm = realm
        # One plugin name per realm: an app may install several.
        self.name = "%s:%s" % (self.name, realm)
        if throttle is True:
            throttle = Throttle()
        self.throttle = throttle or None
        self.allow_cross_site = allow_cross_site

    def install(self, app):
        """`app.install(auth)` enables the route option `auth=`:
        `@app.route("/admin", auth=auth)`. Install it before those routes."""
        from .routes import enable_route_option
        enable_route_option(app)

    def required(self, handler):
        """Decorator: the handler runs only for requests with valid credentials;
        `req.user` is what verify returned (the username or token for True)."""
        return guard(self.check, handler)

    __call__ = required

    def challenge(self, error=None):
        value = '%s realm="%s"' % (self.scheme, self.realm)
        if self.scheme == "Basic":
            value += ', charset="UTF-8"'
        elif error:
            value += ', error="%s"' % error
        return ("401 Unauthorized\n", 401, [_TEXT, ("WWW-Authenticate", value)])

    async def check(self, req, resp):
        """None when `req` is authenticated (req.user set), else the answer."""
        addr = None
        if self.throttle is not None:
            addr = client_address(resp)
            wait = self.throttle.retry_after(addr)
            if wait:
                return too_many(wait)
        headers = getattr(req, "headers", None)  # picoweb's skip mode has none
        if (not self.allow_cross_site and headers is not None and req.method in _UNSAFE
                and cross_site(req)):
            return ("403 Forbidden: cross-site request refused\n", 403, [_TEXT])
        header = headers.get(b"authorization") if headers is not None else None
        creds = self.parse(header)
        if creds is None:
            if header and self.throttle is not None:
                self.throttle.failure(addr)
            return self.challenge("invalid_request" if header else None)
        user = await maybe_await(self.call_verify(creds))
        if not user:
            if self.throttle is not None:
                self.throttle.failure(addr)
            return self.challenge("invalid_token")
        if self.throttle is not None:
            self.throttle.success(addr)
        req.user = self.default_user(creds) if user is True else user
        return None


class BasicAuth(_HTTPAuth):
    """HTTP Basic auth with a `verify(username, password)` callback (sync or
    async) that returns a user (or True), or a false value.

    >>> basic = BasicAuth(lambda u, p: u == "admin" and compare_digest(p, PW),
    ...                   realm="relay board")
    >>> @app.route("/relay", methods=["POST"])
    ... @basic
    ... async def relay(req, resp): ...
    >>> app.install(basic)                      # for the route option:
    >>> @app.route("/status", auth=basic)
    ... async def status(req, resp): ...
    """
    name = "basic_auth"
    scheme = "Basic"

    def parse(self, header):
        return parse_basic(header)

    def call_verify(self, creds):
        return self.verify(creds[0], creds[1])

    def default_user(self, creds):
        return creds[0]


class BearerAuth(_HTTPAuth):
    """`Authorization: Bearer <token>` with a `verify(token)` callback (sync or
    async); same shape as BasicAuth."""
    name = "bearer_auth"
    scheme = "Bearer"

    def parse(self, header):
        return parse_bearer(header)

    def call_verify(self, token):
        return self.verify(token)

    def default_user(self, token):
        return token


def basic_auth(verify, realm="picoweb", throttle=True):
    """Decorator factory: `@basic_auth(verify, realm="board")` on a handler."""
    return BasicAuth(verify, realm, throttle).required


def bearer_auth(verify, realm="picoweb", throttle=True):
    """Decorator factory: `@bearer_auth(verify)` on a handler."""
    return BearerAuth(verify, realm, throttle).required
