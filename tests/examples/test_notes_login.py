"""examples/notes with --login: picoweb_auth's sessions in front of every note
route, on both runtimes. Users are made by the app's own --add-user command."""
import json
import re
import subprocess
import sys

import pytest

import support
from notes_support import BROWSER_ACCEPT, NotesServer, form_body, strict_json

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


def add_user(data, name, password):
    r = subprocess.run([sys.executable, "-m", "examples.notes", "--add-user", name,
                        "--iterations", "1000", "--data", data],
                       input=password + "\n", cwd=support.ROOT, timeout=60,
                       env=dict(__import__("os").environ, PYTHONPATH=support.site_dir()),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    assert r.returncode == 0, r.stderr


@pytest.fixture(scope="module", params=[("cpython", "sqlite"), pytest.param(
    ("micropython", "filedb"), marks=support.needs_micropython)], ids=lambda p: "-".join(p))
def server(request, tmp_path_factory):
    runtime, storage = request.param
    data = str(tmp_path_factory.mktemp("notes-login"))
    add_user(data, "ann", "correct horse")
    s = NotesServer(runtime, storage, data, args=["--login"]).start()
    yield s
    out = s.stop()
    assert "Traceback" not in out, out


def cookie_of(r):
    m = re.match(r"(session=[^;]*)", r.headers.get("set-cookie", ""))
    assert m, r.headers
    return m.group(1)


def log_in(server, password="correct horse", extra=None):
    h = dict(FORM, **SAME_ORIGIN)
    h.update(extra or {})
    return server.request("POST", "/login?next=/", "user=ann&password=" + password.replace(" ", "+"), h)


def test_logged_out_pages_redirect_and_api_answers_401(server):
    r = server.request("GET", "/", headers={"Accept": BROWSER_ACCEPT})
    assert r.status == 302 and r.headers["location"].startswith("/login?next=")
    r = server.request("GET", "/api/notes", headers={"Accept": "application/json"})
    assert r.status == 401 and strict_json(r.body)["error"] == "login required"
    r = server.request("POST", "/", form_body("sneaky"), dict(FORM, **SAME_ORIGIN))
    assert r.status == 303 and r.headers["location"].startswith("/login")
    # The app's CSS and JS stay public (the login page uses them).
    assert server.request("GET", "/static/notes.css").status == 200
    assert "login" in server.request("GET", "/login").text


def test_wrong_password_is_401_and_sets_no_login(server):
    r = log_in(server, "wrong")
    assert r.status == 401 and "Wrong name or password" in r.text
    if "set-cookie" in r.headers:  # a session for the CSRF token, not a login
        again = server.request("GET", "/", headers={"Cookie": cookie_of(r), "Accept": BROWSER_ACCEPT})
        assert again.status == 302
    r = server.request("POST", "/login", "user=bob&password=x", dict(FORM, **SAME_ORIGIN))
    assert r.status == 401 and "Wrong name or password" in r.text
    # A cross-site login post (no same-origin sign, no token) is refused.
    r = server.request("POST", "/login", "user=ann&password=correct+horse",
                       dict(FORM, **{"Sec-Fetch-Site": "cross-site"}))
    assert r.status == 403


def test_login_then_notes_then_logout(server):
    r = log_in(server)
    assert r.status == 303 and r.headers["location"] == "/"
    cookie = {"Cookie": cookie_of(r)}
    page = server.request("GET", "/", headers=dict(cookie, Accept=BROWSER_ACCEPT))
    assert page.status == 200 and "Log out" in page.text and ">ann<" in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    if "set-cookie" in page.headers:  # the token's first use saved the session
        cookie = {"Cookie": cookie_of(page)}
    # A browser's form post (same-origin) adds a note.
    r = server.request("POST", "/", form_body("mine"), dict(cookie, **dict(FORM, **SAME_ORIGIN)))
    assert r.status == 303 and r.headers["location"] == "/"
    # A script sends the token instead.
    r = server.request("POST", "/api/notes", json.dumps({"content": "scripted"}),
                       dict(cookie, **{"Content-Type": "application/json", "X-CSRF-Token": token}))
    assert r.status == 201
    listed = strict_json(server.request("GET", "/api/notes", headers=cookie).body)
    assert [n["content"] for n in listed] == ["scripted", "mine"]
    # A forged post carrying the cookie but no token nor same-origin sign: 403, nothing added.
    r = server.request("POST", "/api/notes", json.dumps({"content": "forged"}),
                       dict(cookie, **{"Content-Type": "application/json"}))
    assert r.status == 403
    r = server.request("POST", "/notes/%s/archive" % listed[0]["id"], "", dict(cookie, **FORM))
    assert r.status == 403
    assert len(strict_json(server.request("GET", "/api/notes", headers=cookie).body)) == 2
    r = server.request("POST", "/logout", "csrf_token=" + token, dict(cookie, **FORM))
    assert r.status == 303
    gone = cookie_of(r)
    assert gone == "session="
    r = server.request("GET", "/", headers={"Cookie": gone, "Accept": BROWSER_ACCEPT})
    assert r.status == 302
