"""Conformance cases for picoweb_db, plain functions that run unchanged on every
backend and on both runtimes (pytest parametrizes them on CPython; mp_conformance.py
runs them all in one micropython process).

Each case takes an Env: env.backend names the engine, env.open() returns a
connected DB on the case's own path (calling it again reopens the same store).
"""
import os

from picoweb_db import DB, Model, BadInput, Conflict, NotFound, NoTable, Row


class Env:
    def __init__(self, backend, path):
        self.backend = backend
        self.path = path

    def open(self, **options):
        return DB(self.path, backend=self.backend, **options).connect()


def models():
    """Fresh model classes per case, since create_table binds __db__ on the class."""
    class Note(Model):
        __table__ = "note"
        __fields__ = {"title": "", "body": "", "tags": list, "archived": False}

    class Notes(Model):
        __table__ = "notes"
        __fields__ = ["title"]

    class User(Model):
        __table__ = "user_x"
        __key__ = "name"
        __fields__ = (("email", None), ("age", 0))

    return Note, Notes, User


def raises(exc, fn, *args, **kw):
    try:
        fn(*args, **kw)
    except exc as e:
        return e
    raise AssertionError("%s not raised by %s" % (exc.__name__, fn))


def keys_of(rows):
    return [r["id"] for r in rows]


def case_create_get_defaults(env):
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    key = Note.create(title="hi")
    assert isinstance(key, str) and key
    row = Note.get_id(key)
    assert isinstance(row, Row)
    assert row == {"id": key, "title": "hi", "body": "", "tags": [], "archived": False}, row
    assert row.title == "hi" and row.id == key
    db.close()


def case_default_factory_is_fresh(env):
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    a = Note.create()
    b = Note.create()
    Note.update(a, tags=["x"])
    assert Note.get_id(a).tags == ["x"]
    assert Note.get_id(b).tags == []
    db.close()


def case_get_missing_is_notfound(env):
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    e = raises(NotFound, Note.get_id, "nope")
    assert isinstance(e, KeyError)
    assert "nope" in str(e) and "note" in str(e)
    db.close()


def case_caller_key_and_conflict(env):
    _, _, User = models()
    db = env.open()
    db.create_table(User)
    assert User.create(name="ann", email="a@x") == "ann"
    assert User.get_id("ann") == {"name": "ann", "email": "a@x", "age": 0}
    e = raises(Conflict, User.create, name="ann", email="other")
    assert isinstance(e, BadInput)
    assert User.get_id("ann").email == "a@x"
    db.close()


def case_generated_keys_unique_and_ordered(env):
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    made = [Note.create(title=str(i)) for i in range(150)]
    assert len(set(made)) == 150
    assert made == sorted(made)
    assert [r.title for r in Note.scan()] == [str(i) for i in range(150)]
    db.close()


def case_generated_keys_continue_after_reopen(env):
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    first = [Note.create() for _ in range(5)]
    db.close()
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    later = Note.create()
    assert later > first[-1]
    db.close()


def case_update(env):
    Note, _, User = models()
    db = env.open()
    db.create_table(Note)
    db.create_table(User)
    key = Note.create(title="a", body="b")
    assert Note.update({"id": key}, title="A") == 1
    assert Note.update(key, body="B") == 1
    row = Note.get_id(key)
    assert (row.title, row.body) == ("A", "B")
    raises(NotFound, Note.update, "missing", title="x")
    raises(NotFound, Note.update, {"id": "missing"}, title="x")
    raises(BadInput, Note.update, key, colour="red")
    raises(BadInput, Note.update, key, id="other")
    User.create(name="a", age=1)
    User.create(name="b", age=1)
    User.create(name="c", age=2)
    assert User.update({"age": 1}, email="one") == 2
    assert [u.email for u in User.scan()] == ["one", "one", None]
    assert Note.update({"id": key, "title": "nomatch"}, body="x") == 0
    db.close()


def case_delete(env):
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    a = Note.create()
    b = Note.create()
    assert Note.delete(a) == 1
    raises(NotFound, Note.get_id, a)
    raises(NotFound, Note.delete, a)
    assert Note.count() == 1
    assert Note.get_id(b).id == b
    db.close()


def _users(User, names):
    for n in names:
        User.create(name=n, age=len(n))


