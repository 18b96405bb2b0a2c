"""The `__schema__` models of btreedb and filedb: an ordered mapping of
field -> (type, default or callable), the first field the primary key, and a
`Row` namedtuple of the fields, built by create_table().
"""
try:
    from collections import namedtuple
except ImportError:  # pragma: no cover - older MicroPython
    from ucollections import namedtuple

from .errors import BadInput
from .model import check_name


def bind(cls):
    """Parse cls.__schema__ once; sets cls.Row, cls.__fields__ and the defaults."""
    schema = getattr(cls, "__schema__", None)
    if schema is None or not len(schema):
        raise TypeError("%s needs __schema__, an ordered mapping of field -> (type, default)"
                        % cls.__name__)
    table = check_name(getattr(cls, "__table__", None), "table name")
    names = []
    defaults = []
    for name in schema:
        spec = schema[name]
        names.append(check_name(name, "field name"))
        defaults.append(spec[1] if isinstance(spec, (tuple, list)) and len(spec) > 1 else None)
    cls.__fields__ = tuple(names)
    cls._defaults = tuple(defaults)
    cls.Row = namedtuple(table, names)
    return names


def need_bound(cls):
    if getattr(cls, "_defaults", None) is None:
        bind(cls)


def values_for(cls, fields):
    """The row's values in schema order: given fields, else each default (a
    callable default is called per row). Returns (values, key_was_generated)."""
    names = cls.__fields__
    for name in fields:
        if name not in names:
            raise BadInput("unknown field %r for table %s" % (name, cls.__table__))
    values = []
    for i in range(len(names)):
        name = names[i]
        if name in fields:
            values.append(fields[name])
        else:
            default = cls._defaults[i]
            values.append(default() if callable(default) else default)
    return values, names[0] not in fields and callable(cls._defaults[0])


def default_of(cls, i):
    default = cls._defaults[i]
    return default() if callable(default) else default


def row_of(cls, values):
    """A Row from stored values; a field added to the schema later reads as its default."""
    n = len(cls.__fields__)
    values = list(values[:n])
    while len(values) < n:
        values.append(default_of(cls, len(values)))
    return cls.Row(*values)


def key_of(cls, where):
    """The key in `where = {pkey: value}`; anything else is refused, never taken
    for "every row"."""
    pkey = cls.__fields__[0]
    if not isinstance(where, dict) or len(where) != 1 or pkey not in where:
        raise BadInput("where must be {%r: key} for %s, not %r" % (pkey, cls.__table__, where))
    return check_key(where[pkey])


def check_key(key, limit=64):
    if not isinstance(key, str) or not 0 < len(key.encode()) <= limit:
        raise BadInput("key must be a str of 1 to %d bytes, not %r" % (limit, key))
    return key


def only_cls(args, what):
    if len(args) != 1:
        raise TypeError("%s() takes fields as keyword arguments only" % what)
    return args[0]
