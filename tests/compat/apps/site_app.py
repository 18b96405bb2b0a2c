#
# A picoweb 1.x site made of sub-applications mounted under URL prefixes,
# in its original MicroPython form.
#
import picoweb
import app1, app2


class Site(picoweb.WebApp):

    init_calls = 0

    def init(self):
        Site.init_calls += 1
        super().init()


site = Site(__name__)
site.mount("/app1", app1.app)
site.mount("/app2", app2.app)


@site.route("/")
def index(req, resp):
    yield from picoweb.start_response(resp)
    yield from resp.awrite("<a href='app1'>app1</a> or <a href='app2'>app2</a>")


@site.route("/inits")
def inits(req, resp):
    yield from picoweb.jsonify(resp, {"site": Site.init_calls, "app1": app1.App1.init_calls})


@site.route("/boom")
def boom(req, resp):
    raise RuntimeError("unhandled")
    yield


if __name__ == "__main__":
    site.run(debug=True)
