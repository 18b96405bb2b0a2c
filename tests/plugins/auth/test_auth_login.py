"""Sessions, the login flow, CSRF and the failed-login limiter end to end:
auth_app.py served by CPython and by the micropython binary, driven over real
sockets. Cookies the app must accept or refuse are signed here with the
plugin's own Sessions and the app's keys (or others)."""
import re
import time

import pytest

import support
from auth_support import FORM, SAME, fresh_source, form, http, set_cookies

server = support.app_fixture("tests/plugins/auth/auth_app.py")

NEW_KEY = "new-key-0123456789abcdef-new"
OLD_KEY = "old-key-0123456789abcdef-old"
OTHER_KEY = "not-the-app-key-0123456789"
MAX_AGE = 3600


def signer(keys, max_age=MAX_AGE):
    from picoweb_auth.sessions import Sessions

    class _App:
        def before_request(self, f):
            pass

        after_request = before_request

    s = Sessions(keys=keys, max_age=max_age)
    s.install(_App())
    return s


def cookie(value):
    return {"Cookie": "session=" + value}


def login(server, user="ann", password="correct horse", src=None, path="/login", extra=None):
    headers = dict(FORM, **SAME)
    headers.update(extra or {})
    return http(server.port, "POST", path, headers, form(user=user, password=password),
                src=src or fresh_source())


def logged_in(server):
    r = login(server)
    assert r.status == 302, (r.status, r.body)
    return set_cookies(r)["session"][0]


def state(server):
    return http(server.port, "GET", "/state").json()


# -- the login flow -----------------------------------------------------------

def test_login_page_then_login_with_the_form_token(server):
    r = http(server.port, "GET", "/login?next=/private")
    assert r.status == 200
    token = re.search(rb'name="csrf_token" value="([^"]+)"', r.body).group(1).decode()
    jar = set_cookies(r)["session"][0]
    # No Origin, no Sec-Fetch-Site (an old browser): the form token is what passes.
    r = http(server.port, "POST", "/login?next=/private", dict(FORM, **cookie(jar)),
             form(user="ann", password="correct horse", csrf_token=token))
    assert r.status == 302 and r.headers["location"] == "/private"
    value, attrs = set_cookies(r)["session"]
    assert value != jar  # a fresh session: no fixation
    for attr in ("httponly", "samesite=lax", "path=/", "max-age=3600"):
        assert attr in attrs
    r = http(server.port, "GET", "/private", cookie(value))
    assert (r.status, r.text) == (200, "hello Ann")


def test_login_without_token_or_same_origin_is_403(server):
    r = http(server.port, "POST", "/login", FORM, form(user="ann", password="correct horse"),
             src=fresh_source())
    assert r.status == 403
    assert "set-cookie" not in r.headers


def test_wrong_and_missing_login_credentials(server):
    src = fresh_source()
    for user, password in (("ann", "wrong"), ("nobody", "correct horse")):
        r = login(server, user, password, src=src)
        assert r.status == 401
        assert "session=" not in r.headers.get("set-cookie", "")
    r = http(server.port, "POST", "/login", dict(FORM, **SAME), "", src=fresh_source())
    assert r.status == 401


def test_protected_page_redirects_to_login(server):
    r = http(server.port, "GET", "/private?x=1&y=2")
    assert r.status == 302
    assert r.headers["location"] == "/login?next=/private%3Fx%3D1%26y%3D2"


def test_after_login_next_is_followed_only_on_this_site(server):
    r = login(server, path="/login?next=/gen/private")
    assert r.headers["location"] == "/gen/private"
    for evil in ("http://evil.example/", "//evil.example/x", "/%5Cevil.example"):
        r = login(server, path="/login?next=" + evil)
        assert r.status == 302 and r.headers["location"] == "/", evil


def test_api_routes_answer_401_json(server):
    r = http(server.port, "GET", "/api/me", {"Accept": "application/json"})
    assert r.status == 401 and r.json() == {"error": "login required"}
    r = http(server.port, "GET", "/api/only")  # api=True: 401 whatever it accepts
    assert r.status == 401
    value = logged_in(server)
    r = http(server.port, "GET", "/api/me", dict(cookie(value), Accept="application/json"))
    assert r.status == 200 and r.json() == {"id": "ann"}


def test_generator_handlers_login_and_protected(server):
    r = http(server.port, "POST", "/gen/login", FORM,
             form(user="j\u00f6rg", password="p\u00e4ss:w:rd"), src=fresh_source())
    assert r.status == 302 and r.headers["location"] == "/gen/private"
    value = set_cookies(r)["session"][0]
    r = http(server.port, "GET", "/gen/private", cookie(value))
    assert (r.status, r.text) == (200, "gen hello J\u00f6rg")
    assert http(server.port, "GET", "/gen/private").status == 302
    r = http(server.port, "POST", "/gen/login", FORM, form(user="ann", password="no"),
             src=fresh_source())
    assert r.status == 401


