"""Helpers of the deploy tests: servers started as real processes on a free
loopback port, with the environment each test chooses (only the built folder on
MICROPYPATH, a fresh virtual environment, uvicorn workers)."""
import os
import subprocess
import sys
import time

import support

ROOT = support.ROOT


class Process:
    """`cmd` (a list; "{port}" in it is replaced by a free port) run until stop()."""

    def __init__(self, cmd, env=None, cwd=None):
        self.port = support.free_port()
        self.cmd = [str(c).replace("{port}", str(self.port)) for c in cmd]
        self.env = env
        self.cwd = cwd
        self.proc = None
        self.output = ""

    def start(self, timeout=30):
        self.proc = subprocess.Popen(self.cmd, env=self.env, cwd=self.cwd,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     universal_newlines=True, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                self.output = self.proc.stdout.read()
                raise RuntimeError("%s exited with %s:\n%s" % (self.cmd, self.proc.returncode,
                                                               self.output))
            if support.port_open(self.port):
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("%s did not listen in %ss:\n%s" % (self.cmd, timeout, self.output))

    def stop(self):
        if self.proc is None:
            return self.output
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            out, _ = self.proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate(timeout=15)
        self.output += out or ""
        self.proc = None
        return self.output

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def board_env():
    """MicroPython's environment with only the built folder's lib/ (and the
    interpreter's frozen modules, asyncio among them) on its path."""
    env = dict(os.environ)
    env["MICROPYPATH"] = "lib" + os.pathsep + ".frozen"
    env.pop("PYTHONPATH", None)
    return env


def build(app_dir, out, *options):
    """Run the board build command; returns its CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "picoweb_core.build", app_dir, "--out", out]
                          + list(options), cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=300)
