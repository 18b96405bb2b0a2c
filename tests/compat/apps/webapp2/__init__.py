#
# A picoweb 1.x app in its original MicroPython form: Flask-style route
# decorators, forms over GET and POST, HTTP Basic authentication read from
# the headers (inline and through a generator decorator), headers with bytes
# keys, and request bodies read from req.reader.
#
import ubinascii
import ujson
import picoweb


app = picoweb.WebApp(__name__)


def require_auth(func):

    def auth(req, resp):
        auth = req.headers.get(b"Authorization")
        if not auth:
            yield from resp.awrite(
                "HTTP/1.0 401 NA\r\n"
                'WWW-Authenticate: Basic realm="Picoweb Realm"\r\n'
                "\r\n"
            )
            return

        auth = auth.split(None, 1)[1]
        auth = ubinascii.a2b_base64(auth).decode()
        req.username, req.passwd = auth.split(":", 1)
        yield from func(req, resp)

    return auth


@app.route("/")
def index(req, resp):
    yield from picoweb.start_response(resp)
    yield from resp.awrite("<form action='form' method='POST'>"
                           "<input name='name'><input type='submit'></form>")


@app.route("/form")
def form(req, resp):
    if req.method == "POST":
        yield from req.read_form_data()
    else:
        req.parse_qs()
    yield from picoweb.start_response(resp, "text/plain")
    yield from app.render_template(resp, "hello.tpl", (req.form,))


@app.route("/form.json", methods=["GET", "POST"])
def form_json(req, resp):
    if req.method == "POST":
        yield from req.read_form_data()
    else:
        req.parse_qs()
    yield from picoweb.jsonify(resp, req.form)


@app.route("/secret")
@require_auth
def secret(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("You logged in as %s with password %s" % (req.username, req.passwd))


@app.route("/inline-auth")
def inline_auth(req, resp):
    try:
        auth = req.headers[b"Authorization"]
    except KeyError:
        yield from picoweb.start_response(resp, "text/plain", "401",
                                          {"WWW-Authenticate": 'Basic realm="inline"'})
        yield from resp.awrite("log in first")
        return
    user, passwd = ubinascii.a2b_base64(auth.split()[1]).decode().split(":", 1)
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("hi " + user)


@app.route("/headers")
def headers(req, resp):
    yield from picoweb.jsonify(resp, {
        "exact": req.headers[b"X-Test"].decode(),
        "is_bytes": isinstance(req.headers[b"X-Test"], bytes),
        "lower": req.headers.get(b"x-test", b"").decode(),
        "missing": req.headers.get(b"X-Missing") is None,
    })


@app.route("/upload", methods=["POST"])
def upload(req, resp):
    # Read the body straight off the stream, as picoweb 1.x apps did.
    size = int(req.headers[b"Content-Length"])
    data = yield from req.reader.readexactly(size)
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("got %d bytes: %s" % (size, data.decode()))


@app.route("/upload-lines", methods=["POST"])
def upload_lines(req, resp):
    first = yield from req.reader.readline()
    rest = yield from req.reader.read(int(req.headers[b"Content-Length"]) - len(first))
    yield from picoweb.start_response(resp, "application/json")
    yield from resp.awrite(ujson.dumps([first.decode(), rest.decode()]))


@app.route("/attrs")
def attrs(req, resp):
    req.visits = 1
    req.visits += 1
    yield from picoweb.jsonify(resp, {"method": req.method, "path": req.path, "qs": req.qs,
                                      "visits": req.visits})


if __name__ == "__main__":
    app.run(debug=True)
