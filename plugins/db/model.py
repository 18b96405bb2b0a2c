"""Models, rows and the Table that validates and stores them on any engine.

A model is declared once as a class; the same class runs on every backend:

    class Note(Model):
        __table__ = "note"
        __key__ = "id"                      # primary key field (default "id")
        __fields__ = {"title": "", "tags": list, "archived": False}

A default that is callable is a factory (list, dict, time.time), called per row.
`__fields__` may also be a list of names (default None) or of (name, default)
pairs, as btreedb/filedb apps declare it.
"""
from . import _compat
from .errors import BadInput, Conflict, NotFound, NoTable

_NAME_FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
_NAME_REST = _NAME_FIRST + "0123456789"
_GENERATED_LEN = 16  # digits of a generated key: microseconds since the epoch


def check_name(name, what="name"):
    """Return name if it is a safe identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64
    characters), else raise BadInput. Table names reach SQL and file names only
    through this check."""
    if not isinstance(name, str) or not 0 < len(name) <= 64 or name[0] not in _NAME_FIRST:
        raise BadInput("invalid %s %r: use letters, digits and _, starting with a letter" % (what, name))
    for c in name:
        if c not in _NAME_REST:
            raise BadInput("invalid %s %r: use letters, digits and _, starting with a letter" % (what, name))
    if name.lower().startswith("sqlite_"):
        raise BadInput("invalid %s %r: the sqlite_ prefix is reserved" % (what, name))
    return name


def encode_json(values, limit):
    """The JSON text of a row, or BadInput if it is not JSON or is over limit bytes."""
    try:
        data = _compat.dumps(values)
    except (TypeError, ValueError):
        raise BadInput("field values must be JSON types (str, int, float, bool, None, list, dict)")
    size = len(data)
    # limit counts UTF-8 bytes; a str's len() counts characters, which are 1 to
    # 4 bytes each, so only the middle band needs the encoded copy.
    if size * 4 > limit:
        if size <= limit:
            size = len(data.encode())
        if size > limit:
            raise BadInput("row is %d bytes of JSON, the limit is %d" % (size, limit))
    return data


def _every_row(row):
    return True


class Row(dict):
    """A stored record: a dict that also reads fields as attributes.

        row = Note.get_id(key); row["title"] == row.title
    """

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)


class Schema:
    """What a Table needs to know about a model, parsed once per table."""

    def __init__(self, model):
        self.table = check_name(getattr(model, "__table__", None), "table name")
        self.key = check_name(getattr(model, "__key__", "id") or "id", "key field")
        spec = getattr(model, "__fields__", ())
        if isinstance(spec, dict):
            spec = list(spec.items())
        self.fields = []
        for item in spec:
            if isinstance(item, str):
                name, default = item, None
            elif isinstance(item, (tuple, list)) and len(item) == 2:
                name, default = item
            else:
                raise TypeError("__fields__ entries are names or (name, default) pairs, not %r" % (item,))
            check_name(name, "field name")
            if name != self.key:
                self.fields.append((name, default))
        self.names = [f[0] for f in self.fields]


