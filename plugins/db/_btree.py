"""btree engine: MicroPython's built-in `btree` where the firmware has it, the
same API over sqlite3 on CPython (_kvsqlite).

All tables share one btree file; a record lives at b"<table>/<key>", and the
table's existence is marked by b"!<table>". Table names cannot hold "/", so
"note" and "notes" never share keys.

Scans: btree keeps one cursor per database object (keys() returns the database
itself), so two requests iterating at once would steal each other's position.
A scan therefore reads a short batch to completion, without yielding, and
re-seeks after the last key it returned before reading the next batch.
"""
from . import _compat
from ._backend import Backend, BATCH


class BTreeBackend(Backend):
    def open(self):
        self._mod, self._db, self._stream = _compat.open_btree(self.path)

    def close(self):
        self._db.close()
        if self._stream is not None:
            self._stream.close()

    def _commit(self):
        self._db.flush()
        if self._stream is not None:
            _compat.sync_file(self._stream)

    @staticmethod
    def _prefix(table):
        return table.encode() + b"/"

    def create_table(self, table):
        marker = b"!" + table.encode()
        if marker not in self._db:
            self._db[marker] = b""
            self._commit()

    def has_table(self, table):
        return (b"!" + table.encode()) in self._db

    def drop_table(self, table):
        for key, _ in list(self._batches(table, None, None, False)):
            del self._db[self._prefix(table) + key.encode()]
        marker = b"!" + table.encode()
        if marker in self._db:
            del self._db[marker]
        self._commit()

    def get(self, table, key):
        data = self._db.get(self._prefix(table) + key.encode())
        return None if data is None else data.decode()

    def put(self, table, key, data, create):
        k = self._prefix(table) + key.encode()
        if create and k in self._db:
            return False
        self._db[k] = data.encode()
        self._commit()
        return True

    def delete(self, table, key):
        try:
            del self._db[self._prefix(table) + key.encode()]
        except KeyError:
            return False
        self._commit()
        return True

    def scan(self, table, start, end, reverse, limit):
        n = 0
        for key, data in self._batches(table, start, end, reverse):
            yield key, data.decode()
            n += 1
            if limit is not None and n >= limit:
                return

    def count(self, table):
        n = 0
        for _ in self._batches(table, None, None, False):
            n += 1
        return n

    def _batches(self, table, start, end, reverse):
        pre = self._prefix(table)
        lo = pre + (start.encode() if start is not None else b"")
        # "0" is the byte after "/", so pre[:-1] + b"0" bounds every key of the table.
        hi = pre + end.encode() if end is not None else pre[:-1] + b"0"
        cut = len(pre)
        after = None
        while True:
            batch = self._read_down(lo, hi, after) if reverse else self._read_up(lo, hi, after)
            for k, v in batch:
                yield k[cut:].decode(), v
            if len(batch) < BATCH:
                return
            after = batch[-1][0]

    def _read_up(self, lo, hi, after):
        batch = []
        for k, v in self._db.items(lo if after is None else after, hi):
            if after is not None and k <= after:
                continue
            batch.append((k, v))
            if len(batch) >= BATCH:
                break
        return batch

    def _read_down(self, lo, hi, before):
        top = hi if before is None else before
        flags = self._mod.DESC | self._mod.INCL
        batch = []
        seen = False
        for k, v in self._db.items(top, lo, flags):
            seen = True
            if k >= top:  # DESC starts at the first key >= top
                continue
            batch.append((k, v))
            if len(batch) >= BATCH:
                return batch
        if not seen:
            # Nothing at or above top: walk down from the very last key instead.
            for k, v in self._db.items(None, lo, flags):
                if k >= top:
                    continue
                batch.append((k, v))
                if len(batch) >= BATCH:
                    break
        return batch