def test_app_decorators_around_ours(server):
    value = logged_in(server)
    r = http(server.port, "GET", "/wrapped", cookie(value))
    assert (r.status, r.text) == (200, "hello Ann (wrapped)")
    r = http(server.port, "GET", "/gen/wrapped", cookie(value))
    assert (r.status, r.text) == (200, "gen wrapped Ann")
    assert http(server.port, "GET", "/gen/wrapped").status == 302


def test_logout_deletes_the_cookie(server):
    value = logged_in(server)
    r = http(server.port, "POST", "/logout", dict(cookie(value), **SAME))
    assert r.status == 200
    v, attrs = set_cookies(r)["session"]
    assert v == "" and "max-age=0" in attrs
    # The browser drops it; a client replaying the old value is still logged in
    # until it expires (signed cookies cannot be revoked, only keys rotated).
    assert http(server.port, "GET", "/private").status == 302


# -- cookies the app must refuse ----------------------------------------------

def tampered_values(value):
    body, issued, expires, mac = value.split(".")
    import base64
    forged = base64.urlsafe_b64encode(b'{"_uid": "j\\u00f6rg"}').decode().rstrip("=")
    return [
        value[:-1], value[:-10], value[:20], value.split(".", 1)[0],  # truncated
        ".".join((forged, issued, expires, mac)),                      # other user
        ".".join((body, issued, str(int(expires) + 10 ** 6), mac)),      # longer life
        value[:5] + ("A" if value[5] != "A" else "B") + value[6:],      # one char
        value + "A", "garbage", "a.b.c.d", "....", "",
    ]


def test_tampered_and_truncated_cookies_are_logged_out(server):
    value = logged_in(server)
    assert http(server.port, "GET", "/private", cookie(value)).status == 200
    for bad in tampered_values(value):
        r = http(server.port, "GET", "/private", cookie(bad))
        assert r.status == 302, bad
        r = http(server.port, "GET", "/state", cookie(bad))
        assert r.status == 200 and r.json()["user"] is None, bad


def test_wrongly_encoded_cookie_headers_are_empty_sessions(server):
    value = logged_in(server)
    for raw in (b"session=\xff\xfe" + value.encode(), b"session=" + value.encode() + b"\xc3",
                b"session=%s; other=\xff" % value.encode(), b"session=\"\"", b"session",
                b"=; ;;session=; x"):
        r = http(server.port, "GET", "/state", {b"Cookie": raw})
        assert r.status == 200, raw
        assert r.json()["user"] is None, raw


def test_expired_and_future_cookies_are_logged_out(server):
    s = signer([NEW_KEY])
    now = int(time.time())
    fresh = s.sign({"_uid": "ann"})
    assert http(server.port, "GET", "/private", cookie(fresh)).status == 200
    for issued in (now - MAX_AGE - 5, now - 10 * MAX_AGE, now + 3 * 3600):
        r = http(server.port, "GET", "/private", cookie(s.sign({"_uid": "ann"}, issued=issued)))
        assert r.status == 302, issued


def test_rotated_keys(server):
    # The app has keys [NEW, OLD]: cookies signed with the old key still work,
    # with any other key they do not, and new cookies are signed with NEW.
    old = signer([OLD_KEY]).sign({"_uid": "ann"})
    assert http(server.port, "GET", "/private", cookie(old)).status == 200
    other = signer([OTHER_KEY]).sign({"_uid": "ann"})
    assert http(server.port, "GET", "/private", cookie(other)).status == 302
    value = logged_in(server)
    assert signer([NEW_KEY]).unsign(value)[0]["_uid"] == "ann"
    assert signer([OLD_KEY]).unsign(value) is None


def test_session_values_survive_requests(server):
    r = http(server.port, "POST", "/session", FORM, form(note="caf\u00e9; x=1"))
    value = set_cookies(r)["session"][0]
    assert ";" not in value and "," not in value
    r = http(server.port, "GET", "/session", cookie(value))
    assert r.json() == {"note": "caf\u00e9; x=1", "keys": ["note"]}
    r = http(server.port, "GET", "/session")
    assert r.json() == {"note": None, "keys": []}
    assert "set-cookie" not in r.headers  # an untouched session sends no cookie


# -- CSRF -----------------------------------------------------------------------

def token_for(server, value):
    """A logged-in session's CSRF token (the login page renders it)."""
    r = http(server.port, "GET", "/login", cookie(value))
    m = re.search(rb'name="csrf_token" value="([^"]+)"', r.body)
    jar = set_cookies(r).get("session", (value,))[0]
    return m.group(1).decode(), jar


FORGED = [
    {"Origin": "http://evil.example"},
    {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "null"},
    {},                                      # no origin information, no token
]


@pytest.mark.parametrize("headers", FORGED)
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_forged_cross_site_requests_are_403_and_change_nothing(server, headers, method):
    value = logged_in(server)
    before = state(server)
    h = dict(FORM, **cookie(value))
    h.update(headers)
    r = http(server.port, method, "/relay", h, form(to="on"))
    assert r.status == 403
    assert state(server)["relay"] == before["relay"]
    assert state(server)["count"] == before["count"]


