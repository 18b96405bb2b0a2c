"""Response framing without sockets (picoweb_core/response.py and its
helpers): heads, lengths, chunking, keep-alive, cookies, returned values,
on both runtimes (tests/core/test_response.py)."""
from picoweb_core.request import Request
from picoweb_core.response import Response
from picoweb_core.response_value import write_value


class Writer:
    out_buf = b""

    def __init__(self):
        self.data = b""

    def write(self, data):
        self.data += bytes(data)

    async def drain(self):
        pass

    def get_extra_info(self, name, default=None):
        return ("10.0.0.7", 5555) if name == "peername" else default


class Reader:
    used = False
    deadline = None
    timeout_ms = 1000


class App:
    pass


def run(aw):
    # Nothing here waits for I/O: drive the awaitable to its end directly.
    it = aw.__await__() if hasattr(aw, "__await__") else iter(aw)
    try:
        while True:
            next(it)
    except StopIteration as e:
        return e.value if e.args else None


def make(method="GET", version=11, headers=None):
    req = Request(App(), Reader(), method, "/x", version, headers or {})
    w = Writer()
    return Response(w, req), w


def split(data):
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    return lines[0], dict(l.lower().split(b": ", 1) for l in lines[1:]), body


def keep_alive(version, headers):
    return make(version=version, headers=headers)[0].keep


def case_keep_alive_decision():
    assert keep_alive(11, {}) and not keep_alive(11, {"connection": b"close"})
    assert not keep_alive(11, {"connection": b"Close"})
    assert not keep_alive(10, {}) and keep_alive(10, {"connection": b"Keep-Alive"})
    resp, _ = make(version=10)
    assert resp.keep is False
    resp, _ = make(headers={"connection": b"close"})
    assert resp.keep is False


def case_str_value_has_length_and_type():
    resp, w = make()
    run(write_value(resp, "héllo"))
    line, h, body = split(w.data)
    assert line == b"HTTP/1.1 200 OK"
    assert h[b"content-length"] == b"6" and h[b"content-type"] == b"text/html; charset=utf-8"
    assert body == "héllo".encode() and resp.keep


def case_dict_and_tuple_values():
    resp, w = make()
    run(write_value(resp, ({"a": [1, 2]}, 201, {"X-A": "1"})))
    line, h, body = split(w.data)
    assert line == b"HTTP/1.1 201 Created" and h[b"x-a"] == b"1"
    assert h[b"content-type"] == b"application/json" and body.replace(b" ", b"") == b'{"a":[1,2]}'


def case_head_request_sends_no_body():
    resp, w = make("HEAD")
    run(write_value(resp, "hello"))
    line, h, body = split(w.data)
    assert h[b"content-length"] == b"5" and body == b""


def case_http10_gets_connection_close():
    resp, w = make(version=10)
    run(write_value(resp, "x"))
    line, h, body = split(w.data)
    assert line == b"HTTP/1.0 200 OK" and h[b"connection"] == b"close"


def case_unknown_length_is_chunked_on_11():
    resp, w = make()
    run(resp.start_response("text/plain"))
    run(resp.awrite("ab"))
    run(resp.awrite(b""))  # an empty write never ends the body
    run(resp.awrite(b"cde"))
    end = resp._finish()
    if end is not None:
        run(end)
    line, h, body = split(w.data)
    assert h[b"transfer-encoding"] == b"chunked"
    assert body == b"2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n", body


def case_unknown_length_on_10_closes():
    resp, w = make(version=10)
    run(resp.start_response())
    line, h, body = split(w.data)
    assert h[b"connection"] == b"close" and b"transfer-encoding" not in h and not resp.keep


def case_raw_status_line_closes():
    resp, w = make()
    run(resp.awrite(b"HTTP/1.1 204 No Content\r\n\r\n"))
    assert resp.raw and not resp.keep and w.data.startswith(b"HTTP/1.1 204")


def case_header_injection_refused():
    resp, w = make()
    try:
        run(resp.redirect("/a\r\nSet-Cookie: x=1"))
    except ValueError:
        return
    raise AssertionError("a newline in a header value was sent")


def case_cookies():
    resp, w = make()
    resp.set_cookie("sid", "abc", max_age=60, httponly=True, samesite="Lax")
    resp.delete_cookie("old")
    for bad in ("a;b", "a\nb"):
        try:
            resp.set_cookie("x", bad)
        except ValueError:
            continue
        raise AssertionError(bad)
    run(write_value(resp, "ok"))
    data = w.data
    assert b"Set-Cookie: sid=abc; Max-Age=60; Path=/; HttpOnly; SameSite=Lax\r\n" in data, data
    assert b"Set-Cookie: old=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/\r\n" in data


def case_declared_length_short_closes():
    resp, w = make()
    run(resp.start_response("text/plain", 200, {"Content-Length": "10"}))
    run(resp.awrite(b"short"))
    resp._finish()
    assert not resp.keep  # the client would wait for bytes that never come


def case_error_page_and_peer():
    resp, w = make()
    run(resp.http_error(404))
    line, h, body = split(w.data)
    assert line == b"HTTP/1.1 404 Not Found" and body == b"404 Not Found\n"
    assert resp.get_extra_info("peername") == ("10.0.0.7", 5555)
