"""Where a package's files are (its static/ and templates/ folders)."""
import sys


_dirs = {}  # package name -> its folder, found once


def package_dir(pkg):
    """The folder of package (or module) `pkg`, with a trailing "/"; "" for
    None or "__main__", where picoweb 1.x opened files relative to the cwd."""
    if not pkg or pkg == "__main__":
        return ""
    d = _dirs.get(pkg)
    if d is None:
        mod = sys.modules.get(pkg) or __import__(pkg)
        path = getattr(mod, "__path__", None)
        if path is not None and not isinstance(path, str):
            path = path[0]  # CPython: a list; MicroPython: a str
        if path is None:
            path = getattr(mod, "__file__", "") or ""
            path = path[:path.rfind("/") + 1]
        d = path if not path or path.endswith("/") else path + "/"
        _dirs[pkg] = d
    return d
