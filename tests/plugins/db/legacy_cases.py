"""Cases for the ecosystem APIs (picoweb_db.btreedb, picoweb_db.filedb), plain
functions that run on CPython (pytest) and under micropython (mp_legacy.py).

Each case takes an Env: env.mod is the module, env.path the store's path, and
env.model() declares a fresh notes-pico style Note model on a new DB.
"""
try:
    from collections import OrderedDict
except ImportError:  # pragma: no cover
    from ucollections import OrderedDict

import json
import os

from picoweb_db import BadInput, Conflict, NotFound


class Env:
    def __init__(self, modname, path):
        self.name = modname
        self.mod = __import__("picoweb_db." + modname, None, None, ["DB"])
        self.path = path

    def model(self, extra=(), table="note"):
        uorm = self.mod
        db = uorm.DB(self.path)
        schema = OrderedDict([
            ("timestamp", ("TIMESTAMP", uorm.now)),
            ("archived", ("INT", 0)),
            ("content", ("TEXT", "")),
        ])
        for name, spec in extra:
            schema[name] = spec

        class Note(uorm.Model):
            __db__ = db
            __table__ = table
            __schema__ = schema

            @classmethod
            def public(cls):
                return [r for r in cls.scan(reverse=True) if not r.archived]
        db.connect()
        Note.create_table(True)
        return db, Note


def raises(exc, fn, *args, **kw):
    try:
        fn(*args, **kw)
    except exc as e:
        return e
    raise AssertionError("%s not raised by %s" % (exc.__name__, fn))


def case_now_is_unique_and_sorted_in_a_tight_loop(env):
    stamps = [env.mod.now() for _ in range(1000)]
    assert len(set(stamps)) == 1000
    assert stamps == sorted(stamps)
    s = stamps[0]
    assert len(s) == 26 and s[4] == "-" and s[10] == " " and s[19] == "." and s[:4] >= "2020", s


def case_thousand_creates_keep_unique_sorted_keys(env):
    # Checked as it goes (each key above the one before it: unique and sorted)
    # rather than by holding 1,000 keys, which would fragment a small heap.
    db, Note = env.model()
    prev = ""
    for i in range(1000):
        key = Note.create(content="n%d" % i)
        assert key > prev, (prev, key)
        prev = key
    i = 0
    for row in Note.scan():
        assert row.content == "n%d" % i, (i, row)
        i += 1
    assert i == 1000 and row.timestamp == prev
    db.close()


def case_rows_index_and_attributes(env):
    db, Note = env.model()
    key = Note.create(content="hello \"world\" \u00e9\t<b>")
    rows = Note.get_id(key)
    assert isinstance(rows, list) and len(rows) == 1
    row = rows[0]
    assert row[0] == row.timestamp == key
    assert row[1] == row.archived == 0
    assert row[2] == row.content == "hello \"world\" \u00e9\t<b>"
    assert tuple(row) == (key, 0, row.content)
    assert Note.__fields__[0] == "timestamp" and list(Note.__fields__) == ["timestamp", "archived", "content"]
    e = raises(NotFound, Note.get_id, "1999-01-01 00:00:00")
    assert isinstance(e, KeyError)
    db.close()


def case_public_is_newest_first_without_archived(env):
    db, Note = env.model()
    keys = [Note.create(content="c%d" % i) for i in range(40)]
    assert Note.update({"timestamp": keys[3]}, archived=1) == 1
    Note.update({"timestamp": keys[39]}, archived=1)
    got = [r.content for r in Note.public()]
    assert got == ["c%d" % i for i in range(38, -1, -1) if i != 3], got
    db.close()


