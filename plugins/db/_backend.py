"""The interface every storage engine implements.

Engines only move strings: keys are validated `str`, values are JSON text made
by the Table layer, so an engine never needs to know about models or fields.
Each table is its own keyspace; `scan` yields (key, json) pairs in key order.
"""

BATCH = 32  # rows fetched per engine round trip while streaming a scan


class Backend:
    """Base class of the engines; every method raises NotImplementedError.

        class MyBackend(Backend):
            def get(self, table, key): ...
    """

    persistent = True

    def __init__(self, path, options):
        self.path = path
        self.options = options

    def open(self):
        raise NotImplementedError

    def close(self):
        raise NotImplementedError

    def create_table(self, table):
        """Create the table if it is missing."""
        raise NotImplementedError

    def has_table(self, table):
        raise NotImplementedError

    def drop_table(self, table):
        raise NotImplementedError

    def get(self, table, key):
        """The stored JSON text, or None."""
        raise NotImplementedError

    def put(self, table, key, data, create):
        """Store durably before returning. With create=True an existing key is
        left alone and False is returned."""
        raise NotImplementedError

    def delete(self, table, key):
        """True if a record was removed."""
        raise NotImplementedError

    def scan(self, table, start, end, reverse, limit):
        """Yield (key, data) with start <= key < end (None: unbounded)."""
        raise NotImplementedError

    def count(self, table):
        raise NotImplementedError


def case_proof(table):
    """The stored name of a table: lower-case names as they are, each upper-case
    letter as %xx, so `Note` and `note` stay apart on FAT, on case-insensitive
    file systems and in SQLite (whose table names ignore case).

        case_proof("note") == "note"; case_proof("Note") == "%4eote"
    """
    for c in table:
        if "A" <= c <= "Z":
            break
    else:
        return table
    out = []
    for c in table:
        out.append("%%%02x" % ord(c) if "A" <= c <= "Z" else c)
    return "".join(out)


def in_range(key, start, end):
    return (start is None or key >= start) and (end is None or key < end)
