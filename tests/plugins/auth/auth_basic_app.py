"""An app with Basic auth only: what it loads of picoweb_auth is the test.

    <runtime> auth_basic_app.py PORT
"""
import sys

import picoweb_core
from picoweb_auth import BasicAuth, compare_digest

port = int(sys.argv[1])
app = picoweb_core.WebApp(__name__)
basic = BasicAuth(lambda u, p: u == "admin" and compare_digest(p, "s3cret:pw"), realm="board")


@app.route("/")
@basic
async def index(req, resp):
    return "hi " + req.user


@app.route("/modules")
async def modules(req, resp):
    return sorted(k for k in sys.modules if k.startswith("picoweb_auth"))


app.run(host="127.0.0.1", port=port, debug=0)
