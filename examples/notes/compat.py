# Every CPython / MicroPython difference the notes app meets, resolved at import.
import json
import os
import sys
import time

MICROPYTHON = sys.implementation.name == "micropython"

if MICROPYTHON:
    dumps = json.dumps  # escapes control characters, keeps other text as UTF-8

    def loads(data):
        # MicroPython's json.loads turns each "\\ud83d" of a surrogate pair into
        # its own (invalid) character; CPython's json.dumps sends every emoji so.
        text = data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else data
        if "\\ud" in text or "\\uD" in text:
            from .json_surrogates import join_surrogates
            text = join_surrogates(text)
        return json.loads(text)
else:
    def dumps(obj):
        return json.dumps(obj, ensure_ascii=False)

    def loads(data):
        return json.loads(data)


def is_unicode_text(text):
    """False when `text` holds a surrogate code point, which no UTF-8 text can:
    CPython then fails to encode it (a JSON "\\ud800" escape); MicroPython
    decodes such bytes (ED A0..BF ..) without complaint, and would send them on."""
    try:
        data = text.encode("utf-8")
    except UnicodeError:
        return False
    i = data.find(b"\xed")
    while i >= 0:
        if i + 1 < len(data) and 0xA0 <= data[i + 1] <= 0xBF:
            return False
        i = data.find(b"\xed", i + 1)
    return True


def has_btree():
    """True where the btree backend can run: CPython (over sqlite3) or firmware
    built with MicroPython's btree module."""
    if not MICROPYTHON:
        return True
    try:
        import btree  # noqa: F401
        return True
    except ImportError:
        return False


def has_sqlite():
    try:
        import sqlite3  # noqa: F401
        return True
    except ImportError:
        return False


def makedirs(path):
    # No os.makedirs on MicroPython; a data folder is rarely more than two deep.
    parts = path.split("/")
    cur = ""
    for i, part in enumerate(parts):
        cur = part if i == 0 else cur + "/" + part
        if not cur:
            continue
        try:
            os.mkdir(cur)
        except OSError:
            pass
    os.stat(path)  # OSError here if the folder could not be made


def getenv(name, default=None):
    try:
        return os.environ.get(name, default)
    except AttributeError:  # MicroPython: os.getenv only (unix), or nothing (boards)
        get = getattr(os, "getenv", None)
        value = get(name) if get else None
        return default if value is None else value


def now():
    return int(time.time())
