#
# A picoweb 1.x app in its original MicroPython form (the compat tests port it
# by rewriting import lines only): a Django-style route list, raw and helper
# responses, templates, files, and a WebApp subclass with init() and a
# generator-style handle_exc().
#
import ure as re
import ujson
import picoweb
from picoweb import utils


class Webapp1(picoweb.WebApp):

    inits = 0

    def init(self):
        # Preload templates at start-up, while the heap is still unfragmented.
        self.inits += 1
        self._load_template("squares.tpl")
        super().init()

    def handle_exc(self, req, resp, exc):
        yield from picoweb.start_response(resp, "text/plain", "500")
        yield from resp.awrite("webapp1 failed: %s" % exc)


def index(req, resp):
    # A whole response written by hand, status line included.
    yield from resp.awrite("HTTP/1.0 200 OK\r\n")
    yield from resp.awrite("Content-Type: text/html\r\n")
    yield from resp.awrite("\r\n")
    yield from resp.awrite("I can show you a table of <a href='squares'>squares</a>.")


def squares(req, resp):
    yield from picoweb.start_response(resp)
    yield from app.render_template(resp, "squares.tpl", (req, "Squares"))


def square_n(req, resp):
    n = int(req.url_match.group(1))
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("%d squared is %d" % (n, n * n))


def greeting(req, resp):
    s = app.render_str("greeting.tpl", (req.qs,))
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite(s)


def as_json(req, resp):
    yield from picoweb.jsonify(resp, {"name": "webapp1", "items": [1, 2, 3]})


def raw_json(req, resp):
    yield from picoweb.start_response(resp, "application/json")
    yield from resp.awrite(ujson.dumps({"raw": True}))


def css(req, resp):
    # The static folder also holds style.css.gz, made with gzip -k.
    headers = b"Cache-Control: max-age=86400\r\n"
    fname = "static/style.css"
    if b"gzip" in req.headers.get(b"Accept-Encoding", b""):
        fname += ".gz"
        headers += b"Content-Encoding: gzip\r\n"
    yield from app.sendfile(resp, fname, "text/css", headers)


def headers_dict(req, resp):
    yield from picoweb.start_response(resp, headers={"X-MyHeader1": "foo", "X-MyHeader2": "bar"})
    yield from resp.awrite("dict headers")


def headers_str(req, resp):
    yield from picoweb.start_response(resp, "text/plain", "200", "X-Raw: yes\r\nX-Other: 2\r\n")
    yield from resp.awrite("str headers")


def created(req, resp):
    yield from picoweb.start_response(resp, "text/plain", "201")
    yield from resp.awrite("made")


def missing(req, resp):
    yield from picoweb.http_error(resp, "404")


def stream(req, resp):
    f = open(app_dir + "static/big.txt", "rb")
    try:
        yield from picoweb.start_response(resp, "text/plain")
        yield from picoweb.sendstream(resp, f)
    finally:
        f.close()


def mime(req, resp):
    form = picoweb.parse_qs(req.qs)
    names = form["f"]
    if not isinstance(names, list):
        names = [names]
    res = {}
    for name in names:
        res[name] = picoweb.get_mime_type(name)
    yield from picoweb.jsonify(resp, res)


def query(req, resp):
    req.parse_qs()
    yield from picoweb.jsonify(resp, {
        "form": req.form,
        "utils": utils.parse_qs(req.qs),
        "same": picoweb.utils is utils,
        "plus": utils.unquote_plus("a+b%20c%C3%A9"),
    })


def post_only(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("posted")


def peer(req, resp):
    addr = resp.get_extra_info("peername")
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite(addr[0])


def parts(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awriteiter(["one,", "two,", b"three"])
    yield from resp.awrite(b"--slice--", 2, 5)
    yield from resp.awritestr(";done")


def closing(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("closing myself")
    yield from resp.aclose()


def boom(req, resp):
    if req.qs != "never":
        raise ValueError("on purpose")
    yield from picoweb.start_response(resp, "text/plain")


def routes(req, resp):
    yield from picoweb.jsonify(resp, {"routes": len(ROUTES), "inits": app.inits})


async def modern(req, resp):
    await picoweb.start_response(resp, "text/plain")
    await resp.awrite("async def works too")
    await app.render_template(resp, "greeting.tpl", ("async",))


ROUTES = [
    ("/", index),
    ("/squares", squares),
    (re.compile("^/sq([0-9]+)$"), square_n),
    ("/greeting", greeting),
    ("/json", as_json),
    ("/raw-json", raw_json),
    ("/file", lambda req, resp: (yield from app.sendfile(resp, "static/note.txt"))),
    ("/nofile", lambda req, resp: (yield from app.sendfile(resp, "static/none.txt"))),
    ("/style.css", css),
    ("/headers-dict", headers_dict),
    ("/headers-str", headers_str),
    ("/created", created),
    ("/missing", missing),
    ("/stream", stream),
    ("/mime", mime),
    ("/query", query),
    ("/post-only", post_only, {"methods": ["POST"]}),
    ("/peer", peer),
    ("/parts", parts),
    ("/closing", closing),
    ("/boom", boom),
    ("/routes", routes),
    ("/modern", modern),
]

app = Webapp1(__name__, ROUTES)

# Where this package lives, for the files it opens itself.
app_dir = __file__[:__file__.rfind("/") + 1]

if __name__ == "__main__":
    app.run(debug=True)
