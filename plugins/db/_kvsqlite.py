"""MicroPython's `btree` API on CPython, kept by the stdlib's sqlite3.

Strategy: one `WITHOUT ROWID` table of (key BLOB PRIMARY KEY, value BLOB) is an
ordered B-tree, which is what btree is. Writes gather in a transaction that
flush() commits, mirroring btree's "cached until flushed". Iteration follows
btree's rules (start inclusive, end exclusive unless INCL; with DESC the walk
begins at the first key >= start) so the btree backend meets the same quirks
on both runtimes. CPython only.
"""
import sqlite3

INCL = 1
DESC = 2
_BATCH = 64


BUSY_TIMEOUT = 10.0  # seconds a write waits for another process's transaction


def busy_seconds(options):
    value = options.get("busy_timeout", BUSY_TIMEOUT)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        raise ValueError("busy_timeout must be a number of seconds >= 0")
    return float(value)


def connect_wal(path, busy_timeout):
    """A sqlite3 connection to path in WAL mode, autocommit, with a busy timeout.

    Switching a new file to WAL needs a lock that SQLite does not wait for
    (the busy handler is skipped), so workers opening one new file together
    would fail with "database is locked"; the switch is retried until the
    timeout instead, and skipped when the file is already in WAL mode.
    """
    import time
    con = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout)
    deadline = time.time() + busy_timeout
    while True:
        try:
            if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                con.execute("PRAGMA journal_mode=WAL")
            return con
        except sqlite3.OperationalError:
            if time.time() >= deadline:
                con.close()
                raise
            time.sleep(0.01)


def open(path, synchronous="FULL", busy_timeout=BUSY_TIMEOUT):
    """Open (creating if needed) the key-value file at path.

        db = open("data.db"); db[b"k"] = b"v"; db.flush()
    """
    return KV(path, synchronous, busy_timeout)


def _b(value):
    # MicroPython's btree takes str as well as bytes (both are buffers).
    return value.encode() if isinstance(value, str) else bytes(value)


class KV:
    def __init__(self, path, synchronous, busy_timeout=BUSY_TIMEOUT):
        if synchronous not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError("synchronous must be FULL, NORMAL or EXTRA")
        # isolation_level=None: transactions are opened and committed explicitly.
        self._con = connect_wal(path, busy_seconds({"busy_timeout": busy_timeout}))
        self._con.execute("PRAGMA synchronous=" + synchronous)
        self._con.execute("CREATE TABLE IF NOT EXISTS kv "
                          "(k BLOB PRIMARY KEY NOT NULL, v BLOB NOT NULL) WITHOUT ROWID")

    def _write(self, sql, args):
        if not self._con.in_transaction:
            # IMMEDIATE takes the write lock now, waiting (busy timeout) for
            # another process; a deferred BEGIN could fail later, mid-batch.
            self._con.execute("BEGIN IMMEDIATE")
        return self._con.execute(sql, args)

    def get(self, key, default=None):
        row = self._con.execute("SELECT v FROM kv WHERE k=?", (_b(key),)).fetchone()
        return default if row is None else row[0]

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key, value):
        self._write("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)", (_b(key), _b(value)))

    put = __setitem__

    def __delitem__(self, key):
        if self._write("DELETE FROM kv WHERE k=?", (_b(key),)).rowcount == 0:
            raise KeyError(key)

    def __contains__(self, key):
        return self.get(key) is not None

    def __iter__(self):
        return self.keys()

    def keys(self, start=None, end=None, flags=0):
        for k, _ in self._walk(start, end, flags):
            yield k

    def values(self, start=None, end=None, flags=0):
        for _, v in self._walk(start, end, flags):
            yield v

    def items(self, start=None, end=None, flags=0):
        return self._walk(start, end, flags)

    def _walk(self, start, end, flags):
        desc = flags & DESC
        if start is None:
            first = None
        else:
            first = self._con.execute("SELECT k, v FROM kv WHERE k>=? ORDER BY k LIMIT 1",
                                      (_b(start),)).fetchone()
            if first is None:
                return
        if desc:
            page = "SELECT k, v FROM kv WHERE k<? ORDER BY k DESC LIMIT ?"
            top = "SELECT k, v FROM kv ORDER BY k DESC LIMIT ?"
        else:
            page = "SELECT k, v FROM kv WHERE k>? ORDER BY k LIMIT ?"
            top = "SELECT k, v FROM kv ORDER BY k LIMIT ?"
        if first is None:
            rows = self._con.execute(top, (_BATCH,)).fetchall()
        else:
            rows = [first]
        while rows:
            for k, v in rows:
                if end is not None and self._past(k, _b(end), desc, flags & INCL):
                    return
                yield k, v
            if len(rows) < _BATCH and rows[0] is not first:
                return
            rows = self._con.execute(page, (rows[-1][0], _BATCH)).fetchall()

    @staticmethod
    def _past(key, end, desc, incl):
        if key == end:
            return not incl
        return (key < end) if desc else (key > end)

    def flush(self):
        if self._con.in_transaction:
            self._con.execute("COMMIT")

    def close(self):
        self.flush()
        self._con.close()
