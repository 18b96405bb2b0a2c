"""notes-pico style apps (one model per storage API, picoweb 1.x generator
handlers) served for real on 127.0.0.1: btreedb, filedb and uorm on CPython,
filedb under micropython; data in real files that survive a restart."""
import json
import os
from urllib.parse import quote

import pytest

import support

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(HERE, "notes_pico", "app.py")
CONTENTS = ["note %d" % i for i in range(24)] + ['<b>"quoted" & \u00e9\\ \ttab</b>']

COMBOS = [("cpython", "btreedb"), ("cpython", "filedb"), ("cpython", "uorm"),
          pytest.param("micropython", "filedb", marks=support.needs_micropython)]


def start(runtime, backend, data):
    return support.AppProcess(runtime, APP, [backend, data],
                              extra_paths=[os.path.join(HERE, "notes_pico")]).start()


def listing(port):
    r = support.request(port, "GET", "/")
    assert r.status == 200 and r.headers["content-type"].startswith("application/json"), r.body
    return r.json()


@pytest.mark.parametrize("runtime,backend", COMBOS)
def test_notes_pico_app(runtime, backend, tmp_path):
    data = str(tmp_path)
    app = start(runtime, backend, data)
    try:
        conn = support.Conn(app.port, timeout=10)
        made = []
        try:
            # Many notes a second, on one keep-alive connection: every one kept.
            for text in CONTENTS:
                body = "content=" + quote(text, safe="")
                r = conn.request("POST", "/", body, {"Content-Type": "application/x-www-form-urlencoded"})
                assert r.status == 200, r.body
                answer = r.json()
                assert answer["success"] == 1 and answer["note"]["content"] == text, answer
                made.append(answer["note"]["key"])
            r = conn.request("POST", "/", "content=", {"Content-Type": "application/x-www-form-urlencoded"})
            assert r.json() == {"success": 0}
        finally:
            conn.close()
        assert len(set(made)) == len(CONTENTS) and made == sorted(made)
        notes = listing(app.port)
        assert [n["content"] for n in notes] == CONTENTS[::-1]
        assert [n["key"] for n in notes] == made[::-1]

        r = support.request(app.port, "POST", "/archive/" + quote(made[3]))
        assert r.status == 200 and r.json() == {"success": True}
        if backend != "uorm":  # uorm's update of no row is not an error
            assert support.request(app.port, "POST", "/archive/nope").status == 404
        expected = [t for i, t in enumerate(CONTENTS) if i != 3][::-1]
        assert [n["content"] for n in listing(app.port)] == expected
    finally:
        out = app.stop()
    assert "Traceback" not in out, out

    app = start(runtime, backend, data)  # the same files, read by a new process
    try:
        assert [n["content"] for n in listing(app.port)] == expected
    finally:
        app.stop()
    if backend == "filedb":
        files = os.listdir(os.path.join(data, "notes-db", "note"))
        assert len(files) == len(CONTENTS) and all(f.endswith(".json") for f in files), files
    else:
        name = "notes.db" if backend == "btreedb" else "sqlite.db"
        import sqlite3
        con = sqlite3.connect(os.path.join(data, name))
        try:
            table = "kv" if backend == "btreedb" else "note"
            assert con.execute("SELECT count(*) FROM %s" % table).fetchone()[0] == len(CONTENTS)
        finally:
            con.close()