def case_scan_order_bounds_limit(env):
    _, _, User = models()
    db = env.open()
    db.create_table(User)
    _users(User, ["d", "b", "a", "e", "c", "ca", "cz"])
    names = lambda rows: [r.name for r in rows]
    assert names(User.scan()) == ["a", "b", "c", "ca", "cz", "d", "e"]
    assert names(User.scan(reverse=True)) == ["e", "d", "cz", "ca", "c", "b", "a"]
    assert names(User.scan(start="c")) == ["c", "ca", "cz", "d", "e"]
    assert names(User.scan(end="c")) == ["a", "b"]
    assert names(User.scan(start="b", end="d")) == ["b", "c", "ca", "cz"]
    assert names(User.scan(start="b", end="d", reverse=True)) == ["cz", "ca", "c", "b"]
    assert names(User.scan(start="bb", end="cb")) == ["c", "ca"]
    assert names(User.scan(start="bb", end="cb", reverse=True)) == ["ca", "c"]
    assert names(User.scan(limit=3)) == ["a", "b", "c"]
    assert names(User.scan(reverse=True, limit=2)) == ["e", "d"]
    assert names(User.scan(end="cz", reverse=True, limit=2)) == ["ca", "c"]
    assert names(User.scan(start="zz")) == []
    assert names(User.scan(end="zz", reverse=True, limit=1)) == ["e"]
    assert names(User.scan(limit=0)) == []
    raises(BadInput, User.scan, limit=-1)
    raises(BadInput, User.scan, start=5)
    db.close()


def case_scan_many_rows_streams_in_order(env):
    _, _, User = models()
    db = env.open()
    db.create_table(User)
    names = ["u%03d" % i for i in range(100)]
    for n in reversed(names):
        User.create(name=n)
    assert [r.name for r in User.scan()] == names
    assert [r.name for r in User.scan(reverse=True)] == list(reversed(names))
    assert [r.name for r in User.scan(start="u050", limit=60)] == names[50:]
    assert [r.name for r in User.scan(end="u050", reverse=True, limit=45)] == names[49:4:-1]
    db.close()


def case_two_scans_interleaved(env):
    # Two requests iterating at once must not move each other's position.
    _, _, User = models()
    db = env.open()
    db.create_table(User)
    names = ["k%03d" % i for i in range(80)]
    _users(User, names)
    up = User.scan()
    down = User.scan(reverse=True)
    seen_up = []
    seen_down = []
    for _ in range(80):
        seen_up.append(next(up).name)
        seen_down.append(next(down).name)
    assert seen_up == names
    assert seen_down == list(reversed(names))
    db.close()


def case_writes_during_scan(env):
    _, _, User = models()
    db = env.open()
    db.create_table(User)
    names = ["w%03d" % i for i in range(70)]
    _users(User, names)
    seen = []
    for row in User.scan():
        seen.append(row.name)
        User.update(row.name, age=-1)
        if row.name == "w010":
            User.delete("w060")
    assert seen == [n for n in names if n != "w060"]
    assert User.count({"age": -1}) == 69
    assert User.delete({"age": -1}) == 69
    assert User.count() == 0
    db.close()


def case_select_and_count(env):
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    for i in range(10):
        Note.create(title="t%d" % i, archived=(i % 3 == 0))
    assert Note.count() == 10
    assert Note.count({"archived": True}) == 4
    assert [r.title for r in Note.select({"archived": True})] == ["t0", "t3", "t6", "t9"]
    assert [r.title for r in Note.select({"archived": True}, reverse=True, limit=2)] == ["t9", "t6"]
    assert [r.title for r in Note.select(lambda r: r.title > "t7")] == ["t8", "t9"]
    raises(BadInput, Note.select, {"colour": 1})
    first = list(Note.scan(limit=1))[0]
    assert Note.get(first.id).title == "t0"
    db.close()


def case_tables_have_own_keyspace(env):
    Note, Notes, _ = models()
    db = env.open()
    db.create_table(Note)
    db.create_table(Notes)
    Note.create(id="k1", title="note")
    Notes.create(id="k1", title="notes")
    Notes.create(id="k2", title="notes2")
    assert Note.get_id("k1").title == "note"
    assert Notes.get_id("k1").title == "notes"
    assert Note.count() == 1 and Notes.count() == 2
    assert [r.id for r in Note.scan()] == ["k1"]
    assert [r.id for r in Note.scan(reverse=True)] == ["k1"]
    assert [r.id for r in Notes.scan(reverse=True)] == ["k2", "k1"]
    Note.delete("k1")
    assert Notes.get_id("k1").title == "notes"
    db.close()


