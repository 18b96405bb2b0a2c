"""A real picoweb_core app rendering templates three ways, for test_app.py.

    <runtime> templates_app.py PORT
"""
import os
import sys

import picoweb_core
from picoweb_templates import Templates

HERE = __file__[:__file__.rfind("/") + 1] if "/" in __file__ else ""
app = picoweb_core.WebApp(__name__)
templates = Templates(HERE + "app_tpl", loader="source", cache=sys.argv[2])
app.install(templates)
ROWS = ["a<b", "c&d", "e"]


@app.route("/stream")
async def stream(req, resp):
    await resp.start_response()
    await app.render_template(resp, "page.tpl", ("Streamed", ROWS))


@app.route("/str")
async def as_str(req, resp):
    return app.render_str("page.tpl", ("As str", ROWS))


@app.route("/returned")
async def returned(req, resp):
    return templates.render("page.tpl", "Returned", ROWS)


app.run(port=int(sys.argv[1]), debug=-1)
