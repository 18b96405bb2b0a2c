"""Session and login options through the core's TestClient (CPython, in-process):
Secure and SameSite settings, a handler that writes its own response, an async
user loader, a mounted app guarded by the top app's LoginManager."""
import picoweb_core
from picoweb_auth import LoginManager, Sessions, login_required, login_user
from picoweb_core.testing import TestClient

KEY = "testclient-key-0123456789abcdef"


def make_app():
    app = picoweb_core.WebApp(__name__)
    sessions = app.install(Sessions(keys=KEY, secure=True, samesite="Strict", cookie="sid"))

    async def load_user(uid):
        return {"id": uid} if uid == "ann" else None

    login = app.install(LoginManager(load_user, login_url="/signin"))

    @app.route("/in", methods=["POST"])
    async def sign_in(req, resp):
        login_user(req, resp, "ann")
        return "in"

    @app.route("/write-own")
    async def write_own(req, resp):
        req.session["n"] = req.session.get("n", 0) + 1
        sessions.save(req, resp)  # before the head goes out
        await resp.start_response("text/plain")
        await resp.awrite("n=%d" % req.session["n"])

    @app.route("/me")
    @login.login_required
    async def me(req, resp):
        return req.user

    sub = picoweb_core.WebApp("sub")

    @sub.route("/page")
    @login_required
    async def page(req, resp):
        return "sub page for " + req.user["id"]

    app.mount("/sub", sub)
    return app


def test_cookie_attributes_follow_the_settings():
    client = TestClient(make_app())
    r = client.post("/in", headers={"Sec-Fetch-Site": "same-origin"})
    assert r.status == 200
    (cookie,) = r.cookies
    assert cookie.startswith("sid=")
    attrs = [a.strip().lower() for a in cookie.split(";")[1:]]
    assert {"secure", "httponly", "samesite=strict", "path=/", "max-age=86400"} <= set(attrs)


def test_async_loader_and_mounted_app():
    client = TestClient(make_app())
    assert client.get("/me").status == 302
    assert client.get("/me").headers["location"] == "/signin?next=/me"
    client.post("/in")
    assert client.get("/me").json() == {"id": "ann"}
    r = client.get("/sub/page")
    assert (r.status, r.text) == (200, "sub page for ann")


def test_handler_writing_its_own_response_saves_first():
    client = TestClient(make_app())
    assert client.get("/write-own").text == "n=1"
    assert client.get("/write-own").text == "n=2"
    r = client.get("/write-own")
    assert r.text == "n=3" and len(r.cookies) == 1
