# CORS (the Fetch standard's CORS protocol) as one before_request hook.
#
# Strategy: the hook runs before routing, so it answers preflights (OPTIONS
# with Access-Control-Request-Method) itself, for every path, without
# reaching a handler; for other requests it appends its headers to
# `resp.headers`, which the core sends with whatever response follows:
# returned values, start_response() heads, error pages and 404s alike (not a
# response a handler writes raw, with its own status line).
#
# What browsers enforce, and so what this never does: "*" together with
# credentials (a credentialed request is refused unless the origin itself is
# echoed), and CORS headers for an origin that is not allowed.

_SAFE_METHODS = ("GET", "HEAD", "POST")  # allowed by browsers without a listing


def _names(value, what, upper=False):
    # "*" or a list of names, normalised; a str other than "*" is one name.
    if value == "*":
        return "*"
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise TypeError("%s must be '*' or a list of str, not %r" % (what, value))
    out = []
    for v in value:
        if not isinstance(v, str) or not v or "," in v or "\n" in v or "\r" in v:
            raise ValueError("bad %s entry %r" % (what, v))
        v = v.strip()
        out.append(v.upper() if upper else v.lower())
    return tuple(out)


class CORS:
    """Cross-origin resource sharing for an app:

        app.install(CORS(origins=["https://ui.example"], methods=["GET", "POST", "PUT"],
                         headers=["Content-Type", "X-Token"], credentials=True, max_age=600))

    `origins`: "*" or a list of exact origins ("https://host:port", compared
    case-insensitively); `methods`, `headers` (request headers a page may
    send) and `expose` (response headers a page may read): lists or "*";
    `credentials`: allow cookies and HTTP auth; `max_age`: seconds a browser
    may cache a preflight (None: not sent). With credentials, "*" matches
    any origin but the origin itself is echoed, never "*" (browsers refuse
    that pair), and "*" methods and headers echo what was asked. A preflight
    that asks for a disallowed origin, method or header gets 403 with no
    CORS headers.
    """

    name = "cors"

    def __init__(self, origins="*", methods=("GET", "HEAD", "POST"), headers=(), expose=(),
                 credentials=False, max_age=None):
        self.origins = _names(origins, "origins")
        self.methods = _names(methods, "methods", upper=True)
        self.headers = _names(headers, "headers")
        self.expose = _names(expose, "expose")
        if not isinstance(credentials, bool):
            raise TypeError("credentials must be True or False")
        if max_age is not None and (not isinstance(max_age, int) or max_age < 0):
            raise ValueError("max_age must be a non-negative int or None")
        self.credentials = credentials
        self.max_age = max_age
        # "*" without credentials: every origin gets the same answer, so
        # caches need no Vary; any other set-up answers per origin.
        self.any_origin = self.origins == "*" and not credentials
        self.vary = not self.any_origin
        if self.expose == "*":
            self.expose_value = None if credentials else "*"
        else:
            self.expose_value = ", ".join(self.expose) if self.expose else None

    def install(self, app):
        app.before_request(self.before_request)

    def allowed(self, origin):
        """Whether `origin` (the request's Origin header) may read responses."""
        if self.origins == "*":
            return True
        return origin.lower() in self.origins

    def before_request(self, req, resp):
        origin = req.headers.get("origin")
        if req.method == "OPTIONS" and origin is not None and \
                "access-control-request-method" in req.headers:
            return self.preflight(req, resp, origin)  # a coroutine: the core awaits it
        out = resp.headers
        if self.vary:
            out.append(("Vary", "Origin"))
        if origin is None:
            if self.any_origin:
                out.append(("Access-Control-Allow-Origin", "*"))
            return None
        if not self.allowed(origin):
            return None
        out.append(("Access-Control-Allow-Origin", "*" if self.any_origin else origin))
        if self.credentials:
            out.append(("Access-Control-Allow-Credentials", "true"))
        if self.expose_value:
            out.append(("Access-Control-Expose-Headers", self.expose_value))
        return None

    async def preflight(self, req, resp, origin):
        """Answer an OPTIONS preflight: 204 with the grant, or 403 without one."""
        h = req.headers
        method = h.get("access-control-request-method").strip()
        asked = [x.strip().lower() for x in (h.get("access-control-request-headers") or "")
                 .split(",") if x.strip()]
        vary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
        if not self.allowed(origin):
            return self.refuse("origin not allowed", vary)
        if self.methods != "*" and method not in self.methods and method not in _SAFE_METHODS:
            return self.refuse("method not allowed", vary)
        if self.headers != "*":
            for name in asked:
                if name not in self.headers:
                    return self.refuse("header %s not allowed" % name, vary)
        grant = [("Access-Control-Allow-Origin", "*" if self.any_origin else origin)]
        if self.methods == "*":
            grant.append(("Access-Control-Allow-Methods", "*" if self.any_origin else method))
        else:
            grant.append(("Access-Control-Allow-Methods", ", ".join(self.methods)))
        if self.headers == "*":
            if asked:
                grant.append(("Access-Control-Allow-Headers",
                              "*" if self.any_origin else ", ".join(asked)))
        elif self.headers:
            grant.append(("Access-Control-Allow-Headers", ", ".join(self.headers)))
        if self.credentials:
            grant.append(("Access-Control-Allow-Credentials", "true"))
        if self.max_age is not None:
            grant.append(("Access-Control-Max-Age", str(self.max_age)))
        grant.append(("Vary", vary))
        # A head alone: a 204 carries no body and no Content-Length (RFC 9110 8.6).
        await resp.start_response(None, 204, grant)
        return None

    def refuse(self, why, vary):
        return ("CORS preflight refused: %s\n" % why, 403,
                [("Content-Type", "text/plain; charset=utf-8"), ("Vary", vary)])
