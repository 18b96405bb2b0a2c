"""pycopy-filedb's API (`import filedb as uorm`), kept by the filedb engine.

    from picoweb_db import filedb as uorm        # was: import filedb as uorm

    db = uorm.DB("notes-db")

    class Note(uorm.Model):
        __db__ = db
        __table__ = "note"
        __schema__ = OrderedDict([("timestamp", ("TIMESTAMP", uorm.now)),
                                  ("archived", ("INT", 0)), ("content", ("TEXT", ""))])

    db.connect(); Note.create_table(True)
    key = Note.create(content="hi")              # the key: now(), unique per call
    Note.get_id(key)[0].content                  # a list with one Row (namedtuple)
    Note.update({"timestamp": key}, archived=1)
    [r for r in Note.scan() if not r.archived]   # Rows, in key order

Rows are stored by picoweb_db's filedb engine (one JSON file per row, written
to a temporary file, synced and renamed; FAT-safe, case-proof names), as
`DB(name, backend="filedb")` stores them: a model with `__key__` set to the
first field reads the same folder. Unlike filedb: writes are synced, create()
never overwrites a row (a generated key is drawn again, a given one raises
Conflict), update/delete take only `{pkey: key}`, scan() is in key order, and
nothing is printed.
"""
from . import _schema
from .clock import now
from .db import DB as _StoreDB
from .errors import BadInput, Conflict
from .model import Model as _StoreModel

__all__ = ("DB", "Model", "now")


class DB:
    """A folder of tables; connect() opens it (creating it if missing)."""

    def __init__(self, name, **options):
        self.name = name
        self.store = _StoreDB(name, backend="filedb", **options)

    def connect(self):
        self.store.connect()
        return self

    def close(self):
        self.store.close()


def _stored_model(cls):
    # The picoweb_db model that keeps cls's rows: the first schema field is
    # the key, the rest are fields with the schema's defaults.
    class Stored(_StoreModel):
        pass
    Stored.__table__ = cls.__table__
    Stored.__key__ = cls.__fields__[0]
    Stored.__fields__ = [(cls.__fields__[i], cls._defaults[i]) for i in range(1, len(cls.__fields__))]
    return Stored


class Model:
    """A table of rows declared by `__schema__`; see the module docstring."""
    __db__ = None
    __table__ = None
    __schema__ = None
    __fields__ = None
    Row = None
    _defaults = None
    _stored = None

    @classmethod
    def _table(cls):
        if cls._stored is None or cls._stored.__db__ is not cls.__db__.store:
            cls.create_table(True)
        return cls._stored.__db__.table(cls._stored)

    @classmethod
    def create_table(cls, fail_silently=False):
        """Create the table's folder. An existing table raises OSError unless
        fail_silently, as in filedb."""
        _schema.bind(cls)
        store = cls.__db__.store
        store.connect()
        stored = _stored_model(cls)
        if store.engine.has_table(stored.__table__) and not fail_silently:
            raise OSError(17, "table %s exists in %s" % (cls.__table__, cls.__db__.name))
        store.create_table(stored)
        stored.__db__ = store
        cls._stored = stored

    @classmethod
    def mapkeys(cls, obj):
        """The values of dict obj in schema order (None for missing fields)."""
        _schema.need_bound(cls)
        return [obj.get(k) for k in cls.__fields__]

    @classmethod
    def json2row(cls, obj):
        """A Row from a dict (a parsed JSON object)."""
        return cls.Row(*cls.mapkeys(obj))

    @classmethod
    def create(*args, **fields):
        """Store a new row; returns its primary key."""
        cls = _schema.only_cls(args, "create")
        table = cls._table()
        values, generated = _schema.values_for(cls, fields)
        names = cls.__fields__
        row = {}
        for i in range(len(names)):
            row[names[i]] = values[i]
        for _ in range(8):
            _schema.check_key(row[names[0]])
            try:
                return table.create(**row)
            except Conflict:
                if not generated:
                    raise
            row[names[0]] = _schema.default_of(cls, 0)
        raise Conflict("could not find a free key in %s" % cls.__table__)

    @classmethod
    def get_id(cls, pkey):
        """[Row] for pkey; NotFound (a KeyError) if there is none."""
        return [cls.json2row(cls._table().get(_schema.check_key(pkey)))]

    @classmethod
    def update(*args, **fields):
        """update({pkey: key}, **fields); NotFound if the row is missing."""
        if len(args) != 2:
            raise TypeError("update() takes where, then fields as keyword arguments")
        cls, where = args
        table = cls._table()
        return table.update(_schema.key_of(cls, where), **fields)

    @classmethod
    def delete(cls, where):
        """delete({pkey: key}); NotFound if the row is missing."""
        table = cls._table()
        return table.delete(_schema.key_of(cls, where))

    @classmethod
    def scan(cls, reverse=False):
        """Rows in key order (oldest first for now() keys; newest with reverse)."""
        for row in cls._table().scan(reverse=reverse):
            yield cls.json2row(row)
