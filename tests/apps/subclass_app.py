"""A WebApp subclass overriding every documented subclassing point and
calling super() in each; a mounted app with its own hooks and error
handlers; middleware and teardown hooks. Runs unchanged on CPython and
MicroPython (tests/core/test_subclassing.py).

    <runtime> subclass_app.py PORT
"""
import sys

import picoweb_core as picoweb
from picoweb_core import HTTPError, WebApp

CALLS = []      # names of the overridden points, in the order they ran
EVENTS = []     # hooks, middleware and teardown, per request


def seen(name):
    if name not in CALLS:
        CALLS.append(name)


class App(WebApp):
    def init(self):
        seen("init")
        super().init()

    def add_url_rule(self, url, func, methods=None, **extra):
        seen("add_url_rule")
        super().add_url_rule(url, func, methods, **extra)

    def route(self, url, **kwargs):
        seen("route")
        return super().route(url, **kwargs)

    def mount(self, url, app):
        seen("mount")
        super().mount(url, app)

    def before_request(self, func):
        seen("before_request")
        return super().before_request(func)

    def after_request(self, func):
        seen("after_request")
        return super().after_request(func)

    def teardown_request(self, func):
        seen("teardown_request")
        return super().teardown_request(func)

    def use(self, middleware):
        seen("use")
        return super().use(middleware)

    def errorhandler(self, key):
        seen("errorhandler")
        return super().errorhandler(key)

    def install(self, plugin):
        seen("install")
        return super().install(plugin)

    async def dispatch(self, req, resp):
        seen("dispatch")
        return await super().dispatch(req, resp)

    async def handle(self, req, resp):
        seen("handle")
        await super().handle(req, resp)

    async def handle_exc(self, req, resp, exc):
        seen("handle_exc")
        await super().handle_exc(req, resp, exc)

    async def start_server(self, host="127.0.0.1", port=8081, debug=-1, log=None, lazy_init=False):
        seen("start_server")
        return await super().start_server(host, port, debug, log, lazy_init)

    def serve(self, loop, host, port):
        seen("serve")
        super().serve(loop, host, port)


class Plugin:
    name = "marker"

    def install(self, app):
        app.marked = True


app = App(__name__)
sub = WebApp("sub")
app.install(Plugin())


@app.route("/")
async def index(req, resp):
    return "hello"


@app.route("/calls")
async def calls(req, resp):
    return {"calls": CALLS, "marked": app.marked}


@app.route("/events")
async def events(req, resp):
    out = list(EVENTS)
    del EVENTS[:]
    return {"events": out}


@app.route("/boom")
async def boom(req, resp):
    raise KeyError("boom")


@app.route("/teapot")
async def teapot(req, resp):
    raise HTTPError(418)


def plain(req, resp):
    # picoweb 1.x style, through the subclass's add_url_rule
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("plain")


app.add_url_rule("/plain", plain)


@app.before_request
def app_before(req, resp):
    if req.path not in ("/events", "/calls"):
        EVENTS.append("app.before")


@app.after_request
def app_after(req, resp):
    if req.path not in ("/events", "/calls"):
        EVENTS.append("app.after")


@app.teardown_request
def app_teardown(req, resp, exc):
    if req.path not in ("/events", "/calls"):
        EVENTS.append("app.teardown:" + (type(exc).__name__ if exc is not None else "-"))


@app.use
async def outer(req, resp, call_next):
    if req.path in ("/events", "/calls"):
        return await call_next(req, resp)
    EVENTS.append("mw.outer.in")
    rv = await call_next(req, resp)
    EVENTS.append("mw.outer.out")
    resp.headers.append(("X-Outer", "1"))
    return rv


@app.use
async def inner(req, resp, call_next):
    if req.path == "/mw-answers":
        return "from middleware"  # answers without reaching a handler
    rv = await call_next(req, resp)
    if req.path == "/mw-wraps":
        return "wrapped:" + rv
    return rv


@app.route("/mw-wraps")
async def mw_wraps(req, resp):
    return "inner"


@app.errorhandler(418)
async def app_teapot(req, resp, exc):
    return ("app handles 418", 418)


@app.errorhandler(ZeroDivisionError)
async def app_zero(req, resp, exc):
    return ("app handles zero", 500)


@sub.route("/")
async def sub_index(req, resp):
    return "sub index"


@sub.route("/teapot")
async def sub_teapot(req, resp):
    raise HTTPError(418)


@sub.route("/zero")
async def sub_zero(req, resp):
    return 1 // 0


@sub.route("/missing-here")
async def sub_nothing(req, resp):
    raise HTTPError(404)


@sub.before_request
def sub_before(req, resp):
    EVENTS.append("sub.before")


@sub.after_request
def sub_after(req, resp):
    EVENTS.append("sub.after")


@sub.teardown_request
def sub_teardown(req, resp, exc):
    EVENTS.append("sub.teardown")


@sub.use
async def sub_mw(req, resp, call_next):
    EVENTS.append("sub.mw.in")
    rv = await call_next(req, resp)
    EVENTS.append("sub.mw.out")
    return rv


@sub.route("/café")
async def sub_cafe(req, resp):
    return "sub cafe " + req.path


@sub.errorhandler(418)
async def sub_418(req, resp, exc):
    return ("sub handles 418", 418)


app.mount("/sub", sub)

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=-1)
