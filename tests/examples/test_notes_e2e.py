"""examples/notes end to end over HTTP: every backend on CPython, filedb (and btree
over a stand-in for the module) under the real micropython binary. Each server has
its own fresh data folder."""
import json
import os

import pytest

import support
from notes_support import BROWSER_ACCEPT, BTREE_STAND_IN, COMBOS, NotesServer, strict_json

MAX_CONTENT = 2000  # the app's documented limit (examples/notes/store.py)


@pytest.fixture(scope="module", params=COMBOS, ids=lambda c: "%s-%s" % c)
def server(request, tmp_path_factory):
    runtime, storage = request.param
    data = str(tmp_path_factory.mktemp("notes-%s-%s" % (runtime, storage)))
    s = NotesServer(runtime, storage, data).start()
    yield s
    out = s.stop()
    assert "Traceback" not in out, out


def chunked_post(server, path, body, headers):
    data = body.encode()
    framed = b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + 4096]), data[i:i + 4096])
                      for i in range(0, len(data), 4096)) + b"0\r\n\r\n"
    c = support.Conn(server.port)
    try:
        lines = ["POST %s HTTP/1.1" % path, "Host: test"] + ["%s: %s" % kv for kv in headers.items()]
        c.send(("\r\n".join(lines) + "\r\n\r\n").encode() + framed)
        return c.read()
    finally:
        c.close()


def contents(server):
    return [n["content"] for n in server.listing()]


def test_home_page_has_the_form_and_assets(server):
    r = server.request("GET", "/", headers={"Accept": BROWSER_ACCEPT})
    assert r.status == 200
    assert r.headers["content-type"].startswith("text/html")
    page = r.text
    assert '<form id="new-note" method="post" action="/">' in page
    assert 'name="content"' in page
    assert '/static/notes.css' in page and '/static/notes.js' in page
    css = server.request("GET", "/static/notes.css")
    js = server.request("GET", "/static/notes.js")
    assert css.status == 200 and css.headers["content-type"].startswith("text/css")
    assert js.status == 200 and "javascript" in js.headers["content-type"]
    assert b"fetch(" in js.body


def test_api_creates_reads_lists_and_archives(server):
    r = server.api_add("buy milk")
    assert r.status == 201
    note = strict_json(r.body)
    assert note["content"] == "buy milk" and note["archived"] is False
    assert r.headers["location"] == "/api/notes/" + note["id"]
    got = server.request("GET", r.headers["location"])
    assert got.status == 200 and strict_json(got.body) == note
    assert server.listing()[0] == note
    a = server.request("POST", "/api/notes/%s/archive" % note["id"])
    assert a.status == 200 and strict_json(a.body)["archived"] is True
    assert note["id"] not in [n["id"] for n in server.listing()]
    # Archived notes stay readable by id.
    assert strict_json(server.request("GET", "/api/notes/" + note["id"]).body)["archived"] is True


def test_plain_form_post_redirects_and_the_page_shows_the_note(server):
    r = server.form_add("from a form, no JavaScript")
    assert r.status == 303 and r.headers["location"] == "/"
    assert r.body == b""
    page = server.request("GET", "/").text
    assert "from a form, no JavaScript" in page
    assert contents(server)[0] == "from a form, no JavaScript"


def test_accept_header_chooses_json_or_redirect_on_the_same_url(server):
    r = server.form_add("wants json", accept="application/json")
    assert r.status == 201 and r.headers["content-type"].startswith("application/json")
    assert strict_json(r.body)["content"] == "wants json"
    r = server.form_add("wants html", accept=BROWSER_ACCEPT)
    assert r.status == 303
    r = server.form_add("no accept header", accept="*/*")
    assert r.status == 303
    # A JSON body on the page URL, as a script might send it.
    r = server.request("POST", "/", json.dumps({"content": "json body"}),
                       {"Content-Type": "application/json", "Accept": "application/json"})
    assert r.status == 201 and strict_json(r.body)["content"] == "json body"
    assert contents(server)[:4] == ["json body", "no accept header", "wants html", "wants json"]


def test_archive_form_posts_and_redirects(server):
    note = strict_json(server.api_add("to archive from the page").body)
    page = server.request("GET", "/").text
    action = 'action="/notes/%s/archive"' % note["id"]
    assert action in page
    r = server.request("POST", "/notes/%s/archive" % note["id"], "",
                       {"Content-Type": "application/x-www-form-urlencoded", "Accept": BROWSER_ACCEPT})
    assert r.status == 303 and r.headers["location"] == "/"
    page = server.request("GET", "/").text
    assert action not in page and "to archive from the page" not in page
    # Archiving is POST only.
    assert server.request("GET", "/notes/%s/archive" % note["id"]).status == 405


