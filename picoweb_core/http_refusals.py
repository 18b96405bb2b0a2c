# The head parser's rare paths (http.py), loaded the first time one is
# needed: a method not seen yet, a request target that is not a plain path,
# a header name sent twice. What HTTP requires a server to refuse is
# refused here, so http.py stays small on the hot path. Below http.py (it
# imports nothing of the core), each is handed the HTTPError class to raise.

# RFC 9110 9.1: the methods every server knows. Any other is 501 unless a
# route of an app names it (serving_routes.py adds those to http._methods).
STANDARD = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT")


def method_name(method, error):
    """The str for the method bytes `method`: 400 if it is not a token of
    A-Z, 501 if it is no standard method (and no route named it)."""
    if min(method) < 65 or max(method) > 90:
        raise error(400)
    name = method.decode()
    if name not in STANDARD:
        raise error(501)
    return name


def origin_form(method, target, error):
    """The path of a request target that does not start with "/"."""
    if target == b"*":
        # RFC 9112 3.2.4: the asterisk-form asks about the server itself and
        # only OPTIONS may use it. The core has no answer for the server as a
        # whole (each route has its own methods): 501, as RFC 9110 allows.
        raise error(501 if method == "OPTIONS" else 400)
    # The absolute-form a proxy sends: only its path matters here.
    i = target.find(b"://")
    if i < 0:
        raise error(400)
    slash = target.find(b"/", i + 3)
    return target[slash:] if slash >= 0 else b"/"


def combine(name, old, value, error):
    """A header sent again: one value with both (RFC 9110 5.3). A second
    Host is a 400 (RFC 9112 3.2): which one would the request be for?"""
    if name == "host":
        raise error(400)
    return old + (b"; " if name == "cookie" else b", ") + value

