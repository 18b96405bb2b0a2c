"""DB: a database handle whose engine is one word of configuration."""
from .errors import BadInput, NoTable
from .model import Table, check_name

BACKENDS = ("btree", "filedb", "sqlite", "memory")


def _engine_class(backend):
    # Imported only when chosen, so a board never loads the sqlite code.
    if backend == "btree":
        from ._btree import BTreeBackend
        return BTreeBackend
    if backend == "filedb":
        from ._filedb import FileBackend
        return FileBackend
    if backend == "sqlite":
        from ._sqlite import SQLiteBackend
        return SQLiteBackend
    if backend == "memory":
        from ._memory import MemoryBackend
        return MemoryBackend
    raise ValueError("unknown backend %r: choose one of %s" % (backend, ", ".join(BACKENDS)))


class DB:
    """A database: a file (btree, sqlite), a folder (filedb) or RAM (memory).

        db = DB("notes.db", backend="sqlite").connect()
        db.create_table(Note)
        ...
        db.close()

    Options: max_value (bytes of UTF-8 JSON per row), max_key (bytes per key),
    synchronous ("FULL" or "NORMAL", sqlite only), busy_timeout (seconds a
    write waits for another process, sqlite only; default 10).
    """
    max_value = 16384  # a row must fit in a small board's RAM, JSON text and parsed copy together
    max_key = 64       # keeps filedb names under FAT's 255 characters after %xx escaping

    def __init__(self, name, backend="btree", **options):
        if backend not in BACKENDS:
            raise ValueError("unknown backend %r: choose one of %s" % (backend, ", ".join(BACKENDS)))
        if not isinstance(name, str) or not name:
            raise ValueError("database name must be a non-empty str (a file or folder path)")
        self.name = name
        self.backend = backend
        self.max_value = options.pop("max_value", self.max_value)
        self.max_key = options.pop("max_key", self.max_key)
        self.options = options
        self.engine = None
        self._tables = {}

    def connect(self):
        """Open the store; returns self so `db = DB(...).connect()` reads well."""
        if self.engine is None:
            engine = _engine_class(self.backend)(self.name, self.options)
            engine.open()
            self.engine = engine
        return self

    def close(self):
        if self.engine is not None:
            self.engine.close()
            self.engine = None
            self._tables = {}

    def __enter__(self):
        return self.connect()

    def __exit__(self, *exc):
        self.close()

    def _need_engine(self):
        if self.engine is None:
            raise NoTable("database %r is not connected: call connect() first" % self.name)

    def create_table(self, model, fail_silently=True):
        """Create model's table (if missing) and bind model to this database."""
        self._need_engine()
        table = check_name(getattr(model, "__table__", None), "table name")
        if self.engine.has_table(table):
            if not fail_silently:
                raise BadInput("table %s already exists" % table)
        else:
            self.engine.create_table(table)
        model.__db__ = self
        return self.table(model)

    def drop_table(self, model):
        self._need_engine()
        table = check_name(getattr(model, "__table__", None), "table name")
        self._tables.pop(table, None)
        self.engine.drop_table(table)

    def table(self, model):
        """The Table for model; NoTable if it was never created here."""
        self._need_engine()
        name = getattr(model, "__table__", None)
        table = self._tables.get(name)
        if table is None or table.model is not model:
            check_name(name, "table name")
            if not self.engine.has_table(name):
                raise NoTable("table %s does not exist in %r: call db.create_table(%s)"
                              % (name, self.name, getattr(model, "__name__", "model")))
            table = Table(self, model)
            self._tables[name] = table
        return table

    @property
    def connection(self):
        """The sqlite3 connection, for SQL by hand (sqlite backend only). Rows
        live in table <name> as (k TEXT key, v TEXT JSON)."""
        conn = getattr(self.engine, "connection", None)
        if conn is None:
            raise AttributeError("only a connected sqlite database has a connection")
        return conn
