"""Every CPython / MicroPython difference the static-files plugin meets, in one place.

MicroPython has no os.path, no stat module, no os.lstat and no realpath, and
its `os.stat` follows symlinks. What it does have is `os.ilistdir`, whose
entry type on the unix port is the d_type shifted into stat's S_IFMT bits, so
a symlink shows up there as S_IFLNK. Boards' FAT and LittleFS have no
symlinks at all, so nothing is checked there.
"""
import errno
import os
import sys
import time

S_IFMT = 0xF000
S_IFDIR = 0x4000
S_IFREG = 0x8000
S_IFLNK = 0xA000

MICROPYTHON = sys.implementation.name == "micropython"

# Ports whose filesystem can hold symlinks: the unix port (and CPython).
_POSIX = sys.platform in ("linux", "darwin", "freebsd", "netbsd", "openbsd", "dragonfly")


def stat(path):
    """`(mode, size, mtime)` of `path` (symlinks followed), or None if absent."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    # Both runtimes index stat results the same way; st[8] is an int mtime.
    return st[0] & S_IFMT, st[6], st[8]


if not MICROPYTHON:
    def is_link(folder, name):
        """True when `folder/name` is a symlink (not followed)."""
        try:
            return (os.lstat(folder + "/" + name).st_mode & S_IFMT) == S_IFLNK
        except OSError:
            return False

elif _POSIX and hasattr(os, "ilistdir"):
    def is_link(folder, name):
        # No lstat here: find the entry in its folder's listing and read its type.
        # Costs one scan of the folder per path segment, on the unix port only.
        try:
            for entry in os.ilistdir(folder):
                if entry[0] == name:
                    return (entry[1] & S_IFMT) == S_IFLNK
        except OSError:
            pass
        return False

else:
    def is_link(folder, name):
        # Board filesystems (FAT, LittleFS) cannot hold symlinks.
        return False


# The core's own tests, so the plugin mutes exactly what the core mutes and
# finds a package's folders the way the core does (namespace packages too).
from picoweb_core.peer import client_gone  # noqa: E402
from picoweb_core.pkgdir import package_dir  # noqa: E402


def package_folder(package, folder):
    """The folder `folder` inside the installed package (or module) `package`.

    >>> package_folder("myapp", "static")   # e.g. "/lib/myapp/static"
    """
    base = package_dir(package, folder)
    mod = __import__(package)
    if not getattr(mod, "__file__", None) and not getattr(mod, "__path__", None):
        # Frozen into the firmware: its files are not on any filesystem.
        raise ValueError("package %r has no folder on the filesystem" % package)
    base = base.rstrip("/") or "."
    return base + "/" + folder if folder else base


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def utc_fields(mtime):
    """`(year, month, day, hour, minute, second, weekday)` of an mtime.

    time.gmtime uses the same epoch as os.stat on every port (1970 on unix,
    2000 on older boards), so no epoch arithmetic is needed.
    """
    return tuple(time.gmtime(mtime)[:7])


def http_date(mtime):
    """IMF-fixdate, as Last-Modified wants: "Sun, 06 Nov 1994 08:49:37 GMT"."""
    y, mo, d, h, mi, s, wd = utc_fields(mtime)
    return "%s, %02d %s %04d %02d:%02d:%02d GMT" % (_DAYS[wd], d, _MONTHS[mo - 1], y, h, mi, s)


def parse_http_date(value):
    """`(year, month, day, hour, minute, second)` from an IMF-fixdate, else None.

    The obsolete RFC 850 and asctime forms are not understood; an unreadable
    date is ignored, which only costs a full response instead of a 304.
    """
    parts = value.split()
    if len(parts) != 6 or parts[5] != "GMT" or parts[2] not in _MONTHS:
        return None
    hms = parts[4].split(":")
    if len(hms) != 3:
        return None
    try:
        return (int(parts[3]), _MONTHS.index(parts[2]) + 1, int(parts[1]),
                int(hms[0]), int(hms[1]), int(hms[2]))
    except ValueError:
        return None
