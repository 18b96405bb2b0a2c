"""Helpers for the picoweb 1.x compatibility suite (a unique module name: every
test folder has its own conftest).

The apps under apps/ are kept in their picoweb 1.x MicroPython form. The one
porting step a user is promised to need is applied here, to a copy: for the
micropython binary `import picoweb` becomes `import picoweb_core as picoweb`;
for CPython the `u` modules also become their CPython names. `port_source`
refuses to change anything but import lines, so a test can never pass on an
app that needed more than that.
"""
import os
import re
import shutil

import pytest

import support

HERE = os.path.dirname(os.path.abspath(__file__))
APPS = os.path.join(HERE, "apps")
LAUNCHER = os.path.join(HERE, "launch.py")
# micropython-lib's ulogging, which picoweb apps depend on, is not in the unix
# wheel; a board running picoweb has it installed. Only the MicroPython runs
# get this stand-in, so CPython apps use the real `logging`.
MP_LIB = os.path.join(HERE, "mp_lib")

PICOWEB = {"picoweb": "picoweb_core"}
CPYTHON = {"ure": "re", "ujson": "json", "ubinascii": "binascii", "uasyncio": "asyncio",
           "utime": "time", "ulogging": "logging"}

_IMPORT = re.compile(r"^(\s*)import\s+(.+?)\s*$")
_FROM = re.compile(r"^(\s*)from\s+(\S+)\s+import\s+(.+?)\s*$")


def module_map(runtime):
    if runtime not in ("cpython", "micropython"):
        raise ValueError("runtime must be cpython or micropython, not %r" % (runtime,))
    table = dict(PICOWEB)
    if runtime == "cpython":
        table.update(CPYTHON)
    return table


def _rename(name, table):
    head, dot, rest = name.partition(".")
    if head in table:
        return table[head] + dot + rest
    return name


def port_line(line, table):
    """`line` with its imported module names mapped through `table`; the names
    the rest of the module sees stay the same (`import ujson` becomes
    `import json as ujson`)."""
    m = _FROM.match(line)
    if m:
        indent, mod, names = m.groups()
        return "%sfrom %s import %s" % (indent, _rename(mod, table), names)
    m = _IMPORT.match(line)
    if not m:
        return line
    indent, names = m.groups()
    out = []
    for part in names.split(","):
        words = part.split()
        if len(words) == 3 and words[1] == "as":
            mod, alias = words[0], words[2]
        elif len(words) == 1 and "." not in words[0]:
            mod, alias = words[0], words[0]
        else:
            # `import a.b` binds `a`; no app here does it with a renamed package.
            out.append(part.strip())
            continue
        new = _rename(mod, table)
        out.append(new if new == alias else "%s as %s" % (new, alias))
    return indent + "import " + ", ".join(out)


def port_source(text, runtime):
    """The ported module source; raises AssertionError if porting would touch
    any line that is not an import statement."""
    table = module_map(runtime)
    old = text.split("\n")
    new = [port_line(line, table) for line in old]
    for a, b in zip(old, new):
        if a != b and not (_IMPORT.match(a) or _FROM.match(a)):
            raise AssertionError("porting changed a non-import line: %r -> %r" % (a, b))
    return "\n".join(new)


def changed_lines(text, runtime):
    """[(old, new)] for every line porting changes."""
    ported = port_source(text, runtime).split("\n")
    return [(a, b) for a, b in zip(text.split("\n"), ported) if a != b]


def port_tree(src, dst, runtime):
    """Copy the app folder `src` to `dst`, porting every .py file."""
    for root, dirs, files in os.walk(src):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(root, src)
        out = os.path.join(dst, rel) if rel != "." else dst
        os.makedirs(out, exist_ok=True)
        for name in files:
            s = os.path.join(root, name)
            d = os.path.join(out, name)
            if name.endswith(".py"):
                with open(s, encoding="utf-8") as f:
                    text = f.read()
                with open(d, "w", encoding="utf-8") as f:
                    f.write(port_source(text, runtime))
            elif not name.endswith(".pyc"):
                shutil.copyfile(s, d)


def start_app(runtime, target, tmp_dir, run_args=()):
    """Port all apps into `tmp_dir` and serve `target` ("module" or
    "module:attr") with `app.run(host, port, **run_args)` through the launcher.
    `runtime` is "cpython", "micropython" or "cpython-3.X" (another CPython
    found on this machine: picoweb apps rely on the event loop, which changed
    across 3.x)."""
    python = None
    if runtime.startswith("cpython-"):
        python = OTHER_PYTHONS[runtime[8:]]
        runtime = "cpython"
    port_tree(APPS, tmp_dir, runtime)
    shutil.copyfile(LAUNCHER, os.path.join(tmp_dir, "launch.py"))
    extra = [tmp_dir] + ([MP_LIB] if runtime == "micropython" else [])
    proc = support.AppProcess(runtime, os.path.join(tmp_dir, "launch.py"),
                              [target] + ["%s=%s" % kv for kv in run_args],
                              extra_paths=extra, cwd=tmp_dir, python=python)
    proc.start()
    return proc


OTHER_PYTHONS = support.other_pythons()
RUNTIMES = support.RUNTIMES + ["cpython-" + v for v in sorted(OTHER_PYTHONS)]


def app_fixture(target, run_args=()):
    """A module-scoped fixture serving ported app `target` on each runtime
    (and on every other CPython 3.9+ found here)."""
    @pytest.fixture(scope="module", params=RUNTIMES)
    def fixture(request, tmp_path_factory):
        tmp = str(tmp_path_factory.mktemp("compat-" + request.param))
        proc = start_app(request.param, target, tmp, run_args)
        yield proc
        proc.stop()
    return fixture
