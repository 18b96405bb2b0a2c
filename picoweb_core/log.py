"""Optional logging, imported only when an app asks for it (debug >= 0 or a logger).

`logging` on CPython; `logging` or `ulogging` on MicroPython; on firmware
with neither, a minimal writer to stderr.
"""
import sys

from .compat import MICROPYTHON


def load_logger(debug, log=None):
    """The logger the app uses: the one passed in, `logging`/`ulogging`, or a
    minimal stderr writer. `debug=-1` imports nothing at all."""
    if log is not None or debug < 0:
        return log
    try:
        import logging
    except ImportError:
        try:
            import ulogging as logging
        except ImportError:
            return _StderrLog(debug)
    log = logging.getLogger("picoweb")
    level = logging.DEBUG if debug >= 1 else logging.INFO
    log.setLevel(level)
    # Never getLogger() without a name: pycopy-ulogging requires one. Where
    # the module has a root logger with handlers (CPython's, micropython-lib's
    # newer logging), an app that configured none gets basicConfig's.
    root = getattr(logging, "root", None)
    if root is not None and not getattr(root, "handlers", True):
        logging.basicConfig(level=level)
    return log


class _StderrLog:
    """Used on firmware that ships no logging module at all."""

    def __init__(self, debug):
        self.debug_on = debug >= 1

    def _out(self, level, msg, args):
        if args:
            msg = msg % args
        sys.stderr.write("%s:picoweb:%s\n" % (level, msg))

    def debug(self, msg, *args):
        if self.debug_on:
            self._out("DEBUG", msg, args)

    def info(self, msg, *args):
        self._out("INFO", msg, args)

    def warning(self, msg, *args):
        self._out("WARNING", msg, args)

    def error(self, msg, *args):
        self._out("ERROR", msg, args)

    def exc(self, exc, msg, *args):
        self._out("ERROR", msg, args)
        if hasattr(sys, "print_exception"):
            sys.print_exception(exc, sys.stderr)


def log_exc(log, exc, msg, *args):
    """Log an exception with its traceback on either runtime."""
    if log is None:
        return
    if hasattr(log, "exc"):
        log.exc(exc, msg, *args)
    elif MICROPYTHON:
        log.error(msg, *args)
        sys.print_exception(exc)
    else:
        log.error(msg, *args, exc_info=exc)
