#
# A picoweb 1.x sub-application, mounted by site_app.py: it skips header
# parsing for all its routes (app-wide headers_mode) and has its own static/.
#
import picoweb


app = picoweb.WebApp(__name__)
app.headers_mode = "skip"


@app.route("/")
def index(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("This is webapp #2; headers kept: %s" % hasattr(req, "headers"))


@app.route("/parsed", headers="parse")
def parsed(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("app2 parsed " + req.headers[b"X-Who"].decode())


if __name__ == "__main__":
    app.run(debug=True)