def case_bad_input_leaves_store_usable(env):
    Note, _, User = models()
    db = env.open(max_value=2000)
    db.create_table(Note)
    db.create_table(User)
    good = Note.create(title="ok")
    raises(BadInput, Note.create, colour="red")
    raises(BadInput, User.create, name=5)
    raises(BadInput, User.create, name=b"bytes")
    raises(BadInput, User.create, name="")
    raises(BadInput, User.create, name="x" * 65)
    raises(BadInput, Note.get_id, 42)
    raises(BadInput, Note.create, body="x" * 3000)
    raises(BadInput, Note.update, good, body="x" * 3000)
    raises(BadInput, Note.create, body=object())
    assert Note.count() == 1 and User.count() == 0
    assert Note.get_id(good).body == ""
    assert Note.create(title="still works")
    assert Note.count() == 2
    db.close()


def case_missing_table(env):
    Note, Notes, _ = models()
    db = env.open()
    db.create_table(Note)
    Notes.__db__ = db
    raises(NoTable, Notes.create, title="x")
    raises(NoTable, Notes.get_id, "x")
    raises(NoTable, db.table, Notes)

    class Orphan(Model):
        __table__ = "orphan"
    raises(NoTable, Orphan.create)

    class Evil(Model):
        __table__ = 'x"; DROP TABLE note; --'
    raises(BadInput, db.create_table, Evil)
    assert Note.create(title="fine")
    db.close()


def case_rows_survive_added_fields(env):

    class V1(Model):
        __table__ = "doc"
        __fields__ = {"title": ""}
    db = env.open()
    db.create_table(V1)
    key = V1.create(title="old")
    db.close()

    class V2(Model):
        __table__ = "doc"
        __fields__ = {"title": "", "tags": list, "stars": 0}
    db = env.open()
    db.create_table(V2)
    row = V2.get_id(key)
    assert row == {"id": key, "title": "old", "tags": [], "stars": 0}, row
    V2.update(key, stars=3)
    assert V2.get_id(key).stars == 3
    db.close()


def case_persists_across_reopen(env):
    _, _, User = models()
    db = env.open()
    db.create_table(User)
    _users(User, ["p1", "p2", "p3"])
    User.delete("p2")
    User.update("p3", email="e")
    db.close()
    _, _, User = models()
    db = env.open()
    db.create_table(User)
    assert [(r.name, r.email) for r in User.scan()] == [("p1", None), ("p3", "e")]
    db.close()


def case_json_values_roundtrip(env):
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    body = {"n": -7, "f": 1.5, "t": True, "none": None, "list": [1, "two", [3]], "s": "h\u00e9llo \u263a \"q\" \\"}
    key = Note.create(title="\u00fcnicode", body=body)
    row = Note.get_id(key)
    assert row.body == body and row.title == "\u00fcnicode"
    db.close()


def case_awkward_keys(env):
    _, _, User = models()
    db = env.open()
    db.create_table(User)
    awkward = ["a:b", "a b", "A", "a", "a.", "..", "x/y", "%41", "caf\u00e9", "trail ", "CON", "q?*<>|\"\\"]
    for k in awkward:
        User.create(name=k, email=k)
    for k in awkward:
        assert User.get_id(k).email == k
    assert [r.name for r in User.scan()] == sorted(awkward)
    assert User.count() == len(awkward)
    db.close()


def case_context_manager_and_table_handle(env):
    Note, _, _ = models()
    with env.open() as db:
        notes = db.create_table(Note)
        key = notes.create(title="t")
        assert db.table(Note).get(key).title == "t"
        assert [r.id for r in notes.scan()] == [key]
    raises(NoTable, Note.create)


def case_writes_refuse_a_missing_where(env):
    # Issue 18: delete(None) used to empty the table, update(None, ...) to rewrite it.
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    keys = [Note.create(title="t%d" % i) for i in range(3)]
    for bad in (None, {}, 5, 1.5, ["a"], True, {"id": None}):
        raises(BadInput, Note.delete, bad)
        raises(BadInput, Note.update, bad, title="x")
        raises(BadInput, db.table(Note).delete, bad)
    assert [r.title for r in Note.scan()] == ["t0", "t1", "t2"]
    assert Note.update_all(archived=True) == 3
    assert Note.count({"archived": True}) == 3
    assert Note.delete_all() == 3
    assert Note.count() == 0
    raises(NotFound, Note.get_id, keys[0])
    db.close()


