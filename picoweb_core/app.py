# WebApp: routes, hooks, plugins, dispatch, and the documented subclassing points.
#
# Subclassing points (override in a subclass; call super() for the default):
# - `init()`: called once before the first request (lazily for mounted apps
#   when `run(lazy_init=True)`); load config, open stores, preload templates.
# - `dispatch(req, resp)`: route and call the handler; returns what it returned.
# - `handle(req, resp)`: dispatch and answer, turning every error into a response.
# - `handle_exc(req, resp, exc)`: an exception no error handler took (already
#   logged at debug >= 0). The default sends a 500 page when nothing was sent
#   yet, or lets the server close the connection otherwise; the core never
#   sends a second status line.
# - `serve(loop, host, port)` / `start_server(host, port)`: how it listens (serving.py).
# - `mount`, `install`, `route`, `add_url_rule`, the hook decorators: how it is built.
#
# What every app needs is here and in the Serving base (serving.py: run,
# serve, start_server, shutdown). The methods fewer apps use (mount, hooks,
# middleware, errorhandler, install, templates, sendfile) are in app_setup.py,
# installed on WebApp on first use, when WebApp is subclassed (so super()
# finds them) and at import on CPython (help(), dir()). Their bodies in turn
# load what they need on first call (hooks.py, app_templates.py, files.py).
from . import app_dispatch
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
    # heap on them; registering gives an instance its own.
    headers_mode = "parse"   # picoweb 1.x: "parse", "skip" or "leave"
    before_hooks = ()
    after_hooks = ()
    chain = None             # the middleware chain, built by use() (hooks.build_chain)
    finishing = False        # teardown hooks or an access log: hooks.finish runs
    status_handlers = None
    route_options = None     # keyword -> apply(handler, value, url), from plugins
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
        if type(self) is not WebApp:
            # A subclass may override a lazily installed method and call
            # super(), which does not go through __getattr__: install them now.
            from .app_setup import install_all
            install_all(WebApp)
        if routes:
            # Copied, never mutated: picoweb 1.x appended to the caller's list.
            for entry in routes:
                self.add_url_rule(entry[0], entry[1], **(entry[2] if len(entry) > 2 else {}))

    def add_url_rule(self, url, func, methods=None, **extra):
        """Register `func` for `url` (str with <placeholders>, or a compiled regex).

        Routes without `methods` accept every method, as in picoweb; otherwise
        other methods get 405 with an Allow header. `headers="skip"` or
        `"leave"` is picoweb's header mode; any other keyword must be a route
        option that an installed plugin provides (`add_route_option`), so a
        misspelt or unprovided one (`auth=` with no auth plugin) is an error
        here, never a silently unprotected route.
        """
        if methods is None and "methods" in extra:
            methods = extra.pop("methods")
        for key in extra:
            if key != "headers":
                from .hooks import route_option
                func = route_option(self, url, func, key, extra[key])
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

    def __getattr__(self, name):
        # The methods fewer apps use (app_setup.METHODS: mount, the hook
        # decorators, use, errorhandler, install, templates, sendfile),
        # installed on the class on first use.
        from .app_setup import load
        return load(self, name)

    def init(self):
        """Called once before serving; override to set the app up."""

    # -- handling a request ----------------------------------------------

    # The request's way through the app (app_dispatch.py, a module of its own
    # so that a board compiles WebApp in two small pieces); both are
    # subclassing points: override them and call super().
    dispatch = app_dispatch.dispatch
    handle = app_dispatch.handle
