"""now(): the timestamp keys of btreedb, filedb and uorm apps, unique per call.

btreedb and filedb made keys from a one-second clock, so a second row created
in the same second overwrote the first. These keys carry microseconds and never
repeat or go backwards within a process, in the format SQLite's CURRENT_TIMESTAMP
uses (UTC), so they sort by creation time and next to older one-second keys:

    now() == "2026-12-04 03:30:14.000123"
"""
from . import _compat

_last = 0  # microseconds of the last key handed out


def now():
    """A new UTC timestamp key, "YYYY-MM-DD HH:MM:SS.ffffff", greater than every
    earlier one from this process (the clock may stall or step back)."""
    global _last
    us = _compat.now_us()
    if us <= _last:
        us = _last + 1
    _last = us
    secs = us // 1000000
    t = _compat.utc(secs)
    return "%04d-%02d-%02d %02d:%02d:%02d.%06d" % (t[0], t[1], t[2], t[3], t[4], t[5],
                                                    us - secs * 1000000)
