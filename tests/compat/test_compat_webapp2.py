"""apps/webapp2 (Flask-style decorators, forms over GET and POST, Basic auth
from headers inline and through a generator decorator, bytes header keys,
request bodies read from req.reader), on CPython and on micropython."""
import base64

from compat_support import app_fixture
from support import Conn, request

server = app_fixture("webapp2")

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def get(server, path, **kw):
    return request(server.port, "GET", path, **kw)


def basic(user, passwd):
    return {"Authorization": "Basic " + base64.b64encode(
        ("%s:%s" % (user, passwd)).encode()).decode()}


def test_index(server):
    r = get(server, "/")
    assert r.status == 200 and b"<form" in r.body


def test_form_over_get(server):
    assert get(server, "/form?name=Ann").text.strip() == "Hello Ann!"
    assert get(server, "/form").text.strip() == "Who are you?"
    assert get(server, "/form?name=B%C3%A9a+Z").text.strip() == "Hello B\u00e9a Z!"


def test_form_over_post(server):
    r = request(server.port, "POST", "/form", body="name=B%C3%A9a+Z", headers=FORM)
    assert r.status == 200 and r.text.strip() == "Hello B\u00e9a Z!"


def test_form_values_have_picoweb_shape(server):
    want = {"a": ["1", "2"], "b": "x", "c": True}
    r = request(server.port, "POST", "/form.json", body="a=1&a=2&b=x&c", headers=FORM)
    assert r.json() == want
    assert get(server, "/form.json?a=1&a=2&b=x&c").json() == want


def test_auth_decorator(server):
    c = Conn(server.port)
    try:
        r = c.request("GET", "/secret")
        assert r.status == 401
        assert r.headers["www-authenticate"] == 'Basic realm="Picoweb Realm"'
        assert c.closed()  # a raw response ends the connection
    finally:
        c.close()
    r = get(server, "/secret", headers=basic("ann", "pa:ss"))
    assert r.status == 200 and r.text == "You logged in as ann with password pa:ss"
    r = request(server.port, "POST", "/secret", body="", headers=basic("bo", "x"))
    assert r.text == "You logged in as bo with password x"


def test_inline_auth_with_bytes_header_key(server):
    r = get(server, "/inline-auth")
    assert r.status == 401 and r.headers["www-authenticate"] == 'Basic realm="inline"'
    assert r.body == b"log in first"
    assert get(server, "/inline-auth", headers=basic("cy", "pw")).text == "hi cy"


def test_header_lookups(server):
    r = get(server, "/headers", headers={"X-Test": "v1"}).json()
    assert r == {"exact": "v1", "is_bytes": True, "lower": "v1", "missing": True}
    r = get(server, "/headers", headers={"x-test": "v2"}).json()
    assert r["exact"] == "v2"  # case-insensitive, unlike picoweb 1.x


def test_body_read_from_req_reader(server):
    r = request(server.port, "POST", "/upload", body="hello world")
    assert r.status == 200 and r.text == "got 11 bytes: hello world"
    r = request(server.port, "POST", "/upload-lines", body="line1\nrest of it")
    assert r.json() == ["line1\n", "rest of it"]


def test_body_read_from_req_reader_does_not_break_keep_alive(server):
    # The handler took the body off the stream itself; the next request on the
    # connection must still be parsed from the right place, or the connection
    # must be closed. Either way it must never hang or be misread.
    c = Conn(server.port, timeout=5)
    try:
        r = c.request("POST", "/upload", body="abcde")
        assert r.text == "got 5 bytes: abcde"
        if r.headers.get("connection") == "close":
            assert c.closed()
        else:
            r = c.request("GET", "/form?name=Next")
            assert r.text.strip() == "Hello Next!"
    finally:
        c.close()


def test_request_attributes_and_app_set_attributes(server):
    assert get(server, "/attrs?x=1").json() == {"method": "GET", "path": "/attrs", "qs": "x=1",
                                                 "visits": 2}
