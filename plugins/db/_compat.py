"""Every CPython / MicroPython difference the db plugin meets, resolved once at import.

The rest of the plugin calls these helpers and never asks which runtime it is on.
"""
import json
import os
import sys
import time

MICROPYTHON = sys.implementation.name == "micropython"

_SCALARS = (str, int, float, bool, type(None))


def _check_json(value, depth):
    # MicroPython's json.dumps writes repr() of unknown objects instead of
    # failing, which would store text that can never be read back.
    if depth > 32:
        raise ValueError("value nested too deeply")
    if isinstance(value, _SCALARS):
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            _check_json(item, depth + 1)
    elif isinstance(value, dict):
        for k in value:
            if not isinstance(k, str):
                raise TypeError("JSON object keys must be str")
            _check_json(value[k], depth + 1)
    else:
        raise TypeError("%s is not a JSON type" % type(value).__name__)


if MICROPYTHON:
    def dumps(obj):
        _check_json(obj, 0)
        return json.dumps(obj)
else:
    def dumps(obj):
        # Compact separators: rows are smaller on disk and match MicroPython's output size.
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)

loads = json.loads

if hasattr(time, "time_ns"):
    def now_us():
        return time.time_ns() // 1000
else:  # pragma: no cover - old boards; one-second clock, the key counter keeps order
    def now_us():
        return int(time.time()) * 1000000

# Broken-down UTC time; MicroPython ports without gmtime keep UTC in localtime.
utc = getattr(time, "gmtime", None) or time.localtime


def join(folder, name):
    return folder + "/" + name


def exists(path):
    try:
        os.stat(path)
        return True
    except OSError:
        return False


def makedir(path):
    """Create one folder level; an existing folder is fine."""
    try:
        os.mkdir(path)
    except OSError:
        if not exists(path):
            raise


if hasattr(os, "ilistdir"):
    def names(folder):
        # ilistdir streams entries; listdir would build the whole list in RAM.
        for entry in os.ilistdir(folder):
            yield entry[0]
else:
    def names(folder):
        with os.scandir(folder) as it:
            for entry in it:
                yield entry.name


if hasattr(os, "fsync"):
    def sync_file(f):
        f.flush()
        os.fsync(f.fileno())

    def sync_dir(folder):
        # A rename is only durable once the folder entry itself is on disk (POSIX).
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
elif hasattr(os, "sync"):
    def sync_file(f):
        f.flush()
        os.sync()

    def sync_dir(folder):
        os.sync()
else:
    # MicroPython's unix port: writes go straight to the kernel, which keeps them
    # across a killed process; there is nothing more to ask for.
    def sync_file(f):
        f.flush()

    def sync_dir(folder):
        pass


def replace(src, dst):
    """Rename src over dst. FAT refuses to rename onto an existing name, so there
    the old file is removed first; filedb's recovery handles a crash in between."""
    try:
        os.rename(src, dst)
    except OSError:
        if not exists(dst):
            raise
        os.remove(dst)
        os.rename(src, dst)


def btree_module():
    """MicroPython's `btree` where the firmware has it; on CPython the same API
    kept by sqlite3 (see _kvsqlite), so one backend module serves both."""
    if MICROPYTHON:
        try:
            import btree
        except ImportError:
            raise ImportError("btree needs firmware built with the btree module; "
                              "use filedb (backend='filedb') on this board")
        return btree
    from . import _kvsqlite
    return _kvsqlite


def open_btree(path, options=None):
    """(module, db, stream) speaking MicroPython's btree API for the file at path."""
    mod = btree_module()
    if MICROPYTHON:
        try:
            f = open(path, "r+b")
        except OSError:
            f = open(path, "w+b")
        return mod, mod.open(f, **(options or {})), f
    return mod, mod.open(path), None
