# CSRF protection for unsafe methods (POST, PUT, PATCH, DELETE).
#
# A request passes when the browser says it is same-origin (Sec-Fetch-Site:
# same-origin, or none for one the user typed; or, from browsers that do not
# send Sec-Fetch-Site, an Origin equal to the Host), or when it carries the
# session's token in the X-CSRF-Token header or the `csrf_token` form field.
# Anything else is 403 before the handler runs, so a forged cross-site POST
# changes nothing. Checked in this order: the headers cost nothing, the form
# field means reading the body.
from .compat import b64url_encode, compare_digest, guard, random_bytes

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
FIELD = "csrf_token"
HEADER = b"x-csrf-token"
_KEY = "_csrf"           # the token's place in the session


def csrf_token(req):
    """This session's CSRF token (made, and the session saved, on first use).

    Needs Sessions installed. Put it in forms with csrf_field(req), or send it
    as the X-CSRF-Token header from scripts.
    """
    session = getattr(req, "session", None)
    if session is None:
        raise RuntimeError("csrf_token needs app.install(Sessions(...))")
    token = session.get(_KEY)
    if not token:
        token = b64url_encode(random_bytes(18))
        session[_KEY] = token
    return token


def csrf_field(req):
    """The hidden form field carrying the token: `{{ csrf_field(req)|safe }}`."""
    return '<input type="hidden" name="%s" value="%s">' % (FIELD, csrf_token(req))


def same_origin(req):
    """True when the browser says the request comes from this site's own pages."""
    h = req.headers
    site = h.get(b"sec-fetch-site")
    if site is not None:
        return site in (b"same-origin", b"none")
    origin = h.get(b"origin")
    host = h.get(b"host")
    if not origin or not host:
        return False
    i = origin.find(b"://")
    return i > 0 and origin[i + 3:].lower() == host.lower()


async def _sent_token(req):
    token = req.headers.get(HEADER)
    if token:
        return token
    if req.content_type == "application/x-www-form-urlencoded":
        form = await req.read_form()
        token = form.get(FIELD)
        if token:
            return token
    return None


def forbidden():
    return ("403 Forbidden: cross-site request refused (CSRF)\n", 403,
            [("Content-Type", "text/plain; charset=utf-8")])


async def check_csrf(req, resp):
    """None when `req` may go on, else the 403 answer (a handler's return value)."""
    if req.method not in UNSAFE:
        return None
    if getattr(req, "headers", None) is None:
        return forbidden()  # picoweb's skip/leave modes: nothing to check with
    if same_origin(req):
        return None
    session = getattr(req, "session", None)
    expected = session.get(_KEY) if session is not None else None
    if expected:
        sent = await _sent_token(req)
        if sent and compare_digest(sent, expected):
            return None
    return forbidden()


def csrf_protect(handler):
    """Decorator: unsafe methods need a same-origin request or the session's token."""
    return guard(check_csrf, handler)
