"""uorm's API (SQLite models as SQL) on CPython's sqlite3, committing every write.

    from picoweb_db import uorm                  # was: import uorm

    db = uorm.DB("notes.sqlite")

    class Note(uorm.Model):
        __db__ = db
        __table__ = "note"
        __pkey__ = "timestamp"
        __schema__ = '''CREATE TABLE note(
            timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP PRIMARY KEY,
            archived INT NOT NULL DEFAULT 0, content TEXT NOT NULL)'''

    db.connect(); Note.create_table(True)
    key = Note.create(content="hi")
    Note.update({"timestamp": key}, archived=1)   # where: int, dict or SQL text
    for row in Note.select({"archived": 0}):      # Rows: row[2] == row.content
        ...
    Note.execute("SELECT * FROM note WHERE archived=%s ORDER BY timestamp", (0,))

Differences from uorm, each a fix: every write is committed before it returns
(uorm never committed on CPython, so writes vanished at close); values always
travel as parameters and names in a dict `where` or in fields must be plain
identifiers; `%s` placeholders (uorm's) are read as `?`; an int `where` means
the primary key (uorm said `id`); update() and delete() refuse None and `{}`
rather than touching every row (pass the SQL text "1" to mean every row);
a primary key declared `DEFAULT CURRENT_TIMESTAMP` and not given is filled by
now(), with microseconds, so two rows in one second do not collide; WAL with a
busy timeout, so several server processes can share the file; nothing printed.
"""
import re

try:
    import sqlite3
except ImportError:
    raise ImportError("picoweb_db.uorm needs sqlite3 (CPython); on a board use "
                      "picoweb_db.filedb or picoweb_db.btreedb")

from .clock import now
from .errors import BadInput
from .model import check_name
from ._kvsqlite import BUSY_TIMEOUT, connect_wal

__all__ = ("DB", "Model", "ResultSet", "now")


class DB:
    Error = sqlite3.Error

    def __init__(self, name, synchronous="FULL", busy_timeout=BUSY_TIMEOUT):
        if synchronous not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError("synchronous must be FULL, NORMAL or EXTRA")
        self.name = name
        self.synchronous = synchronous
        self.busy_timeout = busy_timeout
        self.conn = None

    def connect(self):
        if self.conn is None:
            # Autocommit: each statement is committed (and synced) when it returns.
            self.conn = connect_wal(self.name, float(self.busy_timeout))
            self.conn.execute("PRAGMA synchronous=" + self.synchronous)
        return self

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


_row_types = {}


def _row_type(names):
    rt = _row_types.get(names)
    if rt is None:
        from collections import namedtuple
        rt = namedtuple("Row", names, rename=True)
        if len(_row_types) < 64:
            _row_types[names] = rt
    return rt


class ResultSet:
    """The rows of one query, read one at a time; each is a Row namedtuple
    (`row[0]`, `row.content`)."""

    def __init__(self, cursor):
        self.c = cursor
        desc = cursor.description
        self._row = _row_type(tuple(d[0] for d in desc)) if desc else None

    def __iter__(self):
        return self

    def __next__(self):
        row = self.c.fetchone()
        if row is None:
            self.c.close()
            raise StopIteration
        return self._row(*row)

    def fetchall(self):
        return list(self)

    @property
    def rowcount(self):
        return self.c.rowcount


def _qmarks(sql):
    # uorm wrote %s placeholders (Pycopy's sqlite3); sqlite3 wants ?. Quoted
    # text and identifiers are left alone.
    if "%s" not in sql:
        return sql
    out = []
    quote = None
    i = 0
    n = len(sql)
    while i < n:
        c = sql[i]
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "%" and sql[i + 1:i + 2] == "s":
            out.append("?")
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _name(name):
    # Checked, then quoted: a column may be called `where` or `order`.
    return '"%s"' % check_name(name, "column name")


def _table(cls):
    return '"%s"' % check_name(cls.__table__, "table name")