def test_forged_post_with_a_wrong_token_is_403(server):
    value = logged_in(server)
    token, value = token_for(server, value)
    before = state(server)
    bad = token[:-1] + ("A" if token[-1] != "A" else "B")
    for h, body in (({"X-CSRF-Token": bad}, form(to="x")), ({}, form(to="x", csrf_token=bad)),
                    ({"Origin": "http://evil.example"}, form(to="x", csrf_token=""))):
        r = http(server.port, "POST", "/relay", dict(FORM, **cookie(value), **h), body)
        assert r.status == 403
    assert state(server)["count"] == before["count"]
    r = http(server.port, "POST", "/gen/relay", dict(cookie(value), Origin="http://evil"), "")
    assert r.status == 403
    assert state(server) == before


def test_same_origin_or_token_passes(server):
    value = logged_in(server)
    token, value = token_for(server, value)
    host = "127.0.0.1:%d" % server.port
    passing = [
        ({"Sec-Fetch-Site": "same-origin"}, form(to="a")),
        ({"Origin": "http://" + host}, form(to="b")),
        ({"X-CSRF-Token": token, "Sec-Fetch-Site": "cross-site"}, form(to="c")),
        ({}, form(to="d", csrf_token=token)),
    ]
    for h, body in passing:
        before = state(server)["count"]
        r = http(server.port, "POST", "/relay", dict(FORM, **cookie(value), **h), body)
        assert r.status == 200, (h, r.body)
        assert r.json()["by"] == "ann"
        assert state(server)["count"] == before + 1
    r = http(server.port, "POST", "/gen/relay", dict(cookie(value), **SAME), "")
    assert r.status == 200 and r.json() == {"relay": "gen"}


def test_protected_post_without_login_changes_nothing(server):
    before = state(server)
    r = http(server.port, "POST", "/relay", dict(FORM, **SAME), form(to="on"))
    assert r.status == 303 and r.headers["location"].startswith("/login?next=")
    assert state(server) == before


# -- brute force ------------------------------------------------------------------

def test_repeated_failed_logins_are_locked_out(server):
    src = fresh_source()
    for _ in range(3):  # the app's LoginManager allows 3 attempts
        assert login(server, password="guess", src=src).status == 401
    r = login(server, src=src)  # the right password, but locked out
    assert r.status == 429
    wait = int(r.headers["retry-after"])
    assert 1 <= wait <= 30
    assert "set-cookie" not in r.headers
    r = http(server.port, "POST", "/gen/login", FORM, form(user="ann", password="correct horse"),
             src=src)
    assert r.status == 429  # the generator-style login shares the limiter
    assert 1 <= int(r.headers["retry-after"]) <= 30
    # Other addresses log in meanwhile. (The end of a lockout is checked with a
    # hand-moved clock in auth_cases.py: no test here waits for one.)
    assert login(server).status == 302


def test_many_addresses_do_not_grow_memory_or_reset_locks(server):
    # The app's table holds 8 addresses. Lock one, then fail from 20 others:
    # the locked one stays locked.
    locked = fresh_source()
    for _ in range(3):
        login(server, password="guess", src=locked)
    assert login(server, src=locked).status == 429
    for _ in range(20):
        assert login(server, password="guess", src=fresh_source()).status == 401
    assert login(server, src=locked).status == 429
    assert server.alive()


def test_failed_logins_from_many_addresses_keep_memory_flat(server):
    # The limiter's table holds 8 entries whatever the number of addresses, and
    # nothing else grows per client (heap compared on MicroPython).
    def heap():
        return http(server.port, "GET", "/_heap").json()

    for _ in range(20):
        login(server, password="guess", src=fresh_source())
    before = heap()
    for _ in range(120):
        assert login(server, password="guess", src=fresh_source()).status == 401
    after = heap()
    assert before["entries"] == after["entries"] == 8
    if server.runtime == "micropython":
        assert after["alloc"] - before["alloc"] < 2048, (before, after)


# -- the board keeps serving while it hashes ------------------------------------------

def test_averify_password_lets_the_server_answer_meanwhile(server):
    # /state reports a verification in progress only if the server answers it
    # while averify_password runs; a blocking verification would never let it.
    import threading
    from picoweb_auth import hash_password
    iterations = 1000000 if server.runtime == "micropython" else 2000000
    stored = hash_password("slow one", iterations)
    result = {}

    def slow():
        result["r"] = http(server.port, "POST", "/slow-verify", FORM,
                           form(password="slow one", stored=stored), timeout=120)

    t = threading.Thread(target=slow)
    t.start()
    seen = False
    deadline = time.time() + 60
    while t.is_alive() and time.time() < deadline and not seen:
        seen = http(server.port, "GET", "/state").json()["verifying"] == 1
    t.join(120)
    assert seen, "no request was answered during the verification"
    assert result["r"].status == 200 and result["r"].json() == {"ok": True}
