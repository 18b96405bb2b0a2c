"""The command line, CPython only.

    python -m picoweb_core run module:app [--host 127.0.0.1] [--port 8081] [--debug 0]
    python -m picoweb_core build APP_DIR --out build/board ...   (see picoweb_core.build)
    python -m picoweb_core manifests [--check]

`module` is imported from the current directory (or anywhere on sys.path),
`app` is the name of its WebApp (default: app); `module:factory()` calls a
function that returns one.
"""
import os
import sys

USAGE = """usage: python -m picoweb_core run module[:app] [--host HOST] [--port PORT] [--debug N]
       python -m picoweb_core build APP_DIR [--out build/board] [options]
       python -m picoweb_core manifests [--check]
"""


class UsageError(Exception):
    pass


def load_app(spec):
    """The WebApp named by "module:attr" (attr defaults to `app`; "attr()" calls it).
    UsageError with a message a user can act on when something is missing."""
    module, _, attr = spec.partition(":")
    attr = attr or "app"
    if not module:
        raise UsageError("give the app as module:app, for example examples.hello.app:app")
    if os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        mod = __import__(module)
        for part in module.split(".")[1:]:
            mod = getattr(mod, part)
    except ModuleNotFoundError as e:
        if e.name and (module == e.name or module.startswith(e.name + ".")):
            raise UsageError("no module named %r (looked in %s and on sys.path)"
                             % (module, os.getcwd()))
        raise  # the app's own import of something else failed: show it whole
    call = attr.endswith("()")
    name = attr[:-2] if call else attr
    obj = mod
    for part in name.split("."):
        if not hasattr(obj, part):
            found = sorted(k for k, v in vars(mod).items() if _is_app(v))
            hint = " (it has: %s)" % ", ".join(found) if found else ""
            raise UsageError("module %r has no attribute %r%s" % (module, name, hint))
        obj = getattr(obj, part)
    if call:
        obj = obj()
    if not _is_app(obj):
        raise UsageError("%s:%s is a %s, not a picoweb_core.WebApp"
                         % (module, attr, type(obj).__name__))
    return obj


def _is_app(obj):
    from .app import WebApp
    return isinstance(obj, WebApp)


def parse_run(argv):
    opts = {"host": "127.0.0.1", "port": 8081, "debug": 0, "app": None}
    i = 0
    while i < len(argv):
        a = argv[i]
        value = None
        if a.startswith("--") and "=" in a:
            a, value = a.split("=", 1)
        if a in ("--host", "--port", "--debug"):
            if value is None:
                i += 1
                if i >= len(argv):
                    raise UsageError(a + " needs a value")
                value = argv[i]
            if a == "--host":
                opts["host"] = value
            else:
                try:
                    opts[a[2:]] = int(value)
                except ValueError:
                    raise UsageError("%s takes a number, not %r" % (a, value))
        elif a.startswith("-"):
            raise UsageError("unknown option " + a)
        elif opts["app"] is None:
            opts["app"] = a
        else:
            raise UsageError("one app only, got %r too" % a)
        i += 1
    if opts["app"] is None:
        raise UsageError("missing the app: module:app")
    return opts


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command in ("build", "manifests"):
        from . import build
        return build.main(rest if command == "build" else argv)
    if command != "run":
        sys.stderr.write("error: unknown command %r\n%s" % (command, USAGE))
        return 2
    try:
        opts = parse_run(rest)
        app = load_app(opts["app"])
    except UsageError as e:
        sys.stderr.write("error: %s\n%s" % (e, USAGE))
        return 2
    app.run(host=opts["host"], port=opts["port"], debug=opts["debug"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
