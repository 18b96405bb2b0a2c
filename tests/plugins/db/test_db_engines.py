"""Engine-specific behaviour the conformance cases cannot see: SQL safety and
access, filedb file names and recovery, the btree API on CPython, lazy imports."""
import json
import os
import subprocess
import sys

import pytest

import support
from picoweb_db import DB, Model, BadInput, NoTable
from picoweb_db import _filedb, _kvsqlite


class Item(Model):
    __table__ = "item"
    __fields__ = {"label": ""}


def test_sqlite_raw_connection_wal_and_parameters(tmp_path):
    db = DB(str(tmp_path / "s.db"), backend="sqlite").connect()
    db.create_table(Item)
    nasty = "x'); DROP TABLE item; --"
    Item.create(id=nasty, label=nasty)
    con = db.connection
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    k, v = con.execute("SELECT k, v FROM item").fetchone()
    assert k == nasty and json.loads(v) == {"label": nasty}
    assert con.execute("SELECT json_extract(v, '$.label') FROM item").fetchone()[0] == nasty
    db.close()


def test_sqlite_synchronous_option(tmp_path):
    db = DB(str(tmp_path / "s.db"), backend="sqlite", synchronous="NORMAL").connect()
    assert db.connection.execute("PRAGMA synchronous").fetchone()[0] == 1
    db.close()
    with pytest.raises(ValueError):
        DB(str(tmp_path / "t.db"), backend="sqlite", synchronous="OFF; DROP").connect()


def test_connection_only_on_sqlite(tmp_path):
    db = DB(str(tmp_path / "m"), backend="memory").connect()
    with pytest.raises(AttributeError):
        db.connection


def test_unknown_backend():
    with pytest.raises(ValueError) as e:
        DB("x", backend="mongo")
    assert "btree, filedb, sqlite, memory" in str(e.value)


def test_disconnected_db_is_clear(tmp_path):
    db = DB(str(tmp_path / "m"), backend="memory")
    with pytest.raises(NoTable) as e:
        db.create_table(Item)
    assert "connect()" in str(e.value)


@pytest.mark.parametrize("key", ["a:b", "A", "a b", "..", "trail.", "caf\u00e9", "%", "x/y\\z"])
def test_filedb_names_are_fat_safe_and_reversible(key):
    name = _filedb.encode_key(key)
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789_-%" for c in name), name
    assert _filedb.decode_key(name) == key
    assert len(_filedb.encode_key("\u00e9" * 32)) + 5 <= 255


def test_filedb_recovers_interrupted_writes(tmp_path):
    root = str(tmp_path / "f")
    db = DB(root, backend="filedb").connect()
    db.create_table(Item)
    Item.create(id="kept", label="old")
    db.close()
    folder = os.path.join(root, "item")
    # A finished tmp beside its record: an unacknowledged update, dropped.
    with open(os.path.join(folder, "kept.tmp"), "w") as f:
        f.write('{"label": "new"}')
    # A finished tmp alone: FAT's remove-then-rename window, promoted.
    with open(os.path.join(folder, "moved.tmp"), "w") as f:
        f.write('{"label": "moved"}')
    # A torn tmp alone: never acknowledged, dropped.
    with open(os.path.join(folder, "torn.tmp"), "w") as f:
        f.write('{"label": "to')
    db = DB(root, backend="filedb").connect()
    db.create_table(Item)
    assert sorted(os.listdir(folder)) == ["kept.json", "moved.json"]
    assert Item.get_id("kept").label == "old"
    assert Item.get_id("moved").label == "moved"
    db.close()


def test_replace_falls_back_when_rename_refuses_existing(tmp_path, monkeypatch):
    # FAT's rename fails when the target exists; emulate it.
    real = os.rename

    def fat_rename(src, dst):
        if os.path.exists(dst):
            raise OSError(17, "exists")
        real(src, dst)
    monkeypatch.setattr(os, "rename", fat_rename)
    db = DB(str(tmp_path / "f"), backend="filedb").connect()
    db.create_table(Item)
    Item.create(id="a", label="1")
    Item.update("a", label="2")
    assert Item.get_id("a").label == "2"
    db.close()


def test_kvsqlite_follows_btree_iteration_rules(tmp_path):
    kv = _kvsqlite.open(str(tmp_path / "kv.db"))
    for k in (b"a", b"c", b"e", b"g"):
        kv[k] = k.upper()
    kv.flush()
    assert list(kv.keys()) == [b"a", b"c", b"e", b"g"]
    assert list(kv.keys(b"b", b"e")) == [b"c"]
    assert list(kv.keys(b"b", b"e", _kvsqlite.INCL)) == [b"c", b"e"]
    # btree's DESC starts at the first key >= start, even when start is absent.
    assert list(kv.keys(b"d", None, _kvsqlite.DESC)) == [b"e", b"c", b"a"]
    assert list(kv.keys(b"z", None, _kvsqlite.DESC)) == []
    assert list(kv.keys(None, b"c", _kvsqlite.DESC)) == [b"g", b"e"]
    assert list(kv.items(b"e", b"c", _kvsqlite.DESC | _kvsqlite.INCL)) == [(b"e", b"E"), (b"c", b"C")]
    del kv[b"a"]
    with pytest.raises(KeyError):
        del kv[b"a"]
    assert b"a" not in kv and kv.get(b"c") == b"C"
    kv.close()


def test_btree_file_is_one_sqlite_table_without_rowid(tmp_path):
    import sqlite3
    path = str(tmp_path / "b.db")
    db = DB(path, backend="btree").connect()
    db.create_table(Item)
    Item.create(id="k", label="v")
    db.close()
    con = sqlite3.connect(path)
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name='kv'").fetchone()[0]
    assert "WITHOUT ROWID" in sql
    assert con.execute("SELECT k FROM kv ORDER BY k").fetchall() == [(b"!item",), (b"item/k",)]
    con.close()


def test_backends_import_lazily(tmp_path):
    code = ("import sys; from picoweb_db import DB\n"
            "db = DB(%r, backend='filedb').connect()\n"
            "print(sorted(m for m in sys.modules if m.startswith('picoweb_db') or m == 'sqlite3'))\n"
            % str(tmp_path / "f"))
    env = dict(os.environ, PYTHONPATH=support.site_dir())
    out = subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                         universal_newlines=True, check=True).stdout
    assert "sqlite3" not in out and "_sqlite" not in out and "_btree" not in out
    assert "picoweb_db._filedb" in out


@support.needs_micropython
def test_btree_backend_on_micropython_without_btree_says_what_to_do(tmp_path):
    proc = support.run_micropython(["-c", (
        "from picoweb_db import DB\n"
        "try:\n"
        "    DB(%r, backend='btree').connect()\n"
        "except ImportError as e:\n"
        "    print('ERR', e)\n") % str(tmp_path / "b.db")])
    if "ERR" not in proc.stdout:
        pytest.skip("this micropython has btree: " + proc.stdout + proc.stderr)
    assert "filedb" in proc.stdout


def test_bad_model_declarations():
    class NoName(Model):
        pass

    class BadField(Model):
        __table__ = "ok"
        __fields__ = ["fine", "not-fine"]
    db = DB("m", backend="memory").connect()
    with pytest.raises(BadInput):
        db.create_table(NoName)
    with pytest.raises(BadInput):
        db.create_table(BadField)
    class Reserved(Model):
        __table__ = "sqlite_master"
    with pytest.raises(BadInput):
        db.create_table(Reserved)
