#
# A picoweb 1.x app in its original MicroPython form, for the logging tests:
# one page and one handler that fails.
#
import picoweb

app = picoweb.WebApp(__name__)


@app.route("/")
def index(req, resp):
    yield from picoweb.start_response(resp)
    yield from resp.awrite("ok")


@app.route("/boom")
def boom(req, resp):
    raise ValueError("boom in a handler")
    yield


if __name__ == "__main__":
    app.run(debug=0)