def case_max_value_counts_utf8_bytes(env):
    Note, _, _ = models()
    db = env.open()
    db.create_table(Note)
    e = raises(BadInput, Note.create, body="\u00e9" * 9000)   # 18,000 bytes in 9,000 characters
    assert "16384" in str(e), str(e)
    key = Note.create(body="\u00e9" * 8000)                   # 16,000 bytes: fits
    raises(BadInput, Note.update, key, body="\u263a" * 5500)  # 16,500 bytes in 5,500 characters
    assert Note.get_id(key).body == "\u00e9" * 8000
    assert Note.create(body="x" * 16000)
    raises(BadInput, Note.create, body="x" * 16384)
    assert Note.count() == 2
    db.close()


def case_fields_named_like_parameters(env):
    class Odd(Model):
        __table__ = "odd"
        __fields__ = {"where": "", "self": 0, "cls": None, "fields": list}
    db = env.open()
    db.create_table(Odd)
    key = Odd.create(where="here", self=1, cls="c", fields=[1])
    assert Odd.get_id(key) == {"id": key, "where": "here", "self": 1, "cls": "c", "fields": [1]}
    assert Odd.update(key, where="there", self=2) == 1
    assert Odd.update({"where": "there"}, cls="d") == 1
    table = db.table(Odd)
    other = table.create(where="w", self=3)
    assert table.update(other, self=4, where="v") == 1
    assert (Odd.get_id(other).self, Odd.get_id(other).where) == (4, "v")
    assert Odd.update_all(cls="all") == 2
    assert [r.cls for r in Odd.scan()] == ["all", "all"]
    db.close()


def case_tables_differing_only_in_case(env):
    class Upper(Model):
        __table__ = "Note"
        __fields__ = {"title": ""}

    class Lower(Model):
        __table__ = "note"
        __fields__ = {"title": ""}
    db = env.open()
    db.create_table(Upper)
    db.create_table(Lower)
    Upper.create(id="k", title="upper")
    Lower.create(id="k", title="lower")
    Lower.create(id="only-lower")
    assert Upper.get_id("k").title == "upper" and Lower.get_id("k").title == "lower"
    assert (Upper.count(), Lower.count()) == (1, 2)
    if env.backend == "filedb":
        # On FAT or any case-insensitive file system two names that differ only
        # in case are one folder, so the stored names must differ in more than case.
        names = [n for n in os.listdir(env.path)]
        lowered = [n.lower() for n in names]
        assert len(names) == 2 and len(set(lowered)) == 2, names
    Lower.delete_all()
    assert Upper.get_id("k").title == "upper"
    db.close()


# Cases about reopening a store; the in-memory backend has nothing to reopen,
# so they are not run against it (rather than run and skipped).
PERSISTENT_ONLY = ("case_generated_keys_continue_after_reopen", "case_rows_survive_added_fields",
                   "case_persists_across_reopen")


def cases_for(backend):
    return [c for c in CASES if backend != "memory" or c.__name__ not in PERSISTENT_ONLY]


CASES = [
    case_create_get_defaults,
    case_default_factory_is_fresh,
    case_get_missing_is_notfound,
    case_caller_key_and_conflict,
    case_generated_keys_unique_and_ordered,
    case_generated_keys_continue_after_reopen,
    case_update,
    case_delete,
    case_scan_order_bounds_limit,
    case_scan_many_rows_streams_in_order,
    case_two_scans_interleaved,
    case_writes_during_scan,
    case_select_and_count,
    case_tables_have_own_keyspace,
    case_bad_input_leaves_store_usable,
    case_missing_table,
    case_rows_survive_added_fields,
    case_persists_across_reopen,
    case_json_values_roundtrip,
    case_awkward_keys,
    case_context_manager_and_table_handle,
    case_writes_refuse_a_missing_where,
    case_max_value_counts_utf8_bytes,
    case_fields_named_like_parameters,
    case_tables_differing_only_in_case,
]
