# Start the notes app: `main()` reads sys.argv, `main(["--port", "9000"])` a list.
import sys

from .config import USAGE, Settings


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if "-h" in argv or "--help" in argv:
        sys.stdout.write(USAGE)
        return
    try:
        settings = Settings.parse(argv)
    except ValueError as e:
        sys.stderr.write("notes: %s\n%s" % (e, USAGE))
        sys.exit(2)
    from .app import make_app
    try:
        app = make_app(settings)
    except (ValueError, OSError) as e:
        sys.stderr.write("notes: %s\n" % (e,))
        sys.exit(1)
    sys.stdout.write("notes: http://%s:%d/ (storage %s in %s)\n"
                     % (settings.host, settings.port, settings.storage, settings.data))
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
