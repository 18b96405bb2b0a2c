"""picoweb_db.uorm (SQLite models as SQL) and picoweb_db.btree (MicroPython's
btree API) on CPython, with real files checked from a second connection."""
import json
import os
import sqlite3
import subprocess
import sys

import pytest

import support
from picoweb_db import BadInput, btree, btreedb, uorm

SCHEMA = """
    CREATE TABLE note(
    timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP PRIMARY KEY,
    archived INT NOT NULL DEFAULT 0,
    content TEXT NOT NULL
    )
"""


def note_model(path):
    db = uorm.DB(path)

    class Note(uorm.Model):
        __db__ = db
        __table__ = "note"
        __pkey__ = "timestamp"
        __schema__ = SCHEMA

        @classmethod
        def public(cls):
            return cls.execute("SELECT * FROM note WHERE archived=0 ORDER BY timestamp DESC")
    db.connect()
    Note.create_table(True)
    return db, Note


def other_connection_sees(path, sql, args=()):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_uorm_every_write_is_committed_before_it_returns(tmp_path):
    path = str(tmp_path / "notes.sqlite")
    db, Note = note_model(path)
    key = Note.create(content="one")
    # Seen by another connection while this one is still open: committed.
    assert other_connection_sees(path, "SELECT content FROM note") == [("one",)]
    Note.update({"timestamp": key}, content="two")
    assert other_connection_sees(path, "SELECT content FROM note") == [("two",)]
    Note.execute("INSERT INTO note(timestamp, content) VALUES(%s, %s)", ("t2", "by sql"))
    assert len(other_connection_sees(path, "SELECT * FROM note")) == 2
    assert Note.delete({"timestamp": "t2"}) == 1
    assert len(other_connection_sees(path, "SELECT * FROM note")) == 1
    assert other_connection_sees(path, "PRAGMA journal_mode") == [("wal",)]
    db.close()


def test_uorm_thousand_creates_in_one_second_get_unique_sorted_keys(tmp_path):
    db, Note = note_model(str(tmp_path / "n.sqlite"))
    keys = [Note.create(content="n%d" % i) for i in range(1000)]
    assert len(set(keys)) == 1000 and keys == sorted(keys)
    rows = list(Note.public())
    assert [r.content for r in rows] == ["n%d" % i for i in range(999, -1, -1)]
    # now()'s keys have CURRENT_TIMESTAMP's format (UTC), with microseconds.
    sql_now = list(Note.execute("SELECT CURRENT_TIMESTAMP"))[0][0]
    assert len(keys[0]) == 26 and keys[0][:10] == sql_now[:10]
    db.close()


def test_uorm_rows_where_forms_and_placeholders(tmp_path):
    db = uorm.DB(str(tmp_path / "u.sqlite")).connect()

    class User(uorm.Model):
        __db__ = db
        __table__ = "user"
        __schema__ = "CREATE TABLE user(id INTEGER PRIMARY KEY, name TEXT, age INT, 'where' TEXT)"
    User.create_table()
    with pytest.raises(sqlite3.Error):
        User.create_table()             # exists: uorm raises unless fail_silently
    User.create_table(True)
    a = User.create(name="ann", age=30)
    b = User.create(name="bob", age=40, where="here")
    assert (a, b) == (1, 2)             # the rowid, as uorm returns for `id`
    row = list(User.get_id(b))[0]
    assert row[1] == row.name == "bob" and row.where == "here" and tuple(row) == (2, "bob", 40, "here")
    assert [r.name for r in User.select()] == ["ann", "bob"]
    assert [r.name for r in User.select(1)] == ["ann"]
    assert [r.name for r in User.select({"age": 40, "name": "bob"})] == ["bob"]
    assert [r.name for r in User.select("age > 35")] == ["bob"]
    assert [r.name for r in User.execute("SELECT * FROM user WHERE name=%s", ("ann",))] == ["ann"]
    assert [r[0] for r in User.execute("SELECT name FROM user WHERE name LIKE '%s%'")] == []
    assert User.update(1, age=31) == 1 and list(User.get_id(1))[0].age == 31
    assert User.update({"name": "bob"}, where="there") == 1
    assert User.update("age > 0", age=1) == 2
    assert list(User.get_id(99)) == []
    for bad in (None, {}, True, [1]):
        with pytest.raises(BadInput):
            User.update(bad, age=0)
        with pytest.raises(BadInput):
            User.delete(bad)
    with pytest.raises(BadInput):
        User.select({"age = 1 OR 1": 1})    # names in a dict reach SQL, so they are checked
    with pytest.raises(BadInput):
        User.create(**{"name) VALUES('x'); --": 1})
    assert [r.age for r in User.select()] == [1, 1]
    assert User.delete("1") == 2
    db.close()


