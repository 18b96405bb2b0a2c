#
# A picoweb 1.x app in its original MicroPython form: a global exception
# handler in a WebApp subclass (an `async def` handle_exc), and a subclass
# hook on serve() that notes where the app was served.
#
import picoweb


class ExcWebApp(picoweb.WebApp):

    served_on = None

    async def handle_exc(self, req, resp, exc):
        try:
            await picoweb.start_response(resp, "text/plain", "500")
            await resp.awrite("We've got 500, cap! (%s: %s)" % (type(exc).__name__, exc))
        except Exception as e:
            # handle_exc() must not raise, or the app would stop.
            pass

    def serve(self, loop, host, port):
        self.served_on = port
        super().serve(loop, host, port)


class AppLog:
    # The app's own logger, given to app.run(log=...): it keeps the lines so
    # that /log can show them.

    def __init__(self):
        self.lines = []

    def _add(self, level, msg, args):
        self.lines.append(level + " " + (msg % args if args else msg))

    def debug(self, msg, *args):
        self._add("DEBUG", msg, args)

    def info(self, msg, *args):
        self._add("INFO", msg, args)

    def warning(self, msg, *args):
        self._add("WARNING", msg, args)

    def error(self, msg, *args):
        self._add("ERROR", msg, args)

    def exc(self, e, msg, *args):
        self._add("EXC " + type(e).__name__, msg, args)


applog = AppLog()
app = ExcWebApp(__name__)


@app.route("/")
def index(req, resp):
    yield from picoweb.start_response(resp)
    yield from resp.awrite("<a href='case1'>case 1</a> <a href='case2'>case 2</a>")


@app.route("/case1")
def case1(req, resp):
    1 / 0


@app.route("/case2")
def case2(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("Here, I started to write something to response, and suddenly...")
    1 / 0


@app.route("/case3")
async def case3(req, resp):
    raise KeyError("missing")


@app.route("/served")
def served(req, resp):
    yield from picoweb.jsonify(resp, {"port": app.served_on})


@app.route("/log")
def log(req, resp):
    yield from picoweb.jsonify(resp, applog.lines)


if __name__ == "__main__":
    app.run(debug=True, log=applog)
