"""WebApp: routes, hooks, plugins, dispatch, and the documented subclassing points.

Subclassing points (override in a subclass):
- `init()`: called once before the first request (lazily for mounted apps
  when `run(lazy_init=True)`); load config, open stores, preload templates.
- `dispatch(req, resp)`: route and call the handler; returns what it returned.
- `handle_exc(req, resp, exc)`: an exception no error handler took. The
  default logs it and sends a 500 page when nothing was sent yet, or lets the
  server close the connection otherwise; it never sends a second status line.
- `serve(loop, host, port)` / `start_server(host, port)`: how it listens.
"""
from . import compat
from .compat import maybe_await
from .http import DEFAULT_LIMITS, HTTPError
from .request import Headers
from .response import write_value
from .routing import Router


class WebApp:
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
    # Connections served at once; more wait for a free slot (a board's RAM is the cap).
    max_connections = 16 if compat.MICROPYTHON else 256
    # Listening backlog; MicroPython's default of 5 overflows under a browser's bursts.
    backlog = 16
    # Bytes read from the socket at a time.
    read_chunk = 512

    def __init__(self, pkg=None, routes=None, serve_static=True, limits=None):
        self.pkg = pkg.split(".")[0] if isinstance(pkg, str) else pkg
        self.router = Router(self)
        self.url_map = []
        self.mounts = []
        self.limits = limits if limits is not None else DEFAULT_LIMITS
        self.before_hooks = []
        self.after_hooks = []
        self.status_handlers = {}
        self.exc_handlers = []
        self.plugins = {}
        self.headers_mode = "parse"
        self.serve_static = serve_static
        self.template_loader = None
        self.inited = False
        self.debug = -1
        self.log = None
        self.server = None
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
        """Serve `app` under the prefix `url`, matched on whole path segments."""
        self.router.mount(url, app)
        self.mounts.append((url, app))

    def before_request(self, func):
        """Run `func(req, resp)` before each handler; a return value other than
        None (or a response it wrote) answers the request early."""
        self.before_hooks.append(func)
        return func

    def after_request(self, func):
        """Run `func(req, resp)` after each handler, before a returned value is
        written, so it may change `resp.status` and add to `resp.headers`."""
        self.after_hooks.append(func)
        return func

    def errorhandler(self, key):
        """Decorator: `@app.errorhandler(404)` or `@app.errorhandler(ValueError)`;
        the handler is `f(req, resp, exc)` and returns a response like a route."""
        def register(func):
            if isinstance(key, int):
                self.status_handlers[key] = func
            elif isinstance(key, type) and issubclass(key, BaseException):
                self.exc_handlers.append((key, func))
            else:
                raise TypeError("errorhandler key must be a status code or an exception class")
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
        if name in self.plugins:
            raise ValueError("plugin %r is already installed" % name)
        setup(self)
        self.plugins[name] = plugin
        return plugin

    def init(self):
        """Called once before serving; override to set the app up."""

    def _init_all(self):
        if not self.inited:
            self.inited = True
            self.init()
        for _, app in self.mounts:
            app.debug = self.debug
            app.log = self.log
            app._init_all()

    # -- handling a request ----------------------------------------------

    async def dispatch(self, req, resp):
        """Run the before_request hooks, route `req` and call the handler;
        returns the handler's value."""
        # Hooks run before routing so that they also guard unknown paths.
        rv = await self._before(req, resp)
        if rv is not None or resp.started:
            return rv
        route, params, m = self.router.match(req.method, req.decoded_path)
        owner = route.app
        if owner is not self:
            if not owner.inited:
                owner.inited = True
                owner.init()
            rv = await owner._before(req, resp)
            if rv is not None or resp.started:
                return rv
        req.url_match = m
        req.params = params
        mode = (route.extra or {}).get("headers") or owner.headers_mode
        if mode != "parse":
            self._headers_mode(req, resp, mode)
        if params:
            rv = route.handler(req, resp, **params)
        else:
            rv = route.handler(req, resp)
        return await maybe_await(rv)

    async def _before(self, req, resp):
        for hook in self.before_hooks:
            rv = await maybe_await(hook(req, resp))
            if rv is not None or resp.started:
                return rv
        return None

    def _headers_mode(self, req, resp, mode):
        if mode == "leave":
            # The handler reads the header lines itself from req.reader.
            req.reader.pos = req.head_lines
            req._left = 0
        elif mode != "skip":
            raise ValueError("headers mode must be 'parse', 'skip' or 'leave', not %r" % mode)
        req.headers = Headers()
        resp.keep = False

    async def handle(self, req, resp):
        """Dispatch and answer, turning every error into a response."""
        try:
            try:
                rv = await self.dispatch(req, resp)
            except HTTPError as e:
                rv = await self._on_status(req, resp, e)
            if rv is False:
                resp.detached = True  # picoweb: the handler keeps the socket for pushing
                return
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
        except HTTPError as e:
            await self._on_status(req, resp, e, True)
        except Exception as e:
            await self._on_exc(req, resp, e)

    async def _on_status(self, req, resp, e, write=False):
        handler = self.status_handlers.get(e.status)
        if handler is not None:
            rv = await maybe_await(handler(req, resp, e))
            if not write or rv is None:
                return rv
            if not resp.started:
                return await write_value(resp, rv)
        if resp.started:
            resp.fail()
            return None
        headers = None
        message = e.message
        if e.status == 405 and isinstance(message, list):
            headers = [("Allow", ", ".join(message))]
            message = None
        await resp._http_error(e.status, message, headers)
        return None

    async def _on_exc(self, req, resp, e):
        for cls, handler in self.exc_handlers:
            if isinstance(e, cls):
                try:
                    rv = await maybe_await(handler(req, resp, e))
                    if rv is not None and not resp.started:
                        await write_value(resp, rv)
                    return
                except HTTPError as e2:
                    return await self._on_status(req, resp, e2, True)
        await maybe_await(self.handle_exc(req, resp, e))

    async def handle_exc(self, req, resp, exc):
        """Default for unhandled exceptions: log, then a 500 page if nothing was sent."""
        if self.log is not None:
            from .log import log_exc
            log_exc(self.log, exc, "%s %s: %r", req.method, req.path, exc)
        if resp.started:
            resp.fail()  # mid-response: the only honest signal is closing
        else:
            await resp._http_error(500)

    # -- templates (the engine is a plugin that sets template_loader) -----

    def _load_template(self, name):
        if self.template_loader is None:
            raise RuntimeError("no template engine installed: "
                               "app.install(picoweb_templates.Templates(...))")
        return self.template_loader.load(name)

    async def _render_template(self, writer, name, args=()):
        for chunk in self._load_template(name)(*args):
            await writer._awrite(chunk)

    def render_str(self, name, args=()):
        """A rendered template as one str."""
        return "".join(self._load_template(name)(*args))

    render_template = compat.bridge(_render_template)

    # -- serving ----------------------------------------------------------

    def _setup(self, debug, log):
        self.debug = int(debug)
        if log is not None or self.debug >= 0:
            from .log import load_logger
            log = load_logger(self.debug, log)
        self.log = log

    async def start_server(self, host="127.0.0.1", port=8081, debug=-1, log=None,
                           lazy_init=False):
        """Listen without blocking, for apps that run other tasks in the same loop.

        >>> server = await app.start_server("0.0.0.0", 80)
        >>> await server.wait_closed()
        """
        from .server import Server
        self._setup(debug, log)
        if not lazy_init:
            self._init_all()
        self.server = Server(self)
        await self.server.start(host, port)
        return self.server

    def serve(self, loop, host, port):
        """picoweb 1.x: schedule the server on `loop` (run it yourself)."""
        loop.create_task(self.start_server(host, port, self.debug, self.log))

    def run(self, host="127.0.0.1", port=8081, debug=False, lazy_init=False, log=None):
        """Serve forever. debug: -1 no logging at all, 0 errors and start-up,
        1 an access line per request, 2 more detail."""
        loop = compat.get_event_loop()
        loop.run_until_complete(self.start_server(host, port, debug, log, lazy_init))
        if self.log:
            self.log.info("listening on http://%s:%d/", host, port)
        try:
            loop.run_forever()
        except KeyboardInterrupt:
            pass

    async def shutdown(self):
        """Stop accepting, let in-flight requests finish, close idle connections."""
        if self.server is not None:
            await self.server.shutdown()
