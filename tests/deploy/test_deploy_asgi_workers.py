"""The notes example under `uvicorn --workers 4` on SQLite (WAL, busy timeout),
and on the btree backend (SQLite underneath on CPython),
driven over HTTP by concurrent writers: every acknowledged note is there
afterwards, none twice, whichever worker process took it."""
import json
import os
import sys
import threading

import pytest

import support
from deploy_support import ROOT, Process

HERE = os.path.dirname(os.path.abspath(__file__))
APPS = os.path.join(HERE, "apps")
NOTES = os.path.join(ROOT, "examples", "notes", "app.py")

pytest.importorskip("uvicorn", reason="uvicorn not installed: pip install -e .[test]")
pytestmark = pytest.mark.skipif(not os.path.exists(NOTES), reason="examples/notes has not landed")

WRITERS = 8
NOTES_EACH = 25


def post_note(port, content):
    r = support.request(port, "POST", "/api/notes", json.dumps({"content": content}),
                        {"Content-Type": "application/json", "Accept": "application/json"})
    return r.status, (r.json() if r.status == 201 else r.body), r.headers.get("x-worker")


# sqlite, and btree, which on CPython is btree's API over one SQLite file. Not
# filedb: a folder of files, made for a board's single process.
@pytest.mark.parametrize("storage", ["sqlite", "btree"])
def test_notes_under_four_uvicorn_workers(tmp_path, storage):
    env = dict(os.environ)
    env.update(PYTHONPATH=os.pathsep.join([ROOT, APPS, support.site_dir()]), NOTES_STORAGE=storage,
               NOTES_DATA=str(tmp_path / "data"))
    cmd = [sys.executable, "-m", "uvicorn", "notes_asgi:asgi", "--host", "127.0.0.1",
           "--port", "{port}", "--workers", "4", "--log-level", "info", "--no-access-log"]
    p = Process(cmd, env=env, cwd=APPS).start(timeout=60)
    acked, failed = [], []
    lock = threading.Lock()

    def writer(w):
        for i in range(NOTES_EACH):
            content = "writer %d note %d" % (w, i)
            try:
                status, body, worker = post_note(p.port, content)
            except OSError as e:
                status, body, worker = None, repr(e), None
            with lock:
                (acked if status == 201 else failed).append((content, body, worker))

    try:
        # The port opens with the first worker; let the others come up first.
        seen = set()
        for _ in range(2000):
            seen.add(support.request(p.port, "GET", "/api/notes").headers.get("x-worker"))
            if len(seen) >= 4:
                break
        threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert not any(t.is_alive() for t in threads)
        listed = support.request(p.port, "GET", "/api/notes").json()
        home = support.request(p.port, "GET", "/")
    finally:
        out = p.stop()
    assert not failed, failed[:5]
    assert len(acked) == WRITERS * NOTES_EACH
    # every acknowledged note is there, none twice
    contents = [n["content"] for n in listed]
    assert sorted(contents) == sorted(c for c, _, _ in acked)
    assert len(contents) == len(set(contents))
    assert len({n["id"] for n in listed}) == len(listed)
    assert {n["id"] for n in listed} == {b["id"] for _, b, _ in acked}
    assert home.status == 200 and "writer 7 note 24" in home.text
    # four worker processes started, and the writes were spread over more than one
    assert out.count("Started server process") >= 4, out
    assert len({w for _, _, w in acked}) >= 2, {w for _, _, w in acked}


def test_a_signed_session_is_valid_on_every_worker(tmp_path):
    # Each request on a new connection, so the kernel hands them to different
    # workers; the count goes on wherever the cookie lands.
    env = dict(os.environ)
    env.update(PYTHONPATH=os.pathsep.join([APPS, support.site_dir()]), E2E_DATA=str(tmp_path))
    cmd = [sys.executable, "-m", "uvicorn", "e2e_app:asgi", "--host", "127.0.0.1",
           "--port", "{port}", "--workers", "4", "--log-level", "warning", "--no-access-log"]
    p = Process(cmd, env=env, cwd=APPS).start(timeout=60)
    pids = set()
    try:
        cookie = None
        i = 0
        # until two workers have served the chain (the others may still be starting
        # when the port opens), within a bound
        while len(pids) < 2 and i < 2000:
            i += 1
            r = support.request(p.port, "GET", "/visits", headers={"Cookie": cookie} if cookie else {})
            assert r.json()["n"] == i
            pids.add(r.json()["pid"])
            if "set-cookie" in r.headers:
                cookie = r.headers["set-cookie"].split(";", 1)[0]
    finally:
        p.stop()
    assert len(pids) >= 2, (pids, i)