def test_empty_content_is_refused_with_a_message(server):
    before = contents(server)
    for empty in ("", "   ", "\r\n\t"):
        r = server.api_add(empty)
        assert r.status == 400
        assert "empty" in strict_json(r.body)["error"]
        r = server.form_add(empty)
        assert r.status == 400
        assert r.headers["content-type"].startswith("text/html")
        assert '<form id="new-note"' in r.text and "The note is empty" in r.text
    # A body with no content field at all, both ways.
    r = server.request("POST", "/api/notes", "{}", {"Content-Type": "application/json"})
    assert r.status == 400 and "empty" in strict_json(r.body)["error"]
    r = server.request("POST", "/", "other=1", {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 400 and "The note is empty" in r.text
    r = server.request("POST", "/api/notes", "[1]", {"Content-Type": "application/json"})
    assert r.status == 400 and "JSON object" in strict_json(r.body)["error"]
    assert contents(server) == before


def test_unknown_notes_are_404(server):
    for key in ("0000000000000001", "9999999999999999", "nope", "%2e%2e"):
        assert server.request("GET", "/api/notes/" + key).status == 404
        assert server.request("POST", "/api/notes/%s/archive" % key).status == 404
        assert server.request("POST", "/notes/%s/archive" % key).status == 404
        r = server.request("POST", "/notes/%s/archive" % key, "", {"Accept": "application/json"})
        assert r.status == 404 and "error" in strict_json(r.body)
    assert server.request("GET", "/no/such/page").status == 404


def test_over_long_notes_are_refused_and_nothing_is_lost(server):
    keep = strict_json(server.api_add("stays after the long ones").body)
    before = server.listing()
    exact = "x" * MAX_CONTENT
    r = server.api_add(exact + "y")
    assert r.status == 400 and "limit is %d" % MAX_CONTENT in strict_json(r.body)["error"]
    r = server.form_add(exact + "y")
    assert r.status == 400 and "limit is %d" % MAX_CONTENT in r.text
    assert exact + "y" in r.text  # the form comes back with the text kept, to shorten it
    # A Content-Length over the core's max_body (16 KiB) is refused by the core
    # before any app code runs (its plain 413 page).
    assert server.api_add("z" * 20000).status == 413
    assert server.form_add("z" * 20000).status == 413
    # A chunked body reaches the app, which stops reading at max_body: its own answers.
    chunked = {"Transfer-Encoding": "chunked"}
    r = chunked_post(server, "/api/notes", '{"content": "' + "z" * 20000 + '"}',
                     dict(chunked, **{"Content-Type": "application/json"}))
    assert r.status == 413 and "too long" in strict_json(r.body)["error"]
    r = chunked_post(server, "/", "content=" + "z" * 20000,
                     dict(chunked, **{"Content-Type": "application/x-www-form-urlencoded"}))
    assert r.status == 413 and '<form id="new-note"' in r.text and "too long" in r.text
    assert server.listing() == before
    assert strict_json(server.request("GET", "/api/notes/" + keep["id"]).body) == keep
    # The largest note allowed is stored whole, with any characters.
    big = ("\u00e9\"\\\t\U0001F600" * MAX_CONTENT)[:MAX_CONTENT]
    r = server.api_add(big)
    assert r.status == 201, r.body
    assert server.listing()[0]["content"] == big


@pytest.mark.parametrize("content", [
    'say "hi" \\ back\\slash \\n not a newline',
    "tab\there\nnew line\x01\x1f control",
    "caf\u00e9 \u20ac \u4e2d\u6587 \U0001F600 \u2028 end",
    "</script><script>alert(1)</script>",
], ids=["quotes", "controls", "unicode", "script"])
def test_any_content_comes_back_as_valid_json(server, content):
    for add in (server.api_add, lambda c: server.form_add(c, accept="application/json")):
        r = add(content)
        assert r.status == 201
        note = strict_json(r.body)
        assert note["content"] == content
        assert strict_json(server.request("GET", "/api/notes/" + note["id"]).body) == note
        assert server.listing()[0] == note


def test_html_in_a_note_is_shown_as_text(server):
    server.form_add('<script>alert("x")</script><b>bold</b> & co')
    page = server.request("GET", "/").text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; co" in page
    assert '<script>alert("x")' not in page and "<b>bold</b>" not in page


def test_many_notes_a_second_get_unique_keys_newest_first(server):
    c = support.Conn(server.port, timeout=10)
    made = []
    try:
        for i in range(60):
            r = c.request("POST", "/api/notes", json.dumps({"content": "burst %d" % i}),
                          {"Content-Type": "application/json"})
            assert r.status == 201
            made.append(strict_json(r.body))
    finally:
        c.close()
    ids = [n["id"] for n in made]
    assert len(set(ids)) == 60
    assert ids == sorted(ids)  # keys sort by creation
    listed = server.listing()
    assert [n["content"] for n in listed[:60]] == ["burst %d" % i for i in reversed(range(60))]
    keys = [n["id"] for n in listed]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == len(keys)
    # The page lists them in the same order.
    page = server.request("GET", "/").text
    positions = [page.index('id="note-%s"' % k) for k in keys]
    assert positions == sorted(positions)


def test_notes_survive_a_restart_in_the_same_order(server, tmp_path):
    # A second server on its own folder: the fixture's keeps serving the other tests.
    s = NotesServer(server.runtime, server.storage, str(tmp_path / "data"))
    with s:
        for word in ("one", "two", "three"):
            assert s.api_add(word).status == 201
        s.request("POST", "/api/notes/%s/archive" % s.listing()[1]["id"])
        first = s.listing()
    with s:
        assert s.listing() == first
        assert [n["content"] for n in first] == ["three", "one"]
        assert s.api_add("four").status == 201
        assert [n["content"] for n in s.listing()] == ["four", "three", "one"]


def test_invalid_json_and_lone_surrogates_are_400(server):
    before = contents(server)
    for body in ('{"content": "\\ud800 alone"}', '{"content": "end \\udc00"}', '{"content": ',
                 b'{"content": "\xff"}'):
        r = server.request("POST", "/api/notes", body, {"Content-Type": "application/json"})
        assert r.status == 400 and strict_json(r.body)["error"]
    # UTF-8 that encodes a surrogate (CESU-8 style) or is cut short, raw or in a form.
    for raw in (b"\xed\xa0\x80", b"a\xed\xbf\xbfb", b"\xc3", b"\xff"):
        body = b'{"content": "' + raw + b'"}'
        r = server.request("POST", "/api/notes", body, {"Content-Type": "application/json"})
        assert r.status == 400, raw
        form = "content=" + "".join("%%%02X" % b for b in raw)
        r = server.request("POST", "/", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                "Accept": "application/json"})
        assert r.status == 400, raw
    assert contents(server) == before


def test_defaults_and_environment_choose_storage_and_folder(tmp_path):
    # No --storage and no --data: the embedded default (btree on CPython) in
    # ./notes-data of the working directory, as README command (1) runs it.
    with NotesServer("cpython", None, None, cwd=str(tmp_path),
                     paths=[support.ROOT]) as s:
        assert s.api_add("default").status == 201
    assert (tmp_path / "notes-data" / "notes-btree.db").exists()
    env = {"NOTES_STORAGE": "sqlite", "NOTES_DATA": str(tmp_path / "from-env")}
    with NotesServer("cpython", None, None, env=env, cwd=str(tmp_path), paths=[support.ROOT]) as s:
        assert s.api_add("env").status == 201
        assert [n["content"] for n in s.listing()] == ["env"]
    assert (tmp_path / "from-env" / "notes-sqlite.db").exists()
    # A word on the command line wins over the environment.
    with NotesServer("cpython", "filedb", str(tmp_path / "words"), env=env, cwd=str(tmp_path),
                     paths=[support.ROOT]) as s:
        assert s.api_add("words").status == 201
    assert (tmp_path / "words" / "notes").is_dir()


def test_bad_settings_stop_with_a_message(tmp_path):
    import os
    import subprocess
    import sys
    env = dict(os.environ, PYTHONPATH=support.site_dir())
    for args, words in ((["--storage", "mongo"], "storage must be one of"),
                        (["--login"], "no users in"),
                        (["--add-user", "a:b"], "user name must be")):
        r = subprocess.run([sys.executable, "-m", "examples.notes", "--port", "0",
                            "--data", str(tmp_path / "d")] + args, cwd=support.ROOT, env=env,
                           input="pw\n",
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=30)
        assert r.returncode != 0 and words in r.stderr, r.stderr


def test_every_backend_lists_the_same_notes_in_the_same_order(tmp_path):
    # The same story on each backend (CPython's three, micropython's filedb and btree):
    # 75 notes, every third archived, across the app's 32-key read batches.
    results = {}
    for combo in COMBOS:
        combo = getattr(combo, "values", [combo])[0]
        runtime, storage = combo
        if runtime == "micropython" and (support.MICROPYTHON is None or (
                storage == "btree" and not os.path.exists(BTREE_STAND_IN))):
            continue
        with NotesServer(runtime, storage, str(tmp_path / ("%s-%s" % combo))) as s:
            c = support.Conn(s.port, timeout=10)
            try:
                for i in range(75):
                    r = c.request("POST", "/api/notes", json.dumps({"content": "n%02d" % i}),
                                  {"Content-Type": "application/json"})
                    assert r.status == 201
                    if i % 3 == 1:
                        key = strict_json(r.body)["id"]
                        assert c.request("POST", "/api/notes/%s/archive" % key).status == 200
            finally:
                c.close()
            results[combo] = [n["content"] for n in s.listing()]
            page = s.request("GET", "/").text
            assert [page.index(">%s<" % t) for t in results[combo]] == sorted(
                page.index(">%s<" % t) for t in results[combo])
    expected = ["n%02d" % i for i in reversed(range(75)) if i % 3 != 1]
    assert len(results) >= 3
    for combo, listed in results.items():
        assert listed == expected, combo
