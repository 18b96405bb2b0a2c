"""One app for the end-to-end cases that run against both servers: the built-in
one (`python e2e_app.py PORT DATA_DIR`) and an ASGI server (`uvicorn e2e_app:asgi`,
with E2E_DATA naming the data folder). Handlers, hooks, error handlers, request
bodies, streaming, and the static, templates, auth (sessions, Basic) and db plugins."""
import asyncio
import hashlib
import os
import sys

import picoweb_core as picoweb
from picoweb_core import HTTPError, abort
from picoweb_core.asgi import ASGI
from picoweb_auth import BasicAuth, Sessions
from picoweb_db import DB, DBPlugin, Model
from picoweb_static import StaticFiles
from picoweb_templates import Templates

HERE = os.path.dirname(os.path.abspath(__file__))


class Item(Model):
    __table__ = "item"
    __fields__ = {"name": ""}


def make_app(data):
    app = picoweb.WebApp(__name__)
    app.install(StaticFiles(os.path.join(HERE, "www"), prefix="/static"))
    app.install(Templates(os.path.join(HERE, "templates"), cache=os.path.join(data, "tpl")))
    db = DB(os.path.join(data, "items.db"), backend="sqlite").connect()
    db.create_table(Item)
    app.install(DBPlugin(db))
    # The same key in every worker process: a signed-cookie session is valid in all of them.
    app.install(Sessions(keys=["e2e-tests-session-key-0123456789"]))
    state = {"release": None, "ended": 0}  # release: an asyncio.Event, made in the serving loop

    @app.before_request
    async def guard(req, resp):
        if req.headers.get("X-Block"):
            return "blocked by a hook", 403
        req.seen_by_hook = True

    @app.after_request
    async def stamp(req, resp):
        resp.headers.append(("X-After", "1"))

    @app.errorhandler(404)
    async def not_found(req, resp, exc):
        return "no page at " + req.path, 404

    @app.errorhandler(ValueError)
    async def bad_value(req, resp, exc):
        return {"error": str(exc)}, 400

    @app.route("/")
    async def index(req, resp):
        return "Hello, world!"

    @app.route("/user/<int:uid>", methods=["GET"])
    async def user(req, resp, uid):
        return {"id": uid, "hook": req.seen_by_hook, "q": req.args.get("q")}

    @app.route("/headers")
    async def headers(req, resp):
        return {"agent": req.headers.get("User-Agent"), "method": req.method, "path": req.path,
                "qs": req.qs}

    @app.route("/form", methods=["POST"])
    async def form(req, resp):
        f = await req.read_form()
        return {"name": f.get("name"), "n": len(f)}

    @app.route("/json", methods=["POST"])
    async def json_body(req, resp):
        return {"got": await req.read_json()}

    @app.route("/digest", methods=["POST", "PUT"])
    async def digest(req, resp):
        # the body in pieces, as the handler reads it
        h = hashlib.sha256()
        n = 0
        while True:
            piece = await req.read(1024)
            if not piece:
                break
            n += len(piece)
            h.update(piece)
        return {"bytes": n, "sha256": h.hexdigest()}

    @app.route("/value-error")
    async def value_error(req, resp):
        raise ValueError("bad input here")

    @app.route("/teapot")
    async def teapot(req, resp):
        abort(418)

    @app.route("/crash")
    async def crash(req, resp):
        raise RuntimeError("a bug")

    @app.route("/cookie")
    async def cookie(req, resp):
        resp.set_cookie("flavour", "oat")
        return {"had": req.cookies.get("flavour")}

    @app.route("/go")
    async def go(req, resp):
        await resp.redirect("/user/1")

    @app.route("/stream")
    async def stream(req, resp):
        async def parts():
            yield "first part\n"
            # Held until the client, having received the first part, asks /release:
            # a server that gathered the response whole would never send it.
            await state["release"].wait()
            state["release"].clear()
            yield "second part\n"
        if state["release"] is None:
            state["release"] = asyncio.Event()
        return parts()

    @app.route("/release")
    async def do_release(req, resp):
        if state["release"] is None:
            state["release"] = asyncio.Event()
        state["release"].set()
        return "released"

    @app.route("/forever")
    async def forever(req, resp):
        async def ticks():
            try:
                while True:
                    yield "tick\n"
                    await asyncio.sleep(0.01)
            finally:
                state["ended"] += 1
        return ticks()

    @app.route("/ended")
    async def ended(req, resp):
        return {"ended": state["ended"]}

    @app.route("/midway-crash")
    async def midway_crash(req, resp):
        async def parts():
            yield "a first part\n"
            raise RuntimeError("a bug after the head")
        return parts()

    basic = BasicAuth(lambda user, password: user == "ann" and password == "s3cret",
                      realm="e2e")

    @app.route("/private")
    @basic
    async def private(req, resp):
        return {"user": req.user}

    @app.route("/visits")
    async def visits(req, resp):
        req.session["n"] = req.session.get("n", 0) + 1
        return {"n": req.session["n"], "pid": os.getpid()}

    pushes = {"dropped": 0}

    async def push(resp, count):
        # picoweb's server push: a task writes to a response its handler left open.
        i = 0
        try:
            while count is None or i < count:
                await resp.awrite("data: %d\n\n" % i)
                i += 1
                await asyncio.sleep(0.01)
        except OSError:
            pushes["dropped"] += 1
        await resp.aclose()

    @app.route("/push")
    async def start_push(req, resp):
        await resp.awrite("HTTP/1.0 200 OK\r\nContent-Type: text/event-stream\r\n\r\n")
        count = req.args.get("count", None, type=int)
        asyncio.ensure_future(push(resp, count))
        return False

    @app.route("/push-stats")
    async def push_stats(req, resp):
        return pushes

    @app.route("/lines")
    async def lines(req, resp):
        await resp.start_response("text/plain")
        for i in range(200):
            await resp.awrite("line %d\n" % i)

    @app.route("/tpl/stream")
    async def tpl_stream(req, resp):
        await resp.start_response()
        await app.render_template(resp, "list.tpl", ("Streamed", ["a<b", "c"]))

    @app.route("/tpl/str")
    async def tpl_str(req, resp):
        return app.render_str("list.tpl", ("Whole", ["x"]))

    @app.route("/items", methods=["GET", "POST"])
    async def items(req, resp):
        if req.method == "POST":
            body = await req.read_json()
            key = Item.create(name=body["name"])
            return {"id": key}, 201
        return [dict(r) for r in Item.scan(reverse=False)]

    @app.route("/items/<key>")
    async def item(req, resp, key):
        return dict(Item.get_id(key))  # NotFound -> 404 through DBPlugin

    return app


def data_dir():
    d = os.environ.get("E2E_DATA") or os.path.join(HERE, ".data")
    os.makedirs(d, exist_ok=True)
    return d


if __name__ == "__main__":
    app = make_app(sys.argv[2] if len(sys.argv) > 2 else data_dir())
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=0)
else:
    asgi = ASGI(make_app(data_dir()), debug=0)
