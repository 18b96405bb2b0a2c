"""picoweb_core.testing.TestClient: real dispatch without sockets (CPython)."""
import picoweb_core
from picoweb_core.testing import TestClient


def make_app():
    app = picoweb_core.WebApp(__name__)

    @app.route("/hello/<name>")
    async def hello(req, resp, name):
        return {"hello": name, "q": req.args.get("q")}

    @app.route("/login", methods=["POST"])
    async def login(req, resp):
        form = await req.read_form()
        resp.set_cookie("user", form["user"])
        return "ok"

    @app.route("/me")
    async def me(req, resp):
        return req.cookies.get("user") or "anonymous"

    @app.route("/echo", methods=["POST"])
    async def echo(req, resp):
        return {"got": await req.read_json()}

    @app.route("/stream")
    async def stream(req, resp):
        return (s for s in ("a", "b", "c"))

    return app


def test_client_get_json_and_status():
    c = TestClient(make_app())
    r = c.get("/hello/bob?q=1")
    assert r.status == 200 and r.json() == {"hello": "bob", "q": "1"}
    assert c.get("/nope").status == 404
    assert c.delete("/login").status == 405


def test_client_keeps_cookies_and_posts_forms():
    c = TestClient(make_app())
    assert c.get("/me").text == "anonymous"
    assert c.post("/login", form={"user": "ann \u00e9"}).text == "ok"
    assert c.get("/me").text == "ann \u00e9"


def test_client_json_body_and_streaming():
    c = TestClient(make_app())
    assert c.post("/echo", json={"a": [1]}).json() == {"got": {"a": [1]}}
    r = c.get("/stream")
    assert r.headers["connection"] == "close" and r.text == "abc"
    r = c.head("/hello/x")
    assert r.status == 200 and r.body == b""


class RecordingLog:
    def __init__(self):
        self.lines = []

    def error(self, msg, *args, **kw):
        self.lines.append(("error", msg % args))

    def info(self, msg, *args):
        self.lines.append(("info", msg % args))

    def debug(self, msg, *args):
        self.lines.append(("debug", msg % args))


def test_custom_logger_receives_errors():
    app = picoweb_core.WebApp(__name__)

    @app.route("/boom")
    async def boom(req, resp):
        raise ValueError("kaput")

    log = RecordingLog()
    app._prepare(False, 0, log)
    r = TestClient(app).get("/boom")
    assert r.status == 500
    assert any(level == "error" and "kaput" in line for level, line in log.lines), log.lines
