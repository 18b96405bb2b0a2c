"""CORS end to end over real sockets, on CPython and on micropython: what a
browser checks (Access-Control-* headers, Vary, preflights) for each set-up."""
import os

import pytest

import support

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(HERE, "cors_app.py")
CONFIGS = ("list", "star", "cred", "starcred")


@pytest.fixture(scope="module", params=support.RUNTIMES)
def servers(request):
    procs = {}
    try:
        for name in CONFIGS:
            procs[name] = support.AppProcess(request.param, APP, [name]).start()
        yield dict((k, p.port) for k, p in procs.items())
    finally:
        for p in procs.values():
            p.stop()


def get(port, path="/data", origin=None, method="GET", headers=None):
    h = {"Connection": "close"}
    if origin:
        h["Origin"] = origin
    h.update(headers or {})
    return support.request(port, method, path, headers=h)


def preflight(port, origin, method, req_headers=None, path="/any"):
    h = {"Access-Control-Request-Method": method}
    if req_headers:
        h["Access-Control-Request-Headers"] = req_headers
    return get(port, path, origin, "OPTIONS", h)


def cors_headers(r):
    return dict((k, v) for k, v in r.headers.items() if k.startswith("access-control-"))


def calls(port):
    return get(port, "/calls").json()["calls"]


def vary(r):
    return [v.strip().lower() for v in r.headers.get("vary", "").split(",") if v.strip()]


# -- a list of origins -----------------------------------------------------

def test_allowed_origin_is_echoed(servers):
    r = get(servers["list"], origin="http://a.test")
    assert r.status == 200 and r.json()["method"] == "GET"
    assert cors_headers(r) == {"access-control-allow-origin": "http://a.test",
                               "access-control-expose-headers": "x-total"}
    assert "origin" in vary(r)
    assert r.headers["x-total"] == "42"


def test_origins_compare_case_insensitively(servers):
    r = get(servers["list"], origin="http://b.test:8080")
    assert r.headers["access-control-allow-origin"] == "http://b.test:8080"
    r = get(servers["list"], origin="http://b.test:8081")
    assert "access-control-allow-origin" not in r.headers


@pytest.mark.parametrize("origin", ["http://evil.test", "http://a.test.evil.test", "null",
                                    "https://a.test"])
def test_a_disallowed_origin_gets_no_cors_headers(servers, origin):
    r = get(servers["list"], origin=origin)
    assert r.status == 200  # served, but the browser will not let the page read it
    assert cors_headers(r) == {}
    assert "origin" in vary(r)


def test_no_origin_no_cors_headers_but_vary(servers):
    r = get(servers["list"])
    assert r.status == 200 and cors_headers(r) == {}
    assert "origin" in vary(r)


def test_preflight_is_answered_without_reaching_a_handler(servers):
    port = servers["list"]
    before = calls(port)
    for path in ("/any", "/data", "/no/such/path"):
        r = preflight(port, "http://a.test", "PUT", "Content-Type, X-Token", path=path)
        assert r.status == 204, (path, r.status, r.body)
        assert r.body == b"" and "content-length" not in r.headers
        h = cors_headers(r)
        assert h["access-control-allow-origin"] == "http://a.test"
        assert set(h["access-control-allow-methods"].split(", ")) == {"GET", "POST", "PUT"}
        assert set(h["access-control-allow-headers"].split(", ")) == {"content-type", "x-token"}
        assert h["access-control-max-age"] == "600"
        assert "access-control-allow-credentials" not in h
        assert "origin" in vary(r)
    assert calls(port) == before


@pytest.mark.parametrize("origin,method,req_headers,why", [
    ("http://evil.test", "PUT", None, "origin"),
    ("http://a.test", "DELETE", None, "method"),
    ("http://a.test", "PUT", "content-type, x-evil", "header"),
])
def test_a_refused_preflight_is_403_without_cors_headers(servers, origin, method, req_headers,
                                                          why):
    port = servers["list"]
    before = calls(port)
    r = preflight(port, origin, method, req_headers)
    assert r.status == 403, r.status
    assert why in r.text
    assert cors_headers(r) == {}
    assert calls(port) == before


