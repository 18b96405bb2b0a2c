"""Router cases (picoweb_core/routing.py): exact paths and methods, placeholders,
regexes, bad patterns, mounts on whole segments. Run as tests/core/test_unit.py says.
"""
from picoweb_core.http import HTTPError, Limits
from picoweb_core.routing import Router

GET = b"GET /a?b=1 HTTP/1.1\r\nHost: example\r\nX-Two: 1\r\nx-two: 2\r\n\r\n"
SMALL = Limits(max_line=64, max_headers=4, max_header_bytes=128, max_body=100)


def check(cond, msg=""):
    if not cond:
        raise AssertionError(msg)


def status_of(func, *args):
    try:
        func(*args)
    except HTTPError as e:
        return e.status
    return None


def h1(req, resp):
    pass


def h2(req, resp):
    pass


def case_router_exact_and_methods():
    r = Router()
    r.add("/", h1)
    r.add("/p", h1, methods=["GET"])
    r.add("/p", h2, methods=["POST"])
    check(r.match("GET", "/")[0][0] is h1)
    check(r.match("DELETE", "/")[0][0] is h1)
    check(r.match("POST", "/p")[0][0] is h2)
    check(r.match("HEAD", "/p")[0][0] is h1)
    try:
        r.match("PUT", "/p")
        check(False, "no 405")
    except HTTPError as e:
        check(e.status == 405 and e.message == ["GET", "POST", "HEAD"], repr(e.message))
    check(status_of(r.match, "GET", "/nope") == 404)


def case_router_placeholders():
    r = Router()
    r.add("/u/<int:id>", h1)
    r.add("/n/<name>/x", h1)
    r.add("/f/<path:rest>", h2)
    check(r.match("GET", "/u/42")[1] == {"id": 42})
    check(status_of(r.match, "GET", "/u/4x") == 404)
    check(status_of(r.match, "GET", "/u/") == 404)
    check(r.match("GET", "/n/bob/x")[1] == {"name": "bob"})
    check(status_of(r.match, "GET", "/n/bob") == 404)
    check(status_of(r.match, "GET", "/n/bob/x/y") == 404)
    check(r.match("GET", "/f/a/b/c.txt")[1] == {"rest": "a/b/c.txt"})
    check(status_of(r.match, "GET", "/f/") == 404)
    check(status_of(r.match, "GET", "/n/bob/xy") == 404)  # literals end on a segment's end
    check(status_of(r.match, "GET", "/uu/42") == 404)
    check(status_of(r.match, "GET", "/u//42") == 404)
    r.add("/t/<a>/<int:b>/", h1)
    r.add("/<top>", h2)
    check(r.match("GET", "/t/x/7/")[1] == {"a": "x", "b": 7})
    check(status_of(r.match, "GET", "/t/x/7") == 404)
    check(status_of(r.match, "GET", "/t//7/") == 404)
    check(r.match("GET", "/anything")[1] == {"top": "anything"})
    check(status_of(r.match, "GET", "/two/parts") == 404)


def case_router_regex():
    import re
    r = Router()
    r.add(re.compile("^/r/([0-9]+)$"), h1)
    route, params, m, prefix = r.match("GET", "/r/12")
    check(m.group(1) == "12" and params is None)
    check(status_of(r.match, "GET", "/r/x") == 404)


def case_router_bad_patterns():
    for bad in ("/<bad:x>", "/a<b>", "/<path:p>/x", "/<int:>"):
        try:
            Router().add(bad, h1)
            check(False, "accepted " + bad)
        except ValueError:
            pass
    try:
        Router().add("/", "not callable")
        check(False, "accepted a non-callable")
    except TypeError:
        pass


class _Sub:
    def __init__(self):
        self.router = Router(self)


def case_router_mount_on_segments():
    sub = _Sub()
    sub.router.add("/", h2)
    sub.router.add("/x", h1)
    r = Router()
    r.mount("/app1/", sub)
    check(r.match("GET", "/app1")[0][0] is h2)
    check(r.match("GET", "/app1/")[0][0] is h2)
    check(r.match("GET", "/app1/x")[0][0] is h1)
    check(status_of(r.match, "GET", "/app10") == 404)
    check(status_of(r.match, "GET", "/app1/y") == 404)
