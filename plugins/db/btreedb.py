"""pycopy-btreedb's API (`import btreedb as uorm`), durable, with unique keys.

    from picoweb_db import btreedb as uorm       # was: import btreedb as uorm
    from picoweb_db import btree                 # was: import btree

    db = uorm.DB("notes.db")

    class Note(uorm.Model):
        __db__ = db
        __table__ = "note"
        __schema__ = OrderedDict([("timestamp", ("TIMESTAMP", uorm.now)),
                                  ("archived", ("INT", 0)), ("content", ("TEXT", ""))])

    db.connect(); Note.create_table(True)
    key = Note.create(content="hi")              # the key: now(), unique per call
    Note.get_id(key)[0].content                  # a list with one Row (namedtuple)
    Note.update({"timestamp": key}, archived=1)
    for v in db.db.values(None, None, btree.DESC): Note.Row(*json.loads(v))

The file layout is btreedb's: the key is the primary key, the value a JSON list
of the row in schema order, so `db.db` reads as apps expect and a board's
existing btreedb file opens unchanged. Unlike btreedb: every write is flushed
and synced before it returns; create() never overwrites a row (a generated key
is drawn again, a given one raises Conflict); update/delete take only
`{pkey: key}`; one table per DB (all rows share the file's one keyspace, so a
second table would read the first one's rows: BadInput).
"""
from . import _compat, _schema
from .clock import now
from .errors import BadInput, Conflict, NotFound, NoTable
from .model import encode_json
from ._backend import BATCH

__all__ = ("DB", "Model", "now")


class DB:
    """A btree file; `db.db` is the btree object once connected."""
    max_value = 16384  # bytes of JSON per row, as picoweb_db.DB

    def __init__(self, name, **options):
        self.name = name
        self.options = options
        self.db = None
        self._stream = None
        self._table = None

    def connect(self):
        if self.db is None:
            _, self.db, self._stream = _compat.open_btree(self.name, self.options)
        return self

    def close(self):
        if self.db is not None:
            self.db.close()
            if self._stream is not None:
                self._stream.close()
            self.db = self._stream = None

    def commit(self):
        """Flush btree's cache and sync the file (done after every write)."""
        self.db.flush()
        if self._stream is not None:
            _compat.sync_file(self._stream)

    def _claim(self, table):
        if self._table is not None and self._table != table:
            raise BadInput("%s already holds table %s: btreedb keeps one table per file, "
                           "give %s its own DB" % (self.name, self._table, table))
        self._table = table


class Model:
    """A table of rows declared by `__schema__`; see the module docstring."""
    __db__ = None
    __table__ = None
    __schema__ = None
    __fields__ = None
    Row = None
    _defaults = None

    @classmethod
    def _btree(cls):
        db = cls.__db__
        if db is None or db.db is None:
            raise NoTable("%s: set __db__ and call its connect() first" % cls.__name__)
        _schema.need_bound(cls)
        db._claim(cls.__table__)
        return db.db

    @classmethod
    def create_table(cls, fail_silently=False):
        """Parse the schema and build Row; the btree needs no table of its own."""
        _schema.bind(cls)
        if cls.__db__ is not None:
            cls.__db__._claim(cls.__table__)

    @classmethod
    def create(*args, **fields):
        """Store a new row; returns its primary key."""
        cls = _schema.only_cls(args, "create")
        bt = cls._btree()
        values, generated = _schema.values_for(cls, fields)
        for _ in range(8):
            key = _schema.check_key(values[0])
            data = encode_json(values, cls.__db__.max_value).encode()
            if key.encode() not in bt:
                bt[key.encode()] = data
                cls.__db__.commit()
                return key
            if not generated:
                raise Conflict("key %r already exists in %s" % (key, cls.__table__))
            values[0] = _schema.default_of(cls, 0)
        raise Conflict("could not find a free key in %s" % cls.__table__)

    @classmethod
    def get_id(cls, pkey):
        """[Row] for pkey; NotFound (a KeyError) if there is none."""
        data = cls._btree().get(_schema.check_key(pkey).encode())
        if data is None:
            raise NotFound("no %s with key %r" % (cls.__table__, pkey))
        return [_schema.row_of(cls, _compat.loads(data))]

    @classmethod
    def update(*args, **fields):
        """update({pkey: key}, **fields); NotFound if the row is missing."""
        if len(args) != 2:
            raise TypeError("update() takes where, then fields as keyword arguments")
        cls, where = args
        bt = cls._btree()
        key = _schema.key_of(cls, where)
        names = cls.__fields__
        for name in fields:
            if name not in names:
                raise BadInput("unknown field %r for table %s" % (name, cls.__table__))
        if names[0] in fields:
            raise BadInput("the key field %r cannot be updated" % names[0])
        row = list(cls.get_id(key)[0])
        for i in range(len(names)):
            if names[i] in fields:
                row[i] = fields[names[i]]
        bt[key.encode()] = encode_json(row, cls.__db__.max_value).encode()
        cls.__db__.commit()
        return 1

    @classmethod
    def delete(cls, where):
        """delete({pkey: key}); NotFound if the row is missing."""
        bt = cls._btree()
        key = _schema.key_of(cls, where)
        try:
            del bt[key.encode()]
        except KeyError:
            raise NotFound("no %s with key %r" % (cls.__table__, key))
        cls.__db__.commit()
        return 1

    @classmethod
    def scan(cls, reverse=False):
        """Rows in key order (oldest first for now() keys; newest with reverse).
        Read in batches, re-seeking after each, because btree has one cursor
        per file and two requests may scan at once."""
        bt = cls._btree()
        desc = _compat.btree_module().DESC
        after = None
        while True:
            batch = _batch(bt, after, desc if reverse else 0)
            for k, v in batch:
                yield _schema.row_of(cls, _compat.loads(v))
            if len(batch) < BATCH:
                return
            after = batch[-1][0]


def _batch(bt, after, desc):
    # Up to BATCH items past `after` (below it with DESC). btree starts a walk
    # at the first key >= its start, whichever the direction, so keys on the
    # wrong side are skipped; with DESC and nothing at or above `after` (the
    # last rows were deleted meanwhile) the walk starts again from the top.
    batch = []
    seen = False
    for k, v in bt.items(after, None, desc):
        seen = True
        if after is not None and (k >= after if desc else k <= after):
            continue
        batch.append((k, v))
        if len(batch) >= BATCH:
            return batch
    if desc and after is not None and not seen:
        for k, v in bt.items(None, None, desc):
            if k < after:
                batch.append((k, v))
                if len(batch) >= BATCH:
                    break
    return batch
