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
# Every public method is a real def here. The rare ones are short stubs whose
# bodies compile on first call (hooks.py, app_templates.py, files.py,
# legacy.py), so an app that never calls them never pays for them on a board.
from .compat import MICROPYTHON, CoroutineType, awaitable, client_gone, maybe_await
from .http import DEFAULT_LIMITS, HTTPError
from .response_value import write_value
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
    teardown_hooks = ()
    middleware = ()
    chain = None             # the middleware chain, built by start (hooks.build_chain)
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

    def mount(self, url, app):
        """Serve `app` under the prefix `url`, matched on whole path segments;
        its own hooks and error handlers run for the requests it serves."""
        self.router.mount(url, app)

    def before_request(self, func):
        """Run `func(req, resp)` before routing; a return value other than
        None (or a response it wrote) answers the request early."""
        self.before_hooks = self.before_hooks + (func,)
        return func

    def after_request(self, func):
        """Run `func(req, resp)` after each handler, before a returned value is
        written, so it may change `resp.status` and add to `resp.headers`."""
        self.after_hooks = self.after_hooks + (func,)
        return func

    def teardown_request(self, func):
        """Run `func(req, resp, exc)` after the response was written, also
        when the handler failed (`exc` is what was raised, else None)."""
        self.teardown_hooks = self.teardown_hooks + (func,)
        return func

    def use(self, middleware):
        """Wrap every request: `async def mw(req, resp, call_next)` sees the
        request before and the handler's value after (`rv = await
        call_next(req, resp)`), and returns the value to send. The first
        registered is the outermost; the chain is built when the app starts.

        >>> @app.use
        ... async def timing(req, resp, call_next):
        ...     t = time.ticks_ms(); rv = await call_next(req, resp)
        ...     resp.headers.append(("X-Time", str(time.ticks_ms() - t))); return rv
        """
        self.middleware = self.middleware + (middleware,)
        return middleware

    def errorhandler(self, key):
        """Decorator: `@app.errorhandler(404)` or `@app.errorhandler(ValueError)`;
        the handler is `f(req, resp, exc)` and returns a response like a route."""
        def register(func):
            from .hooks import register_error
            register_error(self, key, func)
            return func
        return register

    def install(self, plugin):
        """Install a plugin: an object with `install(app)` (and optionally `name`).

        Checked now, not at the first request.
        """
        setup = getattr(plugin, "install", None)
        if not callable(setup):
            raise TypeError("plugin %r has no install(app) method" % (plugin,))
        name = getattr(plugin, "name", None) or type(plugin).__name__
        if self.plugins is None:
            self.plugins = {}
        if name in self.plugins:
            raise ValueError("plugin %r is already installed" % name)
        setup(self)
        self.plugins[name] = plugin
        return plugin

    def init(self):
        """Called once before serving; override to set the app up."""

    # -- handling a request ----------------------------------------------

    async def dispatch(self, req, resp):
        """Run the before_request hooks, route `req` and call the handler;
        returns the handler's value."""
        # Hooks run before routing so that they also guard unknown paths.
        if self.before_hooks:
            from .hooks import run_before
            rv = await run_before(self, req, resp)
            if rv is not None or resp.started:
                return rv
        path = req.path
        if "%" in path:
            path = req.decoded_path
        route, params, m, prefix = self.router.match(req.method, path)
        handler = route[0]  # indexing, not unpacking a slice: no tuple per request
        extra = route[2]
        owner = route[3]
        if prefix:
            # picoweb 1.x: a mounted app sees the path below its prefix.
            req.mount_prefix = prefix
            req.path = req.path[len(prefix):] or "/"
        if owner is not self:
            req.owner = owner
            if not owner.inited:
                owner.inited = True
                owner.init()
            if owner.before_hooks:
                from .hooks import run_before
                rv = await run_before(owner, req, resp)
                if rv is not None or resp.started:
                    return rv
        if m is not None:
            req.url_match = m
        if params:
            req.params = params
        mode = extra and extra.get("headers") or owner.headers_mode
        if mode != "parse":
            from .hooks import headers_mode
            headers_mode(self, req, resp, mode)
        if params:
            rv = handler(req, resp, **params)
        else:
            rv = handler(req, resp)
        if isinstance(rv, CoroutineType):
            return await rv  # the usual `async def` handler, without a wrapper coroutine
        return await maybe_await(rv)

    async def handle(self, req, resp):
        """Dispatch (through the middleware, if any) and answer, turning every
        error into a response."""
        try:
            try:
                if self.chain is None:
                    rv = await self.dispatch(req, resp)
                else:
                    rv = await self.chain(req, resp)
            except HTTPError as e:
                from .hooks import on_status
                rv = await on_status(self, req, resp, e)
            if rv is False:
                resp.detached = True  # picoweb: the handler keeps the socket for pushing
                return
            if req.owner is not None and req.owner.after_hooks:
                from .hooks import run_after
                await run_after(req.owner, req, resp)
            for hook in self.after_hooks:
                await maybe_await(hook(req, resp))
            if rv is not None:
                if resp.started:
                    raise RuntimeError("handler wrote a response and also returned a value")
                await write_value(resp, rv)
            elif not resp.started:
                raise RuntimeError("handler returned None and sent nothing")
        except (MemoryError, KeyboardInterrupt, SystemExit):
            raise
        except OSError as e:
            if client_gone(e):
                raise  # the server closes the connection quietly
            from .hooks import on_exc
            await on_exc(self, req, resp, e)
        except HTTPError as e:
            from .hooks import on_status
            await on_status(self, req, resp, e, True)
        except Exception as e:
            from .hooks import on_exc
            await on_exc(self, req, resp, e)

    def handle_exc(self, req, resp, exc):
        """Default for unhandled exceptions (already logged): a 500 page if
        nothing was sent yet, else the connection is closed."""
        from .hooks import handle_exc
        return awaitable(handle_exc(self, req, resp, exc))

    # -- templates and files (picoweb 1.x) -------------------------------

    def render_template(self, writer, name, args=()):
        """Stream template `name` rendered with `args` to `writer`."""
        from .app_templates import render_template
        return awaitable(render_template(self, writer, name, args))

    def render_str(self, name, args=()):
        """Template `name` rendered with `args`, as one str."""
        from .app_templates import render_str
        return render_str(self, name, args)

    def _load_template(self, name):
        # picoweb 1.x's name for it, which some apps call themselves.
        from .app_templates import load_template
        return load_template(self, name)

    def sendfile(self, writer, fname, content_type=None, headers=None):
        """picoweb 1.x: send `fname`, relative to the app's package folder."""
        from .files import app_sendfile
        return awaitable(app_sendfile(self, writer, fname, content_type, headers))

    def parse_headers(self, reader):
        """picoweb 1.x: read header lines up to the blank one into a dict of bytes."""
        from .legacy import parse_headers
        return awaitable(parse_headers(reader))

    async def shutdown(self):
        """Stop accepting, let in-flight requests finish, close idle connections."""
        if self.server is not None:
            await self.server.shutdown()
