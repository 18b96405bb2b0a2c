"""The smallest picoweb 1.8.2 app, for the MicroPython heap measurements.

picoweb 1.8.2 imports pkg_resources (for templates and static files, unused
here); pkg_resources.py beside this file stands in for it."""
import sys

import picoweb


def index(req, resp):
    yield from picoweb.start_response(resp)
    yield from resp.awrite("Hello, world!")


app = picoweb.WebApp(__name__, [("/", index)])


def serve(port):
    # debug=-1: picoweb 1.x imports ulogging otherwise, and the unix port has none.
    app.run(host="127.0.0.1", port=port, debug=-1)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
