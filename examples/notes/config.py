# Settings: command-line options first, then NOTES_* environment variables, then
# defaults. No argparse: MicroPython has none, and six options need no library.
from . import compat


STORAGES = ("btree", "filedb", "sqlite")
_FLAGS = ("login",)
_OPTIONS = ("host", "port", "storage", "data", "templates", "debug")


class Settings:
    """What the app is started with: `Settings.parse(["--port", "9000"])`."""

    def __init__(self, host="127.0.0.1", port=8081, storage=None, data="notes-data",
                 login=False, templates="source", debug=0):
        self.host = host
        self.port = port
        self.storage = storage or default_storage()
        self.data = data
        self.login = login
        self.templates = templates
        self.debug = debug
        self.check()

    def check(self):
        if self.storage not in STORAGES:
            raise ValueError("storage must be one of %s, not %r" % (", ".join(STORAGES), self.storage))
        if self.storage == "btree" and not compat.has_btree():
            raise ValueError("storage btree needs the btree module, which this firmware lacks: "
                             "use --storage filedb")
        if self.storage == "sqlite" and not compat.has_sqlite():
            raise ValueError("storage sqlite needs sqlite3 (CPython): use --storage filedb")
        if self.templates not in ("source", "compiled"):
            raise ValueError("templates must be source or compiled, not %r" % (self.templates,))
        if not isinstance(self.port, int) or not 0 <= self.port < 65536:
            raise ValueError("port must be 0 to 65535, not %r" % (self.port,))
        if not self.data:
            raise ValueError("data folder must not be empty")

    @classmethod
    def parse(cls, argv):
        """Settings from command-line words over the environment; ValueError on a bad one."""
        values = {}
        for name in _OPTIONS + _FLAGS:
            env = compat.getenv("NOTES_" + name.upper())
            if env is not None and env != "":
                values[name] = env
        i = 0
        while i < len(argv):
            word = argv[i]
            name = word[2:] if word.startswith("--") else None
            if "=" in (name or ""):
                name, value = name.split("=", 1)
            elif name in _OPTIONS:
                if i + 1 >= len(argv):
                    raise ValueError(word + " needs a value")
                i += 1
                value = argv[i]
            elif name in _FLAGS:
                value = "1"
            else:
                raise ValueError("unknown option %r" % word)
            if name not in _OPTIONS and name not in _FLAGS:
                raise ValueError("unknown option %r" % word)
            values[name] = value
            i += 1
        for name in ("port", "debug"):
            if name in values:
                try:
                    values[name] = int(values[name])
                except ValueError:
                    raise ValueError("%s must be a number, not %r" % (name, values[name]))
        if "login" in values:
            values["login"] = str(values["login"]).lower() in ("1", "yes", "true", "on")
        return cls(**values)


def default_storage():
    """The embedded store: btree where the runtime has it (CPython runs btree's
    API over sqlite3), else filedb (MicroPython's unix port, most boards)."""
    return "btree" if compat.has_btree() else "filedb"
