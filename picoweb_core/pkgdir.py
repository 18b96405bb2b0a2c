"""Where a package's files are (its static/ and templates/ folders): the one
implementation, for the core and the plugins."""
import sys

_dirs = {}  # (package name, sub) -> (its module, its folder)


def package_dir(pkg, sub=""):
    """The folder of package (or module) `pkg`, with a trailing "/"; "" for
    None or "__main__", where picoweb 1.x opened files relative to the cwd.

    A package's folders are its `__path__`, so a namespace package (no
    `__init__.py`, as some picoweb apps ship) is found wherever it is
    imported from; where it spans several folders, the first holding `sub`
    wins. A module frozen into the firmware has no folder: its name as a
    path ("pkg/") is returned, for loaders that then use compiled modules.

    >>> package_dir("myapp", "templates")   # e.g. "/lib/myapp/"
    """
    if not pkg or pkg == "__main__":
        return ""
    mod = sys.modules.get(pkg)
    if mod is None:
        __import__(pkg)
        mod = sys.modules[pkg]  # __import__ gives the top package of a dotted name
    key = (pkg, sub)
    found = _dirs.get(key)
    if found is not None and found[0] is mod:
        return found[1]  # found once per module object (a reloaded one is looked up again)
    d = _folder(mod, sub)
    if d is None:
        d = pkg.replace(".", "/")
    d = d if not d or d.endswith("/") else d + "/"
    _dirs[key] = (mod, d)
    return d


def _folder(mod, sub):
    import os
    dirs = getattr(mod, "__path__", None)
    if dirs is not None:
        dirs = [dirs] if isinstance(dirs, str) else list(dirs)  # a str on MicroPython
        for d in dirs:
            if sub:
                try:
                    os.stat(d.rstrip("/") + "/" + sub)
                except OSError:
                    continue
            return d
        return dirs[0] if dirs else None
    path = getattr(mod, "__file__", None)
    if not path:
        return None
    return path[:path.rfind("/") + 1]  # "" for a module in the current folder
