"""Hooks and error dispatch off the hot path: before/after/teardown hooks,
middleware, error handlers by status and by exception class, the default
answer to an unhandled exception, picoweb's header modes. Functions of a
WebApp (`app`), compiled the first time an app registers or needs one.

A request served by a mounted app runs the parent's before hooks, then the
sub-app's; the sub-app's after hooks, then the parent's; and the sub-app's
error handlers are asked before the parent's (as in microdot and Flask's
blueprints).
"""
from .compat import maybe_await
from .http import HTTPError
from .response_value import write_value


async def run_before(app, req, resp):
    for hook in app.before_hooks:
        rv = await maybe_await(hook(req, resp))
        if rv is not None or resp.started:
            return rv
    return None


GO_ON = object()  # mounted(): the request goes on to the sub-app's handler


async def mounted(req, resp, path, prefix, owner):
    """Enter the mounted app `owner` (WebApp.dispatch): the path below the
    prefix (picoweb 1.x), its init() on first use, then its middleware
    (which ends in its own dispatch) or its before hooks. GO_ON, or the
    value that answers the request."""
    if prefix:
        req.mount_prefix = prefix
        req.path = req.path[len(prefix):] or "/"
        req.decoded_path = path[len(prefix):] or "/"
    req.owner = owner
    if not owner.inited:
        owner.inited = True
        owner.init()
    if owner.chain is not None:
        # The sub-app's own middleware wraps its part of the request: it ends
        # in the sub-app's dispatch, which routes the path below the prefix.
        return await owner.chain(req, resp)
    if owner.before_hooks:
        rv = await run_before(owner, req, resp)
        if rv is not None or resp.started:
            return rv
    return GO_ON


async def run_after(app, req, resp):
    for hook in app.after_hooks:
        await maybe_await(hook(req, resp))


async def finish(app, req, resp):
    # After the response went out, also when the handler failed (resp.error):
    # the teardown hooks (a mounted app's first), then the access log line.
    # A teardown hook that fails is logged and does not stop the others.
    owner = req.owner
    for a in (owner, app) if owner is not None else (app,):
        for hook in getattr(a, "teardown_hooks", ()):
            try:
                await maybe_await(hook(req, resp, resp.error))
            except Exception as e:
                if app.log is not None:
                    from .log import log_exc
                    log_exc(app.log, e, "teardown hook failed: %r", e)
    if app.debug >= 1 and app.log is not None and app.server is not None:
        app.server._log(resp.w, req, resp)


def _apps(app, req):
    # The apps whose error handlers answer, the most specific first.
    owner = req.owner
    return (owner, app) if owner is not None else (app,)


async def on_status(app, req, resp, e, write=False):
    """Answer HTTPError `e` with the first error handler for its status, or
    a plain error page."""
    resp.error = e
    for a in _apps(app, req):
        handler = a.status_handlers and a.status_handlers.get(e.status)
        if handler is not None:
            rv = await maybe_await(handler(req, resp, e))
            if not write or rv is None:
                return rv
            if not resp.started:
                return await write_value(resp, rv)
            break
    if resp.started:
        resp.fail()
        return None
    headers = None
    message = e.message
    if e.status == 405 and isinstance(message, list):
        headers = [("Allow", ", ".join(message))]
        message = None
    from .response_helpers import http_error
    await http_error(resp, e.status, message, headers)
    return None


async def on_exc(app, req, resp, e):
    """Answer exception `e` with the most specific registered handler
    (whatever the registration order), else log it and call handle_exc."""
    resp.error = e
    best = None
    for a in _apps(app, req):
        for cls, handler in a.exc_handlers:
            if isinstance(e, cls) and (best is None or issubclass(cls, best[0])):
                best = (cls, handler)
        if best is not None:
            break
    if best is None:
        if app.log is not None:
            from .log import log_exc
            log_exc(app.log, e, "%s %s: %r", req.method, req.path, e)
        started = resp.started
        await maybe_await(app.handle_exc(req, resp, e))
        if started:
            resp.fail()  # whatever handle_exc did, the cut response can't go on
        return
    try:
        rv = await maybe_await(best[1](req, resp, e))
        if rv is not None and not resp.started:
            await write_value(resp, rv)
    except HTTPError as e2:
        await on_status(app, req, resp, e2, True)


async def handle_exc(app, req, resp, exc):
    # WebApp.handle_exc's default.
    if resp.started:
        resp.fail()
    else:
        from .response_helpers import http_error
        await http_error(resp, 500)


def register_error(app, key, func):
    # WebApp.errorhandler's registration.
    if isinstance(key, int):
        if app.status_handlers is None:
            app.status_handlers = {}
        app.status_handlers[key] = func
    elif isinstance(key, type) and issubclass(key, BaseException):
        app.exc_handlers = app.exc_handlers + ((key, func),)
    else:
        raise TypeError("errorhandler key must be a status code or an exception class")


def headers_mode(app, req, resp, mode):
    # picoweb 1.x's per-route header modes.
    if mode == "leave":
        # The handler reads the header lines itself from req.reader.
        r = req.reader
        start = r.head_at
        while r.buf[start] in (10, 13):  # blank lines before the request line
            start += 1
        r.pos = r.buf.find(b"\n", start) + 1
        req.framing = None
    elif mode != "skip":
        raise ValueError("headers mode must be 'parse', 'skip' or 'leave', not %r" % mode)
    # picoweb 1.x: in these modes the request has no headers attribute at all.
    try:
        del req.headers
    except AttributeError:
        pass  # never looked at
    req._h = None
    resp.keep = False


def route_option(app, url, func, key, value):
    # add_url_rule's keywords other than methods and headers: each must have
    # been provided by an installed plugin (WebApp.add_route_option).
    apply = app.route_options and app.route_options.get(key)
    if apply is None:
        raise TypeError("route %r: unknown route option %r (install the plugin that "
                        "provides it first)" % (url, key))
    return apply(func, value, url)


class Next:
    """`call_next` of a middleware: calling it runs the rest of the chain
    (the next middleware, or the app's dispatch) and returns its value."""

    def __init__(self, mw, then):
        self.mw = mw
        self.then = then

    def __call__(self, req, resp):
        return maybe_await(self.mw(req, resp, self.then))


def build_chain(app):
    """The middleware chain, built once when the app starts: the first
    registered middleware is the outermost."""
    chain = app.dispatch
    for mw in reversed(app.middleware):
        chain = Next(mw, chain)
    return chain