class Model:
    """A table declared by `__schema__` (its CREATE TABLE statement)."""
    __db__ = None
    __table__ = None
    __pkey__ = "id"
    __schema__ = None

    @classmethod
    def _conn(cls):
        db = cls.__db__
        if db is None:
            raise RuntimeError("model %s has no __db__" % cls.__name__)
        if db.conn is None:
            db.connect()
        return db.conn

    @classmethod
    def create_table(cls, fail_silently=False):
        """Run __schema__; an existing table is an error unless fail_silently."""
        try:
            cls._conn().execute(cls.__schema__)
        except sqlite3.Error:
            if not fail_silently:
                raise

    @classmethod
    def execute(cls, sql, args=()):
        """Run sql with args (`?` or uorm's `%s` placeholders); a ResultSet."""
        args = tuple(args)
        return ResultSet(cls._conn().execute(_qmarks(sql) if args else sql, args))

    @classmethod
    def render_where(cls, where, write=False):
        """(sql, args) for where: None (every row; refused for writes), an int
        (the primary key), a dict of column values, or SQL text."""
        if where is None or (isinstance(where, dict) and not where):
            if write:
                raise BadInput("no row given (%r): pass a key, a dict of column values or SQL "
                               "text; the text \"1\" means every row" % (where,))
            return "1", ()
        if isinstance(where, bool):
            raise BadInput("where must be None, an int, a dict or SQL text, not a bool")
        if isinstance(where, int):
            return "%s=?" % _name(cls.__pkey__), (where,)
        if isinstance(where, dict):
            keys = []
            vals = []
            for k in where:
                keys.append("%s=?" % _name(k))
                vals.append(where[k])
            return " AND ".join(keys), tuple(vals)
        if isinstance(where, str):
            return where, ()
        raise BadInput("where must be None, an int, a dict or SQL text, not %r" % (where,))

    @classmethod
    def _fills_timestamp_key(cls):
        flag = cls.__dict__.get("_now_key")
        if flag is None:
            pattern = r"\b%s\s+\w+[^,]*?\bDEFAULT\s+CURRENT_TIMESTAMP\b" % re.escape(cls.__pkey__)
            flag = bool(re.search(pattern, cls.__schema__ or "", re.I))
            cls._now_key = flag
        return flag

    @classmethod
    def create(*args, **fields):
        """Insert a row; returns its primary key (rowid for `id`)."""
        if len(args) != 1:
            raise TypeError("create() takes fields as keyword arguments only")
        cls = args[0]
        conn = cls._conn()
        table = _table(cls)
        generated = cls.__pkey__ not in fields and cls._fills_timestamp_key()
        for _ in range(8):
            if generated:
                fields[cls.__pkey__] = now()
            names = [_name(k) for k in fields]
            if names:
                sql = "INSERT INTO %s(%s) VALUES(%s)" % (table, ", ".join(names),
                                                        ", ".join(["?"] * len(names)))
            else:
                sql = "INSERT INTO %s DEFAULT VALUES" % table
            try:
                c = conn.execute(sql, tuple(fields.values()))
            except sqlite3.IntegrityError:
                if generated:
                    continue  # another process took that microsecond
                raise
            rowid = c.lastrowid
            c.close()
            if cls.__pkey__ == "id":
                return rowid
            if cls.__pkey__ in fields:
                return fields[cls.__pkey__]
            return list(cls.execute("SELECT %s FROM %s WHERE rowid=?" % (_name(cls.__pkey__), table),
                                    (rowid,)))[0][0]
        raise sqlite3.IntegrityError("could not find a free key in %s" % table)

    @classmethod
    def update(*args, **fields):
        """update(where, **fields): returns the number of rows changed."""
        if len(args) != 2:
            raise TypeError("update() takes where, then fields as keyword arguments")
        cls, where = args
        if not fields:
            raise BadInput("update() needs at least one field")
        wh_sql, wh_vals = cls.render_where(where, write=True)
        sets = ", ".join(["%s=?" % _name(k) for k in fields])
        sql = "UPDATE %s SET %s WHERE %s" % (_table(cls), sets, wh_sql)
        c = cls._conn().execute(sql, tuple(fields.values()) + tuple(wh_vals))
        n = c.rowcount
        c.close()
        return n

    @classmethod
    def delete(cls, where):
        """Delete the rows matching where; returns how many."""
        wh_sql, wh_vals = cls.render_where(where, write=True)
        sql = "DELETE FROM %s WHERE %s" % (_table(cls), wh_sql)
        c = cls._conn().execute(sql, tuple(wh_vals))
        n = c.rowcount
        c.close()
        return n

    @classmethod
    def select(cls, where=None):
        """The rows matching where, as a ResultSet."""
        wh_sql, wh_vals = cls.render_where(where)
        return cls.execute("SELECT * FROM %s WHERE %s" % (_table(cls),
                                                         wh_sql), wh_vals)

    @classmethod
    def get_id(cls, pkey):
        """A ResultSet with the row whose primary key is pkey (empty if none)."""
        return cls.execute("SELECT * FROM %s WHERE %s=?" % (_table(cls),
                                                           _name(cls.__pkey__)), (pkey,))
