# The login flow over signed-cookie sessions: `req.user` from an app-supplied
# loader, `login_required` (a redirect to the login page for pages, 401 for
# clients that ask for JSON), `login_user` / `logout_user`, CSRF on unsafe
# methods of protected routes, and the failed-login limiter.
from .compat import guard, maybe_await
from .throttle import Throttle, client_address, too_many

_UID = "_uid"          # the user id's place in the session


def _quote(s):
    # Enough percent-encoding to carry a path and query as one query value.
    out = []
    for c in s:
        if c in "%&=?#+ " or ord(c) < 33 or ord(c) > 126:
            for b in c.encode():
                out.append("%%%02X" % b)
        else:
            out.append(c)
    return "".join(out)


def wants_json(req):
    """True when the client asks for JSON rather than a page (an API call)."""
    headers = getattr(req, "headers", None)
    accept = headers.get(b"accept") if headers is not None else None
    return bool(accept) and b"json" in accept and b"text/html" not in accept


def safe_next(target, default="/"):
    """`target` if it is a path on this site, else `default`: a login page's
    `?next=` must never send the user to another site."""
    if not target or not isinstance(target, str) or target[0] != "/" or target[:2] == "//":
        return default
    for c in target:
        if c == "\\" or ord(c) < 32:
            return default
    return target


class LoginManager:
    """Log users in and out over Sessions, and guard routes.

    >>> app.install(Sessions(keys=[KEY]))
    >>> login = app.install(LoginManager(load_user, login_url="/login"))
    >>> @app.route("/relay", methods=["GET", "POST"])
    ... @login.login_required
    ... async def relay(req, resp):
    ...     return "hello " + req.user["name"]

    `user_loader(user_id)` (sync or async) returns the user for an id kept in
    the session, or None; its value is `req.user` (None when logged out).
    `throttle`: a Throttle (True: the default one; False: none) for
    `locked()` / `login_failed()`.
    """
    name = "login"

    def __init__(self, user_loader, login_url="/login", throttle=True, csrf=True):
        if not callable(user_loader):
            raise TypeError("LoginManager needs a user_loader(user_id) callback")
        self.user_loader = user_loader
        self.login_url = login_url
        self.throttle = Throttle() if throttle is True else (throttle or None)
        self.csrf = csrf
        self.sessions = None

    def install(self, app):
        sessions = (app.plugins or {}).get("sessions")
        if sessions is None:
            raise ValueError("install Sessions(keys=[...]) before LoginManager")
        self.sessions = sessions
        app.before_request(self._load_user)
        from .routes import enable_route_option
        enable_route_option(app)

    async def _load_user(self, req, resp):
        req.user = None
        if not self.sessions.has_cookie(req):
            return  # the common case costs no signature check
        uid = req.session.get(_UID)
        if uid is not None:
            req.user = await maybe_await(self.user_loader(uid))

    # -- guarding routes ------------------------------------------------------

    def login_required(self, handler=None, api=None):
        """Decorator: only logged-in users reach the handler; unsafe methods
        also pass the CSRF check. `@login.login_required` or
        `@login.login_required(api=True)` (always 401, never a redirect)."""
        if handler is None:
            return lambda h: self.login_required(h, api)

        def check(req, resp):
            return self.check(req, resp, api)
        return guard(check, handler)

    required = login_required  # for the route option: auth=login

    async def check(self, req, resp, api=None):
        """None when `req` may reach a protected handler, else the answer."""
        if getattr(req, "user", None) is None:
            if api or (api is None and wants_json(req)):
                return ('{"error": "login required"}', 401,
                        [("Content-Type", "application/json")])
            target = req.path + ("?" + req.qs if req.qs else "")
            location = self.login_url + "?next=" + _quote(target)
            return ("", 302 if req.method in ("GET", "HEAD") else 303, [("Location", location)])
        if self.csrf:
            from .csrf import check_csrf
            return await check_csrf(req, resp)
        return None

    # -- logging in and out ---------------------------------------------------

    def login_user(self, req, resp, user_id, user=None):
        """Start a fresh session for `user_id` (a str or int the loader
        knows) and queue its cookie on `resp`. The old session's content and
        CSRF token are dropped (no session fixation)."""
        s = req.session
        s.clear()
        s[_UID] = user_id
        if user is not None:
            req.user = user
        if self.throttle is not None:
            self.throttle.success(client_address(resp))
        self.sessions.save(req, resp)

    def logout_user(self, req, resp):
        """End the session: its cookie is deleted on `resp`."""
        req.session.clear()
        req.user = None
        self.sessions.save(req, resp)

    def next_url(self, req, default="/"):
        """Where to go after logging in: the login page's `?next=`, if safe."""
        return safe_next(req.args.get("next"), default)

    # -- brute force ------------------------------------------------------------

    def locked(self, req, resp):
        """Seconds this client must wait before trying a password (0: go on)."""
        if self.throttle is None:
            return 0
        return self.throttle.retry_after(client_address(resp))

    def login_failed(self, req, resp):
        """Record a failed login from this client; returns the seconds it
        must now wait (0 while it has free attempts left)."""
        if self.throttle is None:
            return 0
        return self.throttle.failure(client_address(resp))

    too_many = staticmethod(too_many)


def _manager(req):
    plugins = req.app.plugins or {}
    m = plugins.get("login")
    if m is None:
        raise RuntimeError("login_required needs app.install(LoginManager(...))")
    return m


def login_required(handler=None, api=None):
    """Module-level form of LoginManager.login_required: finds the manager
    installed on the request's app."""
    if handler is None:
        return lambda h: login_required(h, api)

    def check(req, resp):
        return _manager(req).check(req, resp, api)
    return guard(check, handler)


def login_user(req, resp, user_id, user=None):
    """See LoginManager.login_user."""
    _manager(req).login_user(req, resp, user_id, user)


def logout_user(req, resp):
    """See LoginManager.logout_user."""
    _manager(req).logout_user(req, resp)
