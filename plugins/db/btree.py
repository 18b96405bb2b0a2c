"""MicroPython's `btree` module, on every runtime.

On firmware with `btree` these are its own functions; on CPython the same API
is kept by sqlite3 (an ordered `WITHOUT ROWID` table: see _kvsqlite), which is
also what the btree backend stores into there:

    from picoweb_db import btree          # was: import btree
    f = open("data.db", "r+b")
    db = btree.open(f)
    db[b"k"] = b"v"; db.flush()
    for v in db.values(None, None, btree.DESC): ...
    db.close(); f.close()

Writes are cached until flush() (a commit on CPython) and close().
"""
from . import _compat

_mod = _compat.btree_module()
DESC = _mod.DESC
INCL = _mod.INCL

if _compat.MICROPYTHON:
    open = _mod.open
else:
    _SQLITE = b"SQLite format 3\x00"

    def open(stream, flags=0, pagesize=0, cachesize=0, minkeypage=0):
        """The btree kept in stream's file (opened "r+b" or "w+b"); the tuning
        arguments of Berkeley DB are accepted and have no effect here."""
        path = getattr(stream, "name", None)
        if not isinstance(path, str):
            raise ValueError("btree.open() on CPython needs a file opened by path, not %r" % (stream,))
        stream.seek(0)
        head = stream.read(16)
        if head and head != _SQLITE:
            raise ValueError("%s is not a picoweb_db btree file (a board's Berkeley DB file "
                             "cannot be read on CPython)" % path)
        return _mod.open(path)
