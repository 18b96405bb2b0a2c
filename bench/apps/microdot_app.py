"""microdot benchmark app: the same five routes. Both runtimes.

The template route builds its page with plain strings (common.rows_html):
microdot's template support needs utemplate or jinja2, and neither is part of
this benchmark's dependencies on both runtimes.
"""
import sys

from microdot import Microdot

import common

app = Microdot()


@app.route("/")
async def index(req):
    return common.TEXT


@app.route("/json")
async def json_route(req):
    return common.JSON


@app.route("/user/<int:uid>")
async def user(req, uid):
    return {"id": uid}


@app.route("/form", methods=["POST"])
async def form(req):
    f = req.form
    return "name=%s age=%s" % (f.get("name"), f.get("age"))


@app.route("/rows")
async def rows(req):
    return common.rows_html(common.ROWS), 200, {"Content-Type": "text/html; charset=utf-8"}


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
