"""kill -9 a writer at random points; every acknowledged record must be intact
after reopening, and no torn record may exist, on every backend."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import support

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from crash_writer import body_for  # noqa: E402

from picoweb_db import DB, Model  # noqa: E402

ROUNDS = 4


class Rec(Model):
    __table__ = "rec"
    __fields__ = {"n": 0, "body": "", "size": 0}


def run_and_kill(cmd, env, rng):
    """Start the writer, let it acknowledge a random number of writes, kill -9.
    Returns (created {key: n}, acknowledged counter values)."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True)
    created = {}
    updates = []
    target = rng.randint(1, 60)
    deadline = time.time() + 20

    def take(line):
        parts = line.split()
        if line.endswith("\n") and parts and parts[0] == "C" and len(parts) == 3:
            created[parts[1]] = int(parts[2])
        elif line.endswith("\n") and parts and parts[0] == "U" and len(parts) == 2:
            updates.append(int(parts[1]))

    try:
        while len(created) + len(updates) < target and time.time() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            take(line)
        # Land the kill somewhere inside the next write, not always between two.
        time.sleep(rng.random() * 0.004)
        os.kill(proc.pid, signal.SIGKILL)
        rest, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    for line in rest.splitlines(True):
        take(line)
    assert proc.returncode == -signal.SIGKILL, err
    assert created or updates, "writer acknowledged nothing: " + err
    return created, updates


def check_store(backend, path, created, last_update, top_n):
    db = DB(path, backend=backend).connect()
    try:
        db.create_table(Rec)
        for key, n in created.items():
            row = Rec.get_id(key)  # NotFound here means an acknowledged write was lost
            assert (row.n, row.body, row.size) == (n, body_for(n), len(body_for(n))), key
        count = 0
        for row in Rec.scan():
            count += 1
            assert row.body == body_for(row.n) and row.size == len(row.body), "torn row %r" % row.id
        assert count == Rec.count()
        counter = Rec.get_id("counter")
        assert last_update <= counter.n <= top_n + 4
        assert counter.body == body_for(counter.n)
        return count
    finally:
        db.close()


def check_engine_files(backend, path):
    if backend == "filedb":
        leftovers = [n for n in os.listdir(os.path.join(path, "rec")) if not n.endswith(".json")]
        assert leftovers == [], leftovers
    else:
        con = sqlite3.connect(path)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()


def crash_rounds(backend, path, cmd, env, seed):
    rng = random.Random(seed)
    all_created = {}
    last_update = 0
    top_n = 0
    for _ in range(ROUNDS):
        # Each run numbers its writes after the last one, so the counter only grows.
        created, updates = run_and_kill(cmd + [str(top_n + 10)], env, rng)
        all_created.update(created)
        if updates:
            last_update = max(last_update, max(updates))
        top_n = max(list(all_created.values()) + [last_update])
        count = check_store(backend, path, all_created, last_update, top_n)
        assert count >= len(all_created) + 1
        check_engine_files(backend, path)


@pytest.mark.parametrize("backend", ["btree", "filedb", "sqlite"])
def test_kill9_keeps_acknowledged_writes_cpython(backend, tmp_path):
    path = str(tmp_path / ("store" if backend == "filedb" else "store.db"))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([support.site_dir(), HERE])
    cmd = [sys.executable, os.path.join(HERE, "crash_writer.py"), backend, path]
    crash_rounds(backend, path, cmd, env, seed=hash(backend) & 0xffff)


@support.needs_micropython
def test_kill9_keeps_acknowledged_writes_micropython_filedb(tmp_path):
    path = str(tmp_path / "store")
    cmd = support.mp_cmd([os.path.join(HERE, "crash_writer.py"), "filedb", path])
    crash_rounds("filedb", path, cmd, support.mp_env([HERE]), seed=7)


def check_legacy_store(modname, path, created, last_update, top_n):
    from legacy_crash_writer import model
    db, Rec = model(modname, path)
    try:
        for key, n in created.items():
            row = Rec.get_id(key)[0]  # NotFound here means an acknowledged write was lost
            assert (row.n, row.body) == (n, body_for(n)), key
        count = 0
        for row in Rec.scan():
            count += 1
            assert row.body == body_for(row.n), "torn row %r" % (row.key,)
        counter = Rec.get_id("counter")[0]
        assert last_update <= counter.n <= top_n + 4 and counter.body == body_for(counter.n)
        return count
    finally:
        db.close()


def legacy_rounds(modname, path, cmd, env, seed):
    rng = random.Random(seed)
    all_created = {}
    last_update = 0
    top_n = 0
    for _ in range(ROUNDS):
        created, updates = run_and_kill(cmd + [str(top_n + 10)], env, rng)
        all_created.update(created)
        if updates:
            last_update = max(last_update, max(updates))
        top_n = max(list(all_created.values()) + [last_update])
        assert check_legacy_store(modname, path, all_created, last_update, top_n) >= len(all_created) + 1


@pytest.mark.parametrize("modname", ["btreedb", "filedb"])
def test_kill9_keeps_acknowledged_writes_of_legacy_apis(modname, tmp_path):
    path = str(tmp_path / ("store" if modname == "filedb" else "store.db"))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([support.site_dir(), HERE])
    cmd = [sys.executable, os.path.join(HERE, "legacy_crash_writer.py"), modname, path]
    legacy_rounds(modname, path, cmd, env, seed=len(modname))
    if modname == "btreedb":
        check_engine_files("btree", path)
    else:
        check_engine_files("filedb", path)


@support.needs_micropython
def test_kill9_keeps_acknowledged_writes_of_filedb_api_micropython(tmp_path):
    path = str(tmp_path / "store")
    cmd = support.mp_cmd([os.path.join(HERE, "legacy_crash_writer.py"), "filedb", path])
    legacy_rounds("filedb", path, cmd, support.mp_env([HERE]), seed=11)
    check_engine_files("filedb", path)
