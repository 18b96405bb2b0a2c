"""A stand-in for MicroPython's `btree` module, for the unix build that lacks it,
so picoweb_db.btreedb's own code can run under micropython in tests.

It follows btree's iteration rules (start inclusive; end exclusive unless INCL;
DESC begins at the first key >= start, or at the last key) and writes to the
stream only at flush()/close(), as btree caches pages until flushed. The file
is a log of changes (`+ key value`, `- key`, hex), replayed when opened.
"""
import binascii

INCL = 1
DESC = 2


def open(stream, **options):
    return _DB(stream)


def _b(x):
    return x.encode() if isinstance(x, str) else bytes(x)


class _DB:
    def __init__(self, stream):
        self._f = stream
        self._d = {}
        self._keys = []      # sorted
        self._log = []       # changes not yet flushed
        stream.seek(0)
        while True:
            line = stream.readline()
            if not line:
                break
            parts = line.split()
            k = binascii.unhexlify(parts[1])
            if parts[0] == b"+":
                # An empty value's hex is empty: `+ key ` splits in two.
                self._set(k, binascii.unhexlify(parts[2]) if len(parts) > 2 else b"")
            else:
                self._del(k)

    def _find(self, k):
        lo, hi = 0, len(self._keys)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._keys[mid] < k:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _set(self, k, v):
        if k not in self._d:
            self._keys.insert(self._find(k), k)
        self._d[k] = v

    def _del(self, k):
        del self._d[k]
        self._keys.pop(self._find(k))

    def __getitem__(self, k):
        return self._d[_b(k)]

    def get(self, k, default=None):
        return self._d.get(_b(k), default)

    def __setitem__(self, k, v):
        k = _b(k)
        v = _b(v)
        self._set(k, v)
        self._log.append(b"+ " + binascii.hexlify(k) + b" " + binascii.hexlify(v) + b"\n")

    put = __setitem__

    def __delitem__(self, k):
        k = _b(k)
        self._del(k)
        self._log.append(b"- " + binascii.hexlify(k) + b"\n")

    def __contains__(self, k):
        return _b(k) in self._d

    def __iter__(self):
        return self.keys()

    def _walk(self, start, end, flags):
        keys = self._keys
        desc = flags & DESC
        if start is None:
            i = len(keys) - 1 if desc else 0
        else:
            i = self._find(_b(start))
            if i == len(keys):
                return
        end = None if end is None else _b(end)
        step = -1 if desc else 1
        while 0 <= i < len(keys):
            k = keys[i]
            if end is not None:
                if k == end and not flags & INCL:
                    return
                if (k < end) if desc else (k > end):
                    return
            yield k, self._d[k]
            i += step

    def keys(self, start=None, end=None, flags=0):
        for k, _ in self._walk(start, end, flags):
            yield k

    def values(self, start=None, end=None, flags=0):
        for _, v in self._walk(start, end, flags):
            yield v

    def items(self, start=None, end=None, flags=0):
        return self._walk(start, end, flags)

    def flush(self):
        if self._log:
            self._f.seek(0, 2)
            for line in self._log:
                self._f.write(line)
            self._f.flush()
            self._log = []

    def close(self):
        self.flush()