class Table:
    """One model's records in one database. Get it with `db.table(Model)`;
    Model's classmethods forward to it.

        notes = db.table(Note)
        key = notes.create(title="hi")
        for row in notes.scan(reverse=True, limit=10): ...
    """

    def __init__(self, db, model):
        self.db = db
        self.model = model
        self.schema = Schema(model)
        self.name = self.schema.table
        self._engine = db.engine
        self._last = None  # last generated key, as an int

    # -- keys -------------------------------------------------------------

    def check_key(self, key):
        if not isinstance(key, str):
            raise BadInput("key must be a str, not %s" % type(key).__name__)
        size = len(key.encode())
        if size == 0 or size > self.db.max_key:
            raise BadInput("key must be 1 to %d bytes of UTF-8" % self.db.max_key)
        return key

    def new_key(self):
        """A fresh key: 16 digits of microseconds, strictly increasing, so keys
        sort by creation time even for many rows in the same second."""
        if self._last is None:
            self._last = 0
            for key, _ in self._engine.scan(self.name, "0" * _GENERATED_LEN, ":", True, 1):
                if len(key) == _GENERATED_LEN and key.isdigit():
                    self._last = int(key)
        stamp = _compat.now_us()
        if stamp <= self._last:
            stamp = self._last + 1
        self._last = stamp
        return "%016d" % stamp

    # -- rows -------------------------------------------------------------

    def _check_fields(self, fields):
        for name in fields:
            if name not in self.schema.names:
                raise BadInput("unknown field %r for table %s" % (name, self.name))

    def _encode(self, values):
        return encode_json(values, self.db.max_value)

    def _row(self, key, data):
        stored = _compat.loads(data)
        row = Row()
        row[self.schema.key] = key
        for name, default in self.schema.fields:
            if name in stored:
                row[name] = stored[name]
            else:
                # Field added to the model after this row was written.
                row[name] = default() if callable(default) else default
        return row

    def _values(self, row):
        out = {}
        for name in self.schema.names:
            out[name] = row[name]
        return out

    def create(*args, **fields):
        """Store a new row and return its key (the key field's value, or a generated one).

        Declared as (*args, **fields) so that fields named `self` or `where`
        reach the row instead of colliding with the parameters."""
        self, = args  # fields are keywords only
        key = fields.pop(self.schema.key, None)
        self._check_fields(fields)
        values = {}
        for name, default in self.schema.fields:
            if name in fields:
                values[name] = fields[name]
            else:
                values[name] = default() if callable(default) else default
        data = self._encode(values)
        if key is not None:
            if not self._engine.put(self.name, self.check_key(key), data, True):
                raise Conflict("key %r already exists in %s" % (key, self.name))
            return key
        for _ in range(8):
            key = self.new_key()
            if self._engine.put(self.name, key, data, True):
                return key
        raise Conflict("could not find a free key in %s" % self.name)

    def get(self, key):
        """The row under key; NotFound if there is none."""
        data = self._engine.get(self.name, self.check_key(key))
        if data is None:
            raise NotFound("no %s with key %r" % (self.name, key))
        return self._row(key, data)

    get_id = get

    def update(*args, **fields):
        """update(where, **fields): change fields of the rows matching where (a
        key, a non-empty dict of field values, or a function of the row); returns
        how many rows changed. A key, or a dict naming the key field, that
        matches nothing raises NotFound. None is refused: update_all() is the
        explicit way to change every row.

            Note.update(key, title="new")
            Note.update({"archived": True}, where="kept")   # any field name works
        """
        self, where = args  # fields are keywords only
        rows = self._matching(where)
        if self.schema.key in fields:
            raise BadInput("the key field %r cannot be updated" % self.schema.key)
        self._check_fields(fields)
        n = 0
        # Streamed: every engine's scan tolerates writes to rows it already returned.
        for row in rows:
            row.update(fields)
            self._engine.put(self.name, row[self.schema.key], self._encode(self._values(row)), False)
            n += 1
        return n

    def update_all(*args, **fields):
        """Change fields of every row; returns how many."""
        self, = args
        return self.update(_every_row, **fields)

    def delete(self, where):
        """Delete the rows matching where (as for update); returns how many.
        None is refused: delete_all() is the explicit way to empty a table."""
        n = 0
        for row in self._matching(where):
            self._engine.delete(self.name, row[self.schema.key])
            n += 1
        return n

    def delete_all(self):
        """Delete every row; returns how many."""
        return self.delete(_every_row)

    def scan(self, where=None, start=None, end=None, reverse=False, limit=None):
        """Rows in key order with start <= key < end, newest first if reverse,
        at most limit of them, filtered by where (dict of field values or a
        function of the row). A generator: rows are read as they are consumed."""
        if start is not None:
            self.check_key(start)
        if end is not None:
            self.check_key(end)
        if limit is not None and (not isinstance(limit, int) or limit < 0):
            raise BadInput("limit must be a non-negative int")
        # Checked here, eagerly; the generator below only runs once iterated.
        return self._rows(self._predicate(where), start, end, reverse, limit)

    def _rows(self, test, start, end, reverse, limit):
        if limit == 0:
            return
        n = 0
        # The engine only applies the limit when nothing is filtered out after it.
        engine_limit = limit if test is None else None
        for key, data in self._engine.scan(self.name, start, end, reverse, engine_limit):
            row = self._row(key, data)
            if test is None or test(row):
                yield row
                n += 1
                if limit is not None and n >= limit:
                    return

    select = scan

    def count(self, where=None):
        if where is None:
            return self._engine.count(self.name)
        n = 0
        for _ in self.scan(where):
            n += 1
        return n

    def _predicate(self, where):
        if where is None or callable(where):
            return where
        if not isinstance(where, dict):
            raise BadInput("where must be a dict of field values or a function")
        for name in where:
            if name != self.schema.key and name not in self.schema.names:
                raise BadInput("unknown field %r for table %s" % (name, self.name))

        def test(row):
            for name in where:
                if row[name] != where[name]:
                    return False
            return True
        return test

    def _matching(self, where):
        # A write never takes a missing or empty condition for "every row":
        # `Note.delete(form.get("id"))` with no id must not empty the table.
        if where is None or where == {}:
            raise BadInput("no row given (%r): pass a key, a dict of field values or a function; "
                           "delete_all() / update_all() act on every row" % (where,))
        if isinstance(where, dict) and self.schema.key in where:
            rest = dict(where)
            key = rest.pop(self.schema.key)
        elif isinstance(where, dict) or callable(where):
            return self.scan(where)
        else:
            key, rest = where, {}
        row = self.get(key)  # raises NotFound
        test = self._predicate(rest)
        return [row] if test is None or test(row) else []