def test_uorm_two_processes_create_at_once(tmp_path):
    path = str(tmp_path / "shared.sqlite")
    code = ("import sys\n"
            "from test_db_uorm_btree import note_model\n"
            "db, Note = note_model(sys.argv[1])\n"
            "for i in range(200): Note.create(content=sys.argv[2] + str(i))\n"
            "print('DONE')\n")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([support.site_dir(), os.path.dirname(__file__), os.path.join(support.ROOT, "tests")])
    procs = [subprocess.Popen([sys.executable, "-c", code, path, tag], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True) for tag in "ab"]
    try:
        outs = [p.communicate(timeout=60) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0 and "DONE" in out, err
    assert other_connection_sees(path, "SELECT count(*), count(DISTINCT timestamp) FROM note") == [(400, 400)]


def stand_in():
    # tests/plugins/db/mp_btree/btree.py, the double micropython's btreedb tests
    # use; held to the same assertions as picoweb_db.btree here.
    import importlib.util
    spec = importlib.util.spec_from_file_location("btree_stand_in", os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "mp_btree", "btree.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("which", ["picoweb_db.btree", "stand-in"])
def test_btree_module_api_on_cpython(which, tmp_path):
    btree = __import__("picoweb_db").btree if which == "picoweb_db.btree" else stand_in()
    path = str(tmp_path / "kv.db")
    f = open(path, "w+b")
    db = btree.open(f)
    for k in (b"a", b"c", "e", b"g"):
        db[k] = k.upper() if isinstance(k, bytes) else k.upper().encode()
    db.flush()
    assert db[b"e"] == b"E" and db.get(b"x") is None and db.get(b"x", b"d") == b"d"
    assert b"c" in db and "c" in db and b"b" not in db
    assert list(db) == [b"a", b"c", b"e", b"g"]
    assert list(db.keys(b"b", b"e")) == [b"c"]
    assert list(db.keys(b"b", b"e", btree.INCL)) == [b"c", b"e"]
    assert list(db.values(None, None, btree.DESC)) == [b"G", b"E", b"C", b"A"]
    assert list(db.items(b"e", b"c", btree.DESC | btree.INCL)) == [(b"e", b"E"), (b"c", b"C")]
    del db[b"a"]
    with pytest.raises(KeyError):
        db[b"a"]
    db.close()
    f.close()
    f = open(path, "r+b")
    db = btree.open(f)
    assert list(db.keys()) == [b"c", b"e", b"g"]
    db[b"z"] = b"unflushed"
    db.close()                          # close flushes, as btree does
    f.close()
    f = open(path, "r+b")
    assert btree.open(f)[b"z"] == b"unflushed"
    f.close()


def test_btree_refuses_a_file_it_cannot_read(tmp_path):
    path = str(tmp_path / "board.db")
    with open(path, "wb") as f:
        f.write(b"\x00\x06\x15\x61 not sqlite, a Berkeley DB file from a board")
    with open(path, "r+b") as f:
        with pytest.raises(ValueError) as e:
            btree.open(f)
    assert "Berkeley" in str(e.value)


def test_btreedb_file_layout_is_btreedbs(tmp_path):
    # Key = primary key, value = JSON list in schema order: what apps read
    # through db.db, and what pycopy-btreedb wrote.
    from collections import OrderedDict
    path = str(tmp_path / "notes.db")
    db = btreedb.DB(path)

    class Note(btreedb.Model):
        __db__ = db
        __table__ = "note"
        __schema__ = OrderedDict([("timestamp", ("TIMESTAMP", btreedb.now)),
                                  ("archived", ("INT", 0)), ("content", ("TEXT", ""))])
    db.connect()
    Note.create_table(True)
    keys = [Note.create(content="c%d" % i) for i in range(3)]
    got = [Note.Row(*json.loads(v)) for v in db.db.values(None, None, btree.DESC)]
    assert [r.content for r in got] == ["c2", "c1", "c0"] and got[0].timestamp == keys[2]
    assert list(db.db.keys()) == [k.encode() for k in keys]

    class Other(btreedb.Model):
        __db__ = db
        __table__ = "other"
        __schema__ = OrderedDict([("k", ("TEXT", btreedb.now))])
    with pytest.raises(BadInput) as e:
        Other.create_table(True)
    assert "one table per file" in str(e.value)
    db.close()
    rows = other_connection_sees(path, "SELECT k, v FROM kv ORDER BY k")
    assert [(k.decode(), json.loads(v)) for k, v in rows] == [(k, [k, 0, "c%d" % i]) for i, k in enumerate(keys)]
