"""Pure-function cases of examples/notes, run by pytest on CPython and inside
the micropython binary (test_notes_units.py): settings, content rules, JSON."""
import json
import os

from examples.notes import compat, config, store
from examples.notes.json_surrogates import join_surrogates


def _raises(exc, func, *args, **kw):
    try:
        func(*args, **kw)
    except exc as e:
        return e
    raise AssertionError("%s not raised by %r%r" % (exc.__name__, func, args))


def _setenv(name, value):
    if hasattr(os, "environ"):
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    elif value is None:
        os.unsetenv(name)
    else:
        os.putenv(name, value)


def case_settings_defaults():
    s = config.Settings.parse([])
    assert (s.host, s.port, s.data, s.login, s.templates) == ("127.0.0.1", 8081, "notes-data",
                                                              False, "source")
    assert s.storage == ("btree" if compat.has_btree() else "filedb")


def case_settings_from_words():
    s = config.Settings.parse(["--port", "9000", "--storage", "filedb", "--data", "d/x",
                               "--templates=compiled", "--debug", "-1", "--host", "0.0.0.0"])
    assert (s.port, s.storage, s.data, s.templates, s.debug, s.host) == (
        9000, "filedb", "d/x", "compiled", -1, "0.0.0.0")


def case_settings_from_environment_under_words():
    _setenv("NOTES_PORT", "9100")
    _setenv("NOTES_STORAGE", "filedb")
    try:
        s = config.Settings.parse([])
        assert (s.port, s.storage) == (9100, "filedb")
        assert config.Settings.parse(["--port", "9200"]).port == 9200
    finally:
        _setenv("NOTES_PORT", None)
        _setenv("NOTES_STORAGE", None)
    assert config.Settings.parse([]).port == 8081


def case_settings_refuse_bad_words():
    for argv in (["--bogus"], ["--port"], ["--port", "x"], ["--port", "70000"],
                 ["--storage", "mongo"], ["--templates", "jinja"], ["--data", ""], ["stray"]):
        _raises(ValueError, config.Settings.parse, argv)
    e = _raises(ValueError, config.Settings.parse, ["--storage", "memory"])
    assert "btree, filedb or sqlite" in str(e) or "btree, filedb, sqlite" in str(e)


def case_storage_the_runtime_lacks_is_named():
    if not compat.has_sqlite():
        e = _raises(ValueError, config.Settings.parse, ["--storage", "sqlite"])
        assert "filedb" in str(e)
    if not compat.has_btree():
        e = _raises(ValueError, config.Settings.parse, ["--storage", "btree"])
        assert "btree module" in str(e)


def case_content_rules():
    for empty in ("", " ", "\n\t \r\n"):
        e = _raises(store.NoteError, store.clean, empty)
        assert e.status == 400 and "empty" in e.message
    _raises(store.NoteError, store.clean, None)
    _raises(store.NoteError, store.clean, 5)
    assert store.clean("a\r\nb\rc\n") == "a\nb\rc\n"
    assert store.clean("\u00e9" * store.MAX_CONTENT) == "\u00e9" * store.MAX_CONTENT
    e = _raises(store.NoteError, store.clean, "x" * (store.MAX_CONTENT + 1))
    assert "limit is %d" % store.MAX_CONTENT in e.message


def case_unknown_keys_are_none_without_a_store():
    # Keys that are not 16 digits never reach the store.
    for key in ("", "abc", "123", "../etc/passwd", "12345678901234567", None, 12):
        assert store.get(key) is None


def case_surrogates_are_not_text():
    assert compat.is_unicode_text("caf\u00e9 \U0001F600 \ud7ff \ue000 \xed")
    bad = b"a\xed\xa0\x80".decode("utf-8", "surrogatepass") if not compat.MICROPYTHON else \
        b"a\xed\xa0\x80".decode("utf-8")
    assert not compat.is_unicode_text(bad)
    e = _raises(store.NoteError, store.clean, bad)
    assert "Unicode" in e.message


def case_dumps_is_valid_json():
    value = {"content": "q\" b\\ t\t n\n c\x01\x1f \u00e9\u20ac\U0001F600"}
    text = compat.dumps(value)
    for ch in text:
        assert ord(ch) >= 32, "raw control character in %r" % text
    assert json.loads(text) == value


def case_join_surrogates():
    assert join_surrogates('"\\ud83d\\ude00!"') == '"\U0001F600!"'
    assert join_surrogates('"\\uD83D\\uDE00"') == '"\U0001F600"'
    assert join_surrogates('"a\\\\ud83d"') == '"a\\\\ud83d"'  # an escaped backslash, then text
    assert join_surrogates('"\\u00e9 \\" \\n"') == '"\\u00e9 \\" \\n"'
    for lone in ('"\\ud83d"', '"\\ude00"', '"\\ud83d\\u0041"'):
        _raises(ValueError, join_surrogates, lone)


def case_loads_joins_pairs_from_cpython_json():
    text = json.dumps({"content": "\U0001F600 caf\u00e9"})  # ensure_ascii: surrogate escapes
    assert compat.loads(text.encode()) == {"content": "\U0001F600 caf\u00e9"}
