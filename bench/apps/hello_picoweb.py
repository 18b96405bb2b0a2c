"""The smallest picoweb-core app, for the MicroPython heap measurements."""
import sys

import picoweb_core as picoweb

app = picoweb.WebApp(__name__)


@app.route("/")
async def index(req, resp):
    return "Hello, world!"


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=-1)
