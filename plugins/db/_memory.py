"""In-memory engine for tests: a dict per table, nothing survives close()."""
from ._backend import Backend, in_range


class MemoryBackend(Backend):
    persistent = False

    def open(self):
        self._tables = {}

    def close(self):
        self._tables = {}

    def create_table(self, table):
        if table not in self._tables:
            self._tables[table] = {}

    def has_table(self, table):
        return table in self._tables

    def drop_table(self, table):
        self._tables.pop(table, None)

    def get(self, table, key):
        return self._tables[table].get(key)

    def put(self, table, key, data, create):
        rows = self._tables[table]
        if create and key in rows:
            return False
        rows[key] = data
        return True

    def delete(self, table, key):
        return self._tables[table].pop(key, None) is not None

    def scan(self, table, start, end, reverse, limit):
        rows = self._tables[table]
        keys = sorted([k for k in rows if in_range(k, start, end)], reverse=reverse)
        if limit is not None:
            keys = keys[:limit]
        for k in keys:
            data = rows.get(k)
            if data is not None:  # deleted while the caller was iterating
                yield k, data

    def count(self, table):
        return len(self._tables[table])
