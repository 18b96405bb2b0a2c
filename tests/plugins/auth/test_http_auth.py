"""Basic and Bearer auth end to end: auth_app.py served by CPython and by the
micropython binary, driven over real sockets. Each test that fails logins
sends from its own loopback source address (the limiter counts per client)."""
import base64

import pytest

import support
from auth_support import basic, fresh_source, http

server = support.app_fixture("tests/plugins/auth/auth_app.py")

ANN = ("ann", "correct horse")


def get(server, path, auth=None, src=None, **headers):
    if auth is not None:
        headers["Authorization"] = auth
    return http(server.port, "GET", path, headers, src=src or fresh_source())


@pytest.mark.parametrize("path", ["/basic", "/basic-gen"])
def test_basic_right_credentials(server, path):
    r = get(server, path, basic(*ANN))
    assert r.status == 200
    assert r.body.endswith(b"basic ok: ann")


def test_basic_utf8_user_and_password_with_colons(server):
    r = get(server, "/basic", basic("j\u00f6rg", "p\u00e4ss:w:rd"))
    assert (r.status, r.text) == (200, "basic ok: j\u00f6rg")


def test_basic_missing_credentials_get_the_challenge(server):
    r = get(server, "/basic")
    assert r.status == 401
    assert r.headers["www-authenticate"] == 'Basic realm="relay board", charset="UTF-8"'


def b64(raw):
    return base64.b64encode(raw).decode()


MALFORMED = [
    "Basic",                                  # no credentials
    "Basic ",
    "Bearer " + b64(b"ann:correct horse"),    # another scheme
    "Digest username=\"ann\"",
    "Basic !!!not-base64!!!",
    "Basic " + b64(b"ann:correct horse")[:-2],  # truncated base64
    "Basic " + b64(b"ann correct horse"),     # no colon
    "Basic " + b64(b"\xff\xfeann:correct horse"),  # not UTF-8
    "Basic " + b64("ann:correct horse".encode("utf-16")),
]


@pytest.mark.parametrize("value", MALFORMED)
def test_basic_malformed_header_is_401_never_500(server, value):
    r = get(server, "/basic", value)
    assert r.status == 401
    assert r.headers["www-authenticate"].startswith('Basic realm="relay board"')
    assert b"basic ok" not in r.body


def test_basic_header_bytes_not_utf8_is_401(server):
    r = get(server, "/basic", b"Basic \xff\xfe\xfd")
    assert r.status == 401


@pytest.mark.parametrize("user,password", [("ann", "wrong"), ("ann", ""), ("nobody", "x"),
                                           ("ann", "correct horse "), ("Ann", "correct horse"),
                                           ("", "")])
def test_basic_wrong_credentials(server, user, password):
    r = get(server, "/basic", basic(user, password))
    assert r.status == 401
    assert b"basic ok" not in r.body


def test_route_option_with_async_verify(server):
    assert get(server, "/basic-async").status == 401
    r = get(server, "/basic-async", basic(*ANN))
    assert r.status == 200 and r.json() == {"user": "Ann"}
    r = get(server, "/basic-async", basic("ann", "nope"))
    assert r.status == 401
    assert r.headers["www-authenticate"].startswith('Basic realm="async"')


def test_bearer(server):
    r = get(server, "/bearer", "Bearer tok-123.abc~")
    assert r.status == 200 and r.json() == {"client": "api-client"}
    r = get(server, "/bearer")
    assert r.status == 401 and r.headers["www-authenticate"] == 'Bearer realm="api"'
    for bad in ("Bearer tok-124.abc~", "Bearer tok-123.abc", "Bearer", "Basic " + b64(b"a:b"),
                "Bearer tok-123.abc~ extra"):
        r = get(server, "/bearer", bad)
        assert r.status == 401, bad
        assert r.headers["www-authenticate"].startswith('Bearer realm="api"')


def test_basic_repeated_failures_are_locked_out(server):
    src = fresh_source()
    for _ in range(5):  # the app allows 5 attempts
        assert get(server, "/basic", basic("ann", "guess"), src=src).status == 401
    r = get(server, "/basic", basic(*ANN), src=src)  # right, but locked out
    assert r.status == 429
    assert 1 <= int(r.headers["retry-after"]) <= 30
    # Another client is not affected.
    assert get(server, "/basic", basic(*ANN)).status == 200


def relay_state(server):
    return http(server.port, "GET", "/state").json()


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"},
                                     {"Sec-Fetch-Site": "cross-site"},
                                     {"Sec-Fetch-Site": "same-site", "Origin": "http://x"},
                                     {"Origin": "null"}])
def test_basic_forged_cross_site_post_is_403_and_changes_nothing(server, headers):
    # A browser replays cached Basic credentials on a forged form POST.
    before = relay_state(server)
    h = dict(headers, Authorization=basic(*ANN))
    r = http(server.port, "POST", "/basic-relay", h, "", src=fresh_source())
    assert r.status == 403
    assert relay_state(server) == before


@pytest.mark.parametrize("headers", [{}, {"Sec-Fetch-Site": "same-origin"}, "own-origin"])
def test_basic_post_from_scripts_or_the_same_origin_passes(server, headers):
    if headers == "own-origin":
        headers = {"Origin": "http://127.0.0.1:%d" % server.port}
    before = relay_state(server)["count"]
    h = dict(headers, Authorization=basic(*ANN))
    r = http(server.port, "POST", "/basic-relay", h, "", src=fresh_source())
    assert r.status == 200 and r.json() == {"relay": "basic", "by": "ann"}
    assert relay_state(server)["count"] == before + 1


def test_server_keeps_serving(server):
    assert server.alive()
    assert get(server, "/state").status == 200
