"""The smallest microdot app, for the MicroPython heap measurements."""
import sys

from microdot import Microdot

app = Microdot()


@app.route("/")
async def index(req):
    return "Hello, world!"


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
