# Settings, a base of WebApp: the class attributes an app tunes by setting
# them on a subclass (timeouts, the concurrency cap, the listen backlog), and
# the defaults of its hook and handler tables, kept on the class so that an
# app that never sets them spends no heap on them (registering gives an
# instance its own). In its own module so that a board compiles WebApp in
# small pieces.
from .compat import MICROPYTHON


class Settings:
    """WebApp's settings and defaults (see WebApp)."""

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
