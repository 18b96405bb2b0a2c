"""filedb engine: one JSON file per record, one folder per table.

Strategy: a record is written to `<name>.tmp`, synced, then renamed over
`<name>.json`, so a crash leaves the old or the new record, never a torn one.
Opening a table sweeps leftover .tmp files: a tmp with its .json beside it is an
unacknowledged write and is dropped; a tmp alone (FAT's remove-then-rename
window, see _compat.replace) is promoted if it parses, else dropped.

Key names: FAT rejects `:` `*` `?` and friends, strips trailing dots and
spaces, and ignores case, so only [a-z0-9_-] pass through; every other UTF-8
byte becomes %xx. A 64-byte key stays within FAT's 255-character names.
"""
import os

from . import _compat
from ._backend import Backend, case_proof, in_range

_PLAIN = "abcdefghijklmnopqrstuvwxyz0123456789_-"
_SUFFIX = ".json"
_TMP = ".tmp"


def encode_key(key):
    """File-name form of a key, valid on FAT and case-insensitive file systems.

        encode_key("Note 1:a") == "%4eote%201%3aa"
    """
    out = []
    for b in key.encode():
        c = chr(b)
        if c in _PLAIN:
            out.append(c)
        else:
            out.append("%%%02x" % b)
    return "".join(out)


def decode_key(name):
    """Inverse of encode_key; None for names this engine did not write."""
    raw = bytearray()
    i = 0
    n = len(name)
    while i < n:
        c = name[i]
        if c == "%":
            try:
                raw.append(int(name[i + 1:i + 3], 16))
            except ValueError:
                return None
            i += 3
        else:
            raw.append(ord(c))
            i += 1
    try:
        return bytes(raw).decode()
    except UnicodeError:
        return None


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


class FileBackend(Backend):
    def open(self):
        _compat.makedir(self.path)
        self._checked = {}

    def close(self):
        self._checked = {}

    def _folder(self, table):
        return _compat.join(self.path, case_proof(table))

    def _file(self, table, key):
        return _compat.join(self._folder(table), encode_key(key) + _SUFFIX)

    def create_table(self, table):
        _compat.makedir(self._folder(table))
        self._recover(table)

    def has_table(self, table):
        if table in self._checked:
            return True
        if not _compat.exists(self._folder(table)):
            return False
        self._recover(table)
        return True

    def drop_table(self, table):
        folder = self._folder(table)
        if not _compat.exists(folder):
            return
        for name in list(_compat.names(folder)):
            os.remove(_compat.join(folder, name))
        os.rmdir(folder)
        self._checked.pop(table, None)

    def _recover(self, table):
        folder = self._folder(table)
        leftovers = [n for n in _compat.names(folder) if n.endswith(_TMP)]
        for name in leftovers:
            tmp = _compat.join(folder, name)
            final = tmp[:-len(_TMP)] + _SUFFIX
            if not _compat.exists(final) and self._whole(tmp):
                _compat.replace(tmp, final)
            else:
                os.remove(tmp)
        if leftovers:
            _compat.sync_dir(folder)
        self._checked[table] = True

    def _whole(self, path):
        data = _read(path)
        if not data:
            return False
        try:
            return isinstance(_compat.loads(data), dict)
        except ValueError:
            return False

    def get(self, table, key):
        return _read(self._file(table, key))

    def put(self, table, key, data, create):
        final = self._file(table, key)
        if create and _compat.exists(final):
            return False
        tmp = final[:-len(_SUFFIX)] + _TMP
        with open(tmp, "w") as f:
            f.write(data)
            _compat.sync_file(f)
        _compat.replace(tmp, final)
        _compat.sync_dir(self._folder(table))
        return True

    def delete(self, table, key):
        try:
            os.remove(self._file(table, key))
        except OSError:
            return False
        _compat.sync_dir(self._folder(table))
        return True

    def _keys(self, table):
        for name in _compat.names(self._folder(table)):
            if name.endswith(_SUFFIX):
                key = decode_key(name[:-len(_SUFFIX)])
                if key is not None:
                    yield key

    def scan(self, table, start, end, reverse, limit):
        # Directory order is arbitrary, so the keys in range are gathered and
        # sorted; with a limit only the best `limit` keys are ever held.
        keys = []
        for key in self._keys(table):
            if not in_range(key, start, end):
                continue
            keys.append(key)
            if limit is not None and len(keys) > 2 * limit + 16:
                keys.sort(reverse=reverse)
                del keys[limit:]
        keys.sort(reverse=reverse)
        if limit is not None:
            del keys[limit:]
        for key in keys:
            data = self.get(table, key)
            if data is not None:  # deleted while the caller was iterating
                yield key, data

    def count(self, table):
        n = 0
        for _ in self._keys(table):
            n += 1
        return n
