"""The app the auth tests drive, on CPython and on MicroPython.

    <runtime> auth_app.py PORT

Basic and Bearer auth (decorator and route option), a login flow over
signed-cookie sessions (async def and picoweb-style generator handlers),
CSRF on the protected POST routes, and a failed-login limiter. Keys, users
and limits are fixed here so the tests can sign their own cookies.
"""
import sys

import picoweb_core
from picoweb_auth import (BasicAuth, BearerAuth, LoginManager, Sessions, Throttle,
                          averify_password, compare_digest, csrf_field, csrf_protect,
                          hash_password, login_required, login_user, logout_user,
                          verify_password)

port = int(sys.argv[1])

NEW_KEY = "new-key-0123456789abcdef-new"
OLD_KEY = "old-key-0123456789abcdef-old"
MAX_AGE = 3600
# Few iterations: these tests check the flow, not the cost (test_passwords.py does).
USERS = {
    "ann": {"name": "Ann", "hash": hash_password("correct horse", 1000)},
    "j\u00f6rg": {"name": "J\u00f6rg", "hash": hash_password("p\u00e4ss:w:rd", 1000)},
}
STATE = {"relay": "off", "count": 0, "verifying": 0}

app = picoweb_core.WebApp(__name__)


def check_basic(user, password):
    u = USERS.get(user)
    return u is not None and verify_password(password, u["hash"])


async def check_basic_async(user, password):
    return check_basic(user, password) and {"name": USERS[user]["name"]}


# Lockouts long enough that a busy machine cannot outlast one between two
# requests of a test (auth_cases.py checks their end with a hand-moved clock).
basic = BasicAuth(check_basic, realm="relay board", throttle=Throttle(attempts=5, lockout=30,
                                                                      max_lockout=60))
basic_async = BasicAuth(check_basic_async, realm="async",
                        throttle=Throttle(attempts=5, lockout=30, max_lockout=60))
bearer = BearerAuth(lambda token: compare_digest(token, "tok-123.abc~") and "api-client",
                    realm="api")
app.install(basic_async)   # for the route option
app.install(Sessions(keys=[NEW_KEY, OLD_KEY], max_age=MAX_AGE))


async def load_user(uid):
    # async here (the README's example has a sync one): both are awaited.
    u = USERS.get(uid)
    return None if u is None else {"id": uid, "name": u["name"]}


login = app.install(LoginManager(load_user, login_url="/login",
                                 throttle=Throttle(attempts=3, lockout=30, max_lockout=60,
                                                   size=8)))


@app.route("/basic")
@basic
async def basic_page(req, resp):
    return "basic ok: " + req.user


@app.route("/basic-async", auth=basic_async)
async def basic_async_page(req, resp):
    return {"user": req.user["name"]}


@app.route("/basic-gen")
@basic
def basic_gen(req, resp):
    yield from resp.start_response("text/plain")
    yield from resp.awrite("gen basic ok: " + req.user)


@app.route("/basic-relay", methods=["POST"])
@basic
async def basic_relay(req, resp):
    STATE["count"] += 1
    STATE["relay"] = "basic"
    return {"relay": "basic", "by": req.user}


@app.route("/bearer")
@bearer
async def bearer_page(req, resp):
    return {"client": req.user}


LOGIN_FORM = ('<form method="post" action="/login%s">%s'
              '<input name="user"><input name="password" type="password"></form>')


@app.route("/login", methods=["GET", "POST"])
@csrf_protect
async def login_page(req, resp):
    nxt = "?next=" + req.args.get("next") if req.args.get("next") else ""
    if req.method == "GET":
        return LOGIN_FORM % (nxt, csrf_field(req))
    wait = login.locked(req, resp)
    if wait:
        return login.too_many(wait)
    form = await req.read_form()
    name = form.get("user", "")
    user = USERS.get(name)
    if user is None or not verify_password(form.get("password", ""), user["hash"]):
        login.login_failed(req, resp)
        return "wrong user or password", 401
    login_user(req, resp, name)
    await resp.redirect(login.next_url(req))


