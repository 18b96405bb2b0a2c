"""sqlite engine (CPython): one SQL table per model table, rows as JSON text.

Every value travels as a query parameter. Table names are the only text placed
in SQL, and only after model.check_name() has limited them to [A-Za-z0-9_].

Durability: WAL with synchronous=FULL syncs the log on every commit, so an
acknowledged write survives both a killed process and a power cut. NORMAL
(option synchronous="NORMAL") also survives a killed process, because the WAL
is written before commit returns, but may lose the last commits on power loss.

Several processes (server workers) may share one file: WAL lets readers run
beside the one writer, and a writer waits up to busy_timeout (option, seconds,
default 10) for the lock instead of failing at once.
"""
import sqlite3

from ._kvsqlite import busy_seconds, connect_wal
from ._backend import Backend, BATCH, case_proof


class SQLiteBackend(Backend):
    def open(self):
        sync = self.options.get("synchronous", "FULL")
        if sync not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError("synchronous must be FULL, NORMAL or EXTRA")
        # isolation_level=None: autocommit, each statement is its own durable commit.
        # timeout: how long a write waits for another process's commit (several
        # server workers may share one file) before failing with "locked".
        self.connection = connect_wal(self.path, busy_seconds(self.options))
        self.connection.execute("PRAGMA synchronous=" + sync)

    def close(self):
        self.connection.close()

    def _run(self, sql, args=()):
        return self.connection.execute(sql, args)

    def create_table(self, table):
        self._run('CREATE TABLE IF NOT EXISTS "%s" '
                  '(k TEXT PRIMARY KEY NOT NULL, v TEXT NOT NULL) WITHOUT ROWID' % case_proof(table))

    def has_table(self, table):
        return self._run("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                         (case_proof(table),)).fetchone() is not None

    def drop_table(self, table):
        self._run('DROP TABLE IF EXISTS "%s"' % case_proof(table))

    def get(self, table, key):
        row = self._run('SELECT v FROM "%s" WHERE k=?' % case_proof(table), (key,)).fetchone()
        return None if row is None else row[0]

    def put(self, table, key, data, create):
        if create:
            try:
                self._run('INSERT INTO "%s" (k, v) VALUES (?, ?)' % case_proof(table), (key, data))
            except sqlite3.IntegrityError:
                return False
        else:
            self._run('INSERT OR REPLACE INTO "%s" (k, v) VALUES (?, ?)' % case_proof(table), (key, data))
        return True

    def delete(self, table, key):
        return self._run('DELETE FROM "%s" WHERE k=?' % case_proof(table), (key,)).rowcount > 0

    def scan(self, table, start, end, reverse, limit):
        # Keyset pages instead of one open cursor: a long scan holds no read
        # snapshot while the same connection commits writes between pages.
        order = "DESC" if reverse else "ASC"
        step = "<" if reverse else ">"
        conds = []
        args = []
        if start is not None:
            conds.append("k>=?")
            args.append(start)
        if end is not None:
            conds.append("k<?")
            args.append(end)
        name = case_proof(table)
        n = 0
        after = None
        while True:
            where = conds + (["k%s?" % step] if after is not None else [])
            sql = 'SELECT k, v FROM "%s"%s ORDER BY k %s LIMIT ?' % (
                name, " WHERE " + " AND ".join(where) if where else "", order)
            page = BATCH if limit is None else min(BATCH, limit - n)
            rows = self._run(sql, args + ([after] if after is not None else []) + [page]).fetchall()
            for row in rows:
                yield row[0], row[1]
            n += len(rows)
            if len(rows) < page or (limit is not None and n >= limit):
                return
            after = rows[-1][0]

    def count(self, table):
        return self._run('SELECT count(*) FROM "%s"' % case_proof(table)).fetchone()[0]
