"""picoweb-core benchmark app: the five benchmark routes. Both runtimes.

    python bench/apps/picoweb_app.py PORT [uvloop]
    micropython bench/apps/picoweb_app.py PORT
"""
import sys

import picoweb_core as picoweb
from picoweb_templates import Templates

import common

app = picoweb.WebApp(__name__)
# cwd-independent: the templates sit next to this file.
_here = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
app.install(Templates(_here + "/templates"))


@app.route("/")
async def index(req, resp):
    return common.TEXT


@app.route("/json")
async def json_route(req, resp):
    return common.JSON


@app.route("/user/<int:uid>")
async def user(req, resp, uid):
    return {"id": uid}


@app.route("/form", methods=["POST"])
async def form(req, resp):
    f = await req.read_form()
    return "name=%s age=%s" % (f.get("name"), f.get("age"))


@app.route("/rows")
async def rows(req, resp):
    return app.render_str("rows.tpl", (common.ROWS,))


if __name__ == "__main__":
    if "uvloop" in sys.argv[2:]:
        # Opt-in, to compare like with like against uvicorn's uvloop; the
        # default picoweb-core run uses the stock asyncio loop.
        import asyncio
        import uvloop
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=-1)