@app.route("/gen/login", methods=["POST"])
def gen_login(req, resp):
    # picoweb 1.x style: a generator handler using yield from.
    wait = login.locked(req, resp)
    if wait:
        yield from resp.start_response("text/plain", "429", {"Retry-After": str(wait)})
        yield from resp.awrite("locked")
        return
    yield from req.read_form_data()
    name = req.form.get("user", "")
    user = USERS.get(name)
    if user is None or not verify_password(req.form.get("password", ""), user["hash"]):
        login.login_failed(req, resp)
        yield from resp.start_response("text/plain", "401")
        yield from resp.awrite("wrong")
        return
    login_user(req, resp, name)
    yield from resp.redirect("/gen/private")


@app.route("/logout", methods=["POST"])
@login_required
async def logout(req, resp):
    logout_user(req, resp)
    return "bye"


@app.route("/private")
@login.login_required
async def private(req, resp):
    return "hello " + req.user["name"]


@app.route("/gen/private")
@login_required
def gen_private(req, resp):
    yield from resp.start_response("text/plain")
    yield from resp.awrite("gen hello " + req.user["name"])


def suffixed(handler):
    # The app's own async decorator, outside ours: it awaits the guarded handler.
    async def wrapper(req, resp):
        rv = await handler(req, resp)
        return rv + " (wrapped)"
    return wrapper


def passed_on(handler):
    # A picoweb 1.x generator decorator, outside ours: it passes on what the
    # guard returns (the redirect when logged out).
    def wrapper(req, resp):
        return (yield from handler(req, resp))
    return wrapper


@app.route("/wrapped")
@suffixed
@login_required
async def wrapped(req, resp):
    return "hello " + req.user["name"]


@app.route("/gen/wrapped")
@passed_on
@login_required
def gen_wrapped(req, resp):
    yield from resp.start_response("text/plain")
    yield from resp.awrite("gen wrapped " + req.user["name"])


@app.route("/api/me", auth=login)
async def api_me(req, resp):
    return {"id": req.user["id"]}


@app.route("/api/only")
@login.login_required(api=True)
async def api_only(req, resp):
    return {"ok": True}


@app.route("/relay", methods=["POST", "PUT", "DELETE"])
@login_required
async def relay(req, resp):
    if req.method == "DELETE":
        STATE["relay"] = "off"
    else:
        form = await req.read_form() if req.content_type.endswith("urlencoded") else {}
        STATE["relay"] = form.get("to", "on")
    STATE["count"] += 1
    return {"relay": STATE["relay"], "by": req.user["id"]}


@app.route("/gen/relay", methods=["POST"])
@login_required
def gen_relay(req, resp):
    STATE["count"] += 1
    STATE["relay"] = "gen"
    yield from resp.jsonify({"relay": STATE["relay"]})


@app.route("/state")
async def state(req, resp):
    return {"relay": STATE["relay"], "count": STATE["count"], "verifying": STATE["verifying"],
            "user": req.user["id"] if req.user else None}


@app.route("/slow-verify", methods=["POST"])
async def slow_verify(req, resp):
    # A verification long enough to watch: the server answers /state meanwhile.
    form = await req.read_form()
    STATE["verifying"] += 1
    try:
        ok = await averify_password(form.get("password", ""), form.get("stored"))
    finally:
        STATE["verifying"] -= 1
    return {"ok": ok}


@app.route("/session", methods=["GET", "POST"])
async def session_page(req, resp):
    if req.method == "POST":
        await req.read_form()
        req.session["note"] = req.form.get("note", "")
    return {"note": req.session.get("note"), "keys": sorted(req.session.keys())}


@app.route("/_heap")
async def heap(req, resp):
    # Live heap after a collection (MicroPython), and the limiter's table size.
    import gc
    gc.collect()
    alloc = gc.mem_alloc() if hasattr(gc, "mem_alloc") else None
    return {"alloc": alloc, "entries": len(login.throttle.entries)}


@app.route("/modules")
async def modules(req, resp):
    return sorted(k for k in sys.modules if k.startswith("picoweb_auth"))


app.run(host="127.0.0.1", port=port, debug=0)