class Model:
    """Base class of stored record types; the classmethods work on the database
    set as `__db__` (db.create_table(Model) sets it).

        class Note(Model):
            __table__ = "note"
            __fields__ = {"title": "", "tags": list}
        db.create_table(Note)
        key = Note.create(title="hi")
        Note.update({"id": key}, title="hello")
        Note.get_id(key).title
    """
    __db__ = None
    __table__ = None
    __key__ = "id"
    __fields__ = ()

    @classmethod
    def table(cls):
        if cls.__db__ is None:
            raise NoTable("model %s has no database: call db.create_table(%s) or set __db__"
                          % (cls.__name__, cls.__name__))
        return cls.__db__.table(cls)

    @classmethod
    def create_table(cls, fail_silently=True):
        if cls.__db__ is None:
            raise NoTable("model %s has no database: set __db__" % cls.__name__)
        return cls.__db__.create_table(cls, fail_silently)

    @classmethod
    def create(*args, **fields):
        cls, = args  # (*args): a field may be called `cls`, `self` or `where`
        return cls.table().create(**fields)

    @classmethod
    def get_id(cls, key):
        return cls.table().get(key)

    get = get_id

    @classmethod
    def update(*args, **fields):
        cls, where = args
        return cls.table().update(where, **fields)

    @classmethod
    def update_all(*args, **fields):
        cls, = args
        return cls.table().update_all(**fields)

    @classmethod
    def delete(cls, where):
        return cls.table().delete(where)

    @classmethod
    def delete_all(cls):
        return cls.table().delete_all()

    @classmethod
    def scan(cls, where=None, start=None, end=None, reverse=False, limit=None):
        return cls.table().scan(where, start, end, reverse, limit)

    select = scan

    @classmethod
    def count(cls, where=None):
        return cls.table().count(where)
