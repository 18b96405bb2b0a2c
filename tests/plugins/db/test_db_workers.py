"""Several processes sharing one SQLite-based store, as uvicorn workers do: WAL,
a busy timeout, and no write lost or refused with "database is locked"."""
import os
import sqlite3
import subprocess
import sys

import pytest

import support
from picoweb_db import DB

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = 150


def test_sqlite_opens_wal_with_busy_timeout(tmp_path):
    db = DB(str(tmp_path / "s.db"), backend="sqlite").connect()
    con = db.connection
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA busy_timeout").fetchone()[0] == 10000
    db.close()
    db = DB(str(tmp_path / "s.db"), backend="sqlite", busy_timeout=2.5).connect()
    assert db.connection.execute("PRAGMA busy_timeout").fetchone()[0] == 2500
    db.close()
    with pytest.raises(ValueError):
        DB(str(tmp_path / "t.db"), backend="sqlite", busy_timeout="soon").connect()


@pytest.mark.parametrize("backend", ["sqlite", "btree"])
def test_two_processes_write_at_once(backend, tmp_path):
    path = str(tmp_path / "shared.db")
    go = str(tmp_path / "go")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([support.site_dir(), HERE])
    procs = [subprocess.Popen([sys.executable, os.path.join(HERE, "concurrent_writer.py"), backend,
                               path, tag, str(ROWS), go], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True)
             for tag in ("a", "b")]
    try:
        open(go, "w").close()
        outs = [p.communicate(timeout=60) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0 and "DONE" in out, err
    con = sqlite3.connect(path)
    try:
        if backend == "sqlite":
            titles = [json_title(v) for (v,) in con.execute("SELECT v FROM item")]
        else:
            titles = [json_title(v.decode()) for (v,) in
                      con.execute("SELECT v FROM kv WHERE k >= ? AND k < ?", (b"item/", b"item0"))]
    finally:
        con.close()
    expected = sorted("%s-%d" % (t, i) for t in ("a", "b") for i in range(ROWS))
    assert sorted(titles) == expected


def json_title(text):
    import json
    return json.loads(text)["title"]
