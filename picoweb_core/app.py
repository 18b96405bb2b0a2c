# WebApp: routes, hooks, plugins, dispatch, and the documented subclassing points.
#
# Subclassing points (override in a subclass):
# - `init()`: called once before the first request (lazily for mounted apps
#   when `run(lazy_init=True)`); load config, open stores, preload templates.
# - `dispatch(req, resp)`: route and call the handler; returns what it returned.
# - `handle_exc(req, resp, exc)`: an exception no error handler took (already
#   logged at debug >= 0). The default sends a 500 page when nothing was sent
#   yet, or lets the server close the connection otherwise; the core never
#   sends a second status line.
# - `serve(loop, host, port)` / `start_server(host, port)`: how it listens.
from . import handling
from .compat import MICROPYTHON
from .http import DEFAULT_LIMITS
from .routing import Router
from .serving import Serving


class WebApp(Serving):
    """A web application.

    >>> app = WebApp(__name__)
    >>> @app.route("/hello/<name>")
    ... async def hello(req, resp, name):
    ...     return "Hello, " + name
    >>> app.run(port=8081)
    """

    # Seconds a keep-alive connection may sit idle between requests.
    keepalive_timeout = 5
    # Seconds a client may take to send a request head, or to send more of a body.
    request_timeout = 10
    # Connections served at once (a board's RAM is the cap).
    max_connections = 16 if MICROPYTHON else 256
    # Connections past the cap that wait for a slot (each holds a socket and
    # two tasks, so a board keeps this small); the rest get 503 at once.
    max_waiting = 4 if MICROPYTHON else 256
    # Listening backlog; MicroPython's default of 5 overflows under a browser's bursts.
    backlog = 16
    # Bytes read from the socket at a time.
    read_chunk = 512

    # Defaults kept on the class, so an app that never sets them spends no
    # heap on them; the methods in extras.py give an instance its own.
    headers_mode = "parse"   # picoweb 1.x: "parse", "skip" or "leave"
    mounts = ()
    before_hooks = ()
    after_hooks = ()
    status_handlers = None
    exc_handlers = ()
    plugins = None
    template_loader = None   # set by a template plugin
    # The engine loaded for picoweb 1.x apps that render without installing one:
    # a module with Templates(folder, pkg=..., autoescape=...).
    template_engine = "picoweb_templates"
    inited = False
    static_added = False
    debug = -1
    log = None
    server = None

    def __init__(self, pkg=None, routes=None, serve_static=True, limits=None):
        self.pkg = pkg.split(".")[0] if isinstance(pkg, str) else pkg
        self.router = Router(self)
        self.url_map = []
        self.limits = limits if limits is not None else DEFAULT_LIMITS
        self.serve_static = serve_static
        if routes:
            # Copied, never mutated: picoweb 1.x appended to the caller's list.
            for entry in routes:
                self.add_url_rule(entry[0], entry[1], **(entry[2] if len(entry) > 2 else {}))

    # -- building the app -------------------------------------------------

    def add_url_rule(self, url, func, methods=None, **extra):
        """Register `func` for `url` (str with <placeholders>, or a compiled regex).

        Routes without `methods` accept every method, as in picoweb; otherwise
        other methods get 405 with an Allow header. Other keywords are kept as
        the route's `extra` (for example `headers="skip"`).
        """
        if methods is None and "methods" in extra:
            methods = extra.pop("methods")
        if methods is not None:
            extra["methods"] = methods
        self.url_map.append((url, func, extra))
        self.router.add(url, func, methods, extra)

    def route(self, url, **kwargs):
        """Decorator form of add_url_rule: `@app.route("/", methods=["GET"])`."""
        def register(func):
            self.add_url_rule(url, func, **kwargs)
            return func
        return register

    # Handling a request (handling.py): dispatch() is a subclassing point.
    dispatch = handling.dispatch
    handle = handling.handle

    def init(self):
        """Called once before serving; override to set the app up."""

    def __getattr__(self, name):
        # The methods fewer apps use (mount, hooks, errorhandler, install,
        # error pages, templates, handle_exc, sendfile, shutdown) live in extras.py.
        from .extras import load
        return load(self, name)

    # -- handling a request ----------------------------------------------