def case_update_and_delete_need_the_key(env):
    db, Note = env.model()
    key = Note.create(content="keep")
    for bad in (None, {}, key, {"archived": 0}, {"timestamp": None}, {"timestamp": 5},
                {"timestamp": key, "archived": 0}):
        raises(BadInput, Note.update, bad, archived=1)
        raises(BadInput, Note.delete, bad)
    raises(NotFound, Note.update, {"timestamp": "nope"}, archived=1)
    raises(BadInput, Note.update, {"timestamp": key}, colour="red")
    raises(BadInput, Note.update, {"timestamp": key}, timestamp="other")
    assert Note.get_id(key)[0] == (key, 0, "keep")
    assert Note.delete({"timestamp": key}) == 1
    raises(NotFound, Note.get_id, key)
    raises(NotFound, Note.delete, {"timestamp": key})
    db.close()


def case_create_never_overwrites(env):
    db, Note = env.model()
    Note.create(timestamp="k1", content="first")
    e = raises(Conflict, Note.create, timestamp="k1", content="second")
    assert isinstance(e, ValueError)
    assert Note.get_id("k1")[0].content == "first"
    raises(BadInput, Note.create, colour="red")
    raises(BadInput, Note.create, timestamp=7)
    raises(BadInput, Note.create, content=object())
    raises(BadInput, Note.create, content="\u00e9" * 9000)
    assert [r.timestamp for r in Note.scan()] == ["k1"]
    db.close()


def case_rows_persist_and_schema_can_grow(env):
    db, Note = env.model()
    key = Note.create(content="old")
    db.close()
    db, Note = env.model(extra=[("tags", ("TEXT", list)), ("where", ("TEXT", "here"))])
    row = Note.get_id(key)[0]
    assert (row.content, row.tags, row.where) == ("old", [], "here")
    Note.update({"timestamp": key}, where="there", tags=["a"])
    k2 = Note.create(content="new", where="w")
    assert Note.get_id(k2)[0].where == "w" and k2 > key
    db.close()
    db, Note = env.model(extra=[("tags", ("TEXT", list)), ("where", ("TEXT", "here"))])
    assert [(r.content, r.where) for r in Note.scan()] == [("old", "there"), ("new", "w")]
    db.close()


def case_two_scans_interleaved(env):
    db, Note = env.model()
    made = [Note.create(content=str(i)) for i in range(75)]
    up = Note.scan()
    down = Note.scan(reverse=True)
    a = []
    b = []
    for _ in range(75):
        a.append(next(up).timestamp)
        b.append(next(down).timestamp)
    assert a == made and b == made[::-1]
    db.close()


def case_filedb_mapkeys_json2row_and_layout(env):
    if env.name != "filedb":
        return
    db, Note = env.model()
    assert Note.mapkeys({"content": "c", "timestamp": "t"}) == ["t", None, "c"]
    row = Note.json2row({"timestamp": "t", "archived": 1, "content": "c"})
    assert row.timestamp == "t" and row[1] == 1
    key = Note.create(content="x")
    raises(OSError, Note.create_table)
    Note.create_table(True)
    # One JSON file per row, in the table's own folder, no temporary left.
    files = os.listdir(env.path + "/note")
    assert len(files) == 1 and files[0].endswith(".json"), files
    with open(env.path + "/note/" + files[0]) as f:
        assert json.loads(f.read()) == {"archived": 0, "content": "x"}
    assert Note.get_id(key)[0].content == "x"
    db.close()


def case_filedb_tables_differing_in_case(env):
    if env.name != "filedb":
        return
    db, Lower = env.model(table="note")
    _, Upper = env.model(table="Note")
    Lower.create(timestamp="k", content="lower")
    Upper.create(timestamp="k", content="upper")
    assert Lower.get_id("k")[0].content == "lower" and Upper.get_id("k")[0].content == "upper"
    names = os.listdir(env.path)
    assert len(set([n.lower() for n in names])) == 2, names
    db.close()


CASES = [
    case_now_is_unique_and_sorted_in_a_tight_loop,
    case_thousand_creates_keep_unique_sorted_keys,
    case_rows_index_and_attributes,
    case_public_is_newest_first_without_archived,
    case_update_and_delete_need_the_key,
    case_create_never_overwrites,
    case_rows_persist_and_schema_can_grow,
    case_two_scans_interleaved,
    case_filedb_mapkeys_json2row_and_layout,
    case_filedb_tables_differing_in_case,
]
