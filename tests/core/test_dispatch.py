"""dispatch(): every path through it, with and without hooks, mounts and a
subclass that overrides it (CPython, through the real server loop in memory)."""
import picoweb_core
from picoweb_core.testing import TestClient


def test_no_hooks_every_kind_of_handler_and_error():
    app = picoweb_core.WebApp(__name__)

    @app.route("/async/<int:n>")
    async def a(req, resp, n):
        return {"n": n}

    def plain(req, resp):
        return "plain"

    def generator(req, resp):  # picoweb 1.x
        yield from resp.start_response("text/plain")
        yield from resp.awrite("gen")
    app.add_url_rule("/plain", plain, methods=["GET"])
    app.add_url_rule("/gen", generator)

    c = TestClient(app)
    assert c.get("/async/7").json() == {"n": 7}
    assert c.get("/plain").body == b"plain"
    assert c.get("/gen").body == b"gen"
    assert c.get("/nowhere").status == 404
    assert c.post("/plain").status == 405


def test_hooks_of_the_app_and_of_a_mounted_app_run_in_order():
    seen = []
    app = picoweb_core.WebApp(__name__)
    sub = picoweb_core.WebApp("sub")

    @app.before_request
    def outer(req, resp):
        seen.append("outer")
        if req.path == "/stop":
            return "stopped", 403

    @sub.before_request
    async def inner(req, resp):
        seen.append("inner")
        if req.path == "/deny":
            return "denied", 401

    @sub.route("/item/<int:i>")
    async def item(req, resp, i):
        seen.append("handler")
        return {"i": i, "params": req.params}

    @sub.route("/deny")
    async def deny(req, resp):
        return "never"

    app.mount("/sub", sub)
    c = TestClient(app)
    r = c.get("/sub/item/3")
    assert r.json() == {"i": 3, "params": {"i": 3}} and seen == ["outer", "inner", "handler"]
    del seen[:]
    r = c.get("/sub/deny")
    assert (r.status, r.body, seen) == (401, b"denied", ["outer", "inner"])
    r = c.get("/stop")
    assert (r.status, r.body) == (403, b"stopped")
    assert c.get("/sub/none").status == 404


def test_a_subclass_awaits_the_base_dispatch():
    class Counting(picoweb_core.WebApp):
        calls = 0

        async def dispatch(self, req, resp):
            Counting.calls += 1
            rv = await super().dispatch(req, resp)
            return rv.upper() if isinstance(rv, str) else rv

    app = Counting(__name__)

    @app.route("/")
    async def index(req, resp):
        return "quiet"

    c = TestClient(app)
    assert c.get("/").body == b"QUIET" and Counting.calls == 1
    assert c.get("/missing").status == 404 and Counting.calls == 2
