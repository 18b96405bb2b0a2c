#
# A picoweb 1.x sub-application, mounted by site_app.py; it counts its init()
# calls so that the site can show when it was initialized.
#
import picoweb


class App1(picoweb.WebApp):

    init_calls = 0

    def init(self):
        App1.init_calls += 1
        super().init()


app = App1(__name__)


@app.route("/")
def index(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("This is webapp #1 at %s" % req.path)


@app.route("/page")
def page(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("app1 page")


if __name__ == "__main__":
    app.run(debug=True)
