"""Running examples/notes as a real server for the tests: `python -m examples.notes`
or `micropython -m examples.notes` from the repository root, on a free port."""
import json
import os
import subprocess
import sys
import time

import pytest

import support

ROOT = support.ROOT
# (runtime, storage): every backend on CPython; filedb under micropython, and
# btree there over picoweb_db's tests' stand-in for the module (the unix build
# has no btree; a board's firmware may). No sqlite3 under micropython.
BTREE_STAND_IN = os.path.join(ROOT, "tests", "plugins", "db", "mp_btree")
COMBOS = [("cpython", "btree"), ("cpython", "filedb"), ("cpython", "sqlite"),
          pytest.param(("micropython", "filedb"), marks=support.needs_micropython),
          pytest.param(("micropython", "btree"), marks=[support.needs_micropython, pytest.mark.skipif(
              not os.path.exists(os.path.join(BTREE_STAND_IN, "btree.py")),
              reason="no btree stand-in at tests/plugins/db/mp_btree")])]
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class NotesServer:
    """The notes app in its own process: NotesServer("cpython", "sqlite", data).start()."""

    def __init__(self, runtime, storage, data, args=(), env=None, heapsize=None,
                 module="examples.notes", paths=(), cwd=ROOT):
        self.runtime = runtime
        self.storage = storage
        self.data = data
        self.args = list(args)
        self.env = env or {}
        self.heapsize = heapsize
        self.module = module
        self.paths = list(paths)
        self.cwd = cwd
        self.port = None
        self.proc = None
        self.output = ""

    def command(self):
        args = ["-m", self.module, "--port", str(self.port), "--debug", "-1"] + self.args
        if self.data:
            args += ["--data", self.data]
        if self.storage:
            args += ["--storage", self.storage]
        if self.runtime == "micropython":
            if support.MICROPYTHON is None:
                pytest.skip(support.MISSING_REASON)
            paths = self.paths
            if self.storage == "btree":
                paths = paths + [BTREE_STAND_IN]
            return support.mp_cmd(args, self.heapsize), support.mp_env(paths)
        env = dict(os.environ)
        # The packages by import name, as micropython gets them: the venv's
        # editable install may predate a plugin folder (picoweb_auth).
        env["PYTHONPATH"] = os.pathsep.join(self.paths + [ROOT, support.site_dir()])
        return [sys.executable] + args, env

    def start(self, timeout=20):
        self.port = support.free_port()
        cmd, env = self.command()
        env.update(self.env)
        self.proc = subprocess.Popen(cmd, env=env, cwd=self.cwd, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, universal_newlines=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                self.output = self.proc.stdout.read()
                self.proc = None
                raise RuntimeError("notes exited:\n" + self.output)
            if support.port_open(self.port):
                return self
            time.sleep(0.05)
        out = self.stop()
        raise RuntimeError("notes did not listen in %ss:\n%s" % (timeout, out))

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.terminate()
            try:
                out, _ = self.proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                out, _ = self.proc.communicate(timeout=10)
            self.output += out or ""
            self.proc = None
        return self.output

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def url(self, path="/"):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    # -- requests ---------------------------------------------------------

    def request(self, method, path, body=None, headers=None):
        return support.request(self.port, method, path, body, headers)

    def api_add(self, content):
        body = json.dumps({"content": content})
        return self.request("POST", "/api/notes", body, {"Content-Type": "application/json"})

    def form_add(self, content, accept=BROWSER_ACCEPT, path="/"):
        return self.request("POST", path, form_body(content),
                            {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})

    def listing(self):
        r = self.request("GET", "/api/notes")
        assert r.status == 200, r.body
        assert r.headers["content-type"].startswith("application/json")
        return strict_json(r.body)


def form_body(content):
    from urllib.parse import quote_plus
    return "content=" + quote_plus(content)


def strict_json(body):
    """Parse as JSON the way a strict client does: raw control characters in
    strings, invalid UTF-8 and trailing data all fail."""
    return json.loads(body.decode("utf-8"), strict=True)
