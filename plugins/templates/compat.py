"""Every CPython / MicroPython difference the template plugin meets, in one place.

MicroPython has no os.path, no importlib and (on some ports) no compile();
CPython's text files translate newlines and guess the encoding from the locale. Everything else in the plugin
calls these helpers instead of touching os or builtins for files and code.
"""
import os
import sys

try:
    _compile = compile
except NameError:  # ports built without MICROPY_PY_BUILTINS_COMPILE
    _compile = None

try:
    # CPython caches folder listings; a module written since would not be found.
    from importlib import invalidate_caches as _invalidate_caches
except ImportError:  # MicroPython has no importlib and no such cache
    def _invalidate_caches():
        pass

_DIR_BIT = 0x4000  # S_IFDIR; MicroPython has no stat module


def join(*parts):
    """Join path parts with "/", which both runtimes accept everywhere."""
    out = ""
    for p in parts:
        if not p:
            continue
        if p.startswith("/") or not out:
            out = p
        elif out.endswith("/"):
            out += p
        else:
            out += "/" + p
    return out


def dirname(path):
    i = path.rfind("/")
    if i < 0:
        return ""
    return path[:i] or "/"


def stamp(path):
    """(mtime, size) of a file, or None when it does not exist."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st[8], st[6])


def isdir(path):
    try:
        return bool(os.stat(path)[0] & _DIR_BIT)
    except OSError:
        return False


def makedirs(path):
    if not path or isdir(path):
        return
    makedirs(dirname(path))
    try:
        os.mkdir(path)
    except OSError:
        # Another process may have made it first; only a missing dir is an error.
        if not isdir(path):
            raise


def read_text(path):
    # Bytes then decode: CPython's text mode would translate \r\n and guess the
    # encoding from the locale, MicroPython's does neither; this reads alike on both.
    with open(path, "rb") as f:
        return f.read().decode("utf-8")


def write_text(path, text):
    """Write a file whole: readers in another process never see half of it."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(text.encode("utf-8"))
    try:
        os.rename(tmp, path)
    except OSError:
        # Some filesystems (FAT on boards) refuse to rename over an existing file.
        os.remove(path)
        os.rename(tmp, path)


def check_syntax(code, filename):
    """Raise SyntaxError if `code` does not parse; a no-op where compile() is missing."""
    if _compile is not None:
        _compile(code, filename, "exec")


def exec_module(source, filename, name):
    """Run generated module source and return its namespace dict."""
    ns = {"__name__": name, "__file__": filename}
    if _compile is not None:
        # Compiling with the filename makes tracebacks point at the generated file.
        exec(_compile(source, filename, "exec"), ns)
    else:
        exec(source, ns)
    return ns


def import_module(name, folder=None):
    """Import a (possibly dotted) module; with `folder`, that folder's module only.

    With a folder, the folder is on sys.path only during the import and the
    module is not left in sys.modules: two template folders may both hold an
    index_tpl, and each Templates object must get its own. Frozen and .mpy
    templates still load the memory-cheap way.
    """
    if folder is None:
        mod = __import__(name)
        for part in name.split(".")[1:]:
            mod = getattr(mod, part)
        return mod
    saved = sys.modules.pop(name, None)
    sys.path.insert(0, folder)
    _invalidate_caches()
    try:
        __import__(name)
        return sys.modules.pop(name)
    finally:
        sys.path.remove(folder)
        if saved is not None:
            sys.modules[name] = saved


def package_dir(pkg, sub=""):
    """Folder of an importable package or module, "" for None or "__main__":
    the core's answer (picoweb_core.pkgdir: a namespace package's __path__,
    the first folder holding `sub`; a frozen package's name as a path),
    without its trailing "/"."""
    if not pkg or pkg == "__main__":
        return ""
    from picoweb_core.pkgdir import package_dir as core_package_dir
    return core_package_dir(pkg, sub).rstrip("/")


def walk_files(top, suffix):
    """Paths under `top` (relative to it, "/"-separated) whose names end with suffix."""
    out = []
    stack = [""]
    while stack:
        rel = stack.pop()
        for entry in sorted(os.listdir(join(top, rel) if rel else top)):
            sub = rel + "/" + entry if rel else entry
            if isdir(join(top, sub)):
                stack.append(sub)
            elif entry.endswith(suffix):
                out.append(sub)
    out.sort()
    return out
