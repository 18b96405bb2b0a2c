# Start the notes app: `main()` reads sys.argv, `main(["--port", "9000"])` a list.
import sys

from . import compat
from .config import Settings


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if "-h" in argv or "--help" in argv:
        from .usage import USAGE
        sys.stdout.write(USAGE)
        return
    try:
        if "--add-user" in argv:
            add_user(argv)
            return
        settings = Settings.parse(argv)
    except ValueError as e:
        from .usage import USAGE
        sys.stderr.write("notes: %s\n%s" % (e, USAGE))
        sys.exit(2)
    pkg = __name__[:__name__.rfind(".")]
    load_one_by_one(("picoweb_core", "picoweb_db", "picoweb_templates", "picoweb_static",
                     pkg + ".store", pkg + ".app"))
    from .app import make_app
    try:
        app = make_app(settings)
    except (ValueError, OSError) as e:
        sys.stderr.write("notes: %s\n" % (e,))
        sys.exit(1)
    load_one_by_one(())  # and what building the app left behind
    sys.stdout.write("notes: http://%s:%d/ (storage %s in %s)\n"
                     % (settings.host, settings.port, settings.storage, settings.data))
    app.run(host=settings.host, port=settings.port, debug=settings.debug)


def add_user(argv):
    # --add-user NAME [--iterations N] [--data DIR]: the password is read from stdin.
    words = list(argv)
    opts = {}
    for flag in ("--add-user", "--iterations"):
        if flag in words:
            i = words.index(flag)
            if i + 1 >= len(words):
                raise ValueError(flag + " needs a value")
            opts[flag] = words[i + 1]
            del words[i:i + 2]
    settings = Settings.parse(words)
    iterations = opts.get("--iterations")
    if iterations is not None:
        try:
            iterations = int(iterations)
        except ValueError:
            raise ValueError("--iterations must be a number")
    if getattr(sys.stdin, "isatty", lambda: False)():
        sys.stdout.write("password for %s: " % opts["--add-user"])
    password = sys.stdin.readline().rstrip("\r\n")
    from .login import add_user as store_user
    store_user(settings.data, opts["--add-user"], password, iterations)
    sys.stdout.write("notes: user %s stored in %s/users.txt\n" % (opts["--add-user"], settings.data))


def load_one_by_one(names):
    # MicroPython: import the big packages one at a time and collect after each,
    # so what the loader leaves behind is freed before the next module asks for
    # its blocks and the heap splits less (measured: 170K -> 162K smallest heap
    # from .mpy, tests/examples/notes_heap.py).
    if not compat.MICROPYTHON:
        return
    import gc
    for name in names:
        __import__(name)
        gc.collect()
    gc.collect()