def test_other_options_requests_reach_the_handler(servers):
    port = servers["list"]
    before = calls(port)
    r = get(port, "/any", "http://a.test", "OPTIONS")
    assert r.status == 200 and r.text == "handled OPTIONS"
    assert r.headers["access-control-allow-origin"] == "http://a.test"
    assert calls(port) == before + 1


def test_error_pages_and_streamed_responses_carry_the_headers(servers):
    r = get(servers["list"], "/no/such/path", "http://a.test")
    assert r.status == 404 and r.headers["access-control-allow-origin"] == "http://a.test"
    r = get(servers["list"], "/stream", "http://a.test")
    assert r.status == 200 and r.body == b"streamed"
    assert r.headers["access-control-allow-origin"] == "http://a.test"


def test_preflight_then_request_on_one_connection(servers):
    c = support.Conn(servers["list"])
    try:
        r = c.request("OPTIONS", "/data", headers={"Origin": "http://a.test",
                                                   "Access-Control-Request-Method": "PUT"})
        assert r.status == 204
        r = c.request("PUT", "/data", body=b"{}", headers={"Origin": "http://a.test",
                                                          "Content-Type": "application/json"})
        assert r.status == 200 and r.json()["method"] == "PUT"
        assert r.headers["access-control-allow-origin"] == "http://a.test"
    finally:
        c.close()


# -- "*" --------------------------------------------------------------------

def test_star_allows_every_origin_with_one_answer(servers):
    port = servers["star"]
    for origin in ("http://x.test", "https://y.test:444", None):
        r = get(port, origin=origin)
        assert cors_headers(r) == {"access-control-allow-origin": "*"}
        assert "origin" not in vary(r)  # the same answer for every origin
    r = preflight(port, "http://x.test", "POST")
    assert r.status == 204
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["access-control-allow-methods"] == "GET, HEAD, POST"
    assert preflight(port, "http://x.test", "PUT").status == 403


# -- credentials --------------------------------------------------------------

def test_credentials_echo_the_origin_never_star(servers):
    port = servers["cred"]
    r = get(port, origin="http://a.test", headers={"Cookie": "sid=1"})
    assert r.json()["cookie"] == "sid=1"
    assert cors_headers(r) == {"access-control-allow-origin": "http://a.test",
                               "access-control-allow-credentials": "true"}
    assert "origin" in vary(r)
    assert cors_headers(get(port, origin="http://evil.test")) == {}
    r = preflight(port, "http://a.test", "DELETE")
    assert r.status == 204
    assert r.headers["access-control-allow-origin"] == "http://a.test"
    assert r.headers["access-control-allow-credentials"] == "true"


def test_star_with_credentials_echoes_everything(servers):
    port = servers["starcred"]
    r = get(port, origin="http://x.test")
    assert cors_headers(r) == {"access-control-allow-origin": "http://x.test",
                               "access-control-allow-credentials": "true"}
    assert "origin" in vary(r)
    r = preflight(port, "http://x.test", "PATCH", "X-A, x-b")
    assert r.status == 204
    h = cors_headers(r)
    assert h["access-control-allow-origin"] == "http://x.test"
    assert h["access-control-allow-methods"] == "PATCH"
    assert h["access-control-allow-headers"] == "x-a, x-b"
    assert h["access-control-allow-credentials"] == "true"
    for value in h.values():
        assert value != "*"  # browsers take "*" literally on credentialed requests
    assert get(port).headers.get("access-control-allow-origin") is None


def test_bad_configuration_is_refused_at_once():
    from picoweb_cors import CORS
    with pytest.raises(TypeError):
        CORS(origins=5)
    with pytest.raises(ValueError):
        CORS(origins=["http://a, http://b"])
    with pytest.raises(ValueError):
        CORS(headers=["X-A\r\nX-Injected: 1"])
    with pytest.raises(ValueError):
        CORS(max_age=-1)
    with pytest.raises(TypeError):
        CORS(credentials="yes")
    import picoweb_core
    app = picoweb_core.WebApp(__name__)
    app.install(CORS())
    with pytest.raises(ValueError):
        app.install(CORS())  # installed once
