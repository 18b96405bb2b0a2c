# WebApp.dispatch and WebApp.handle: a request's way through the app, from
# the before hooks and the router to the handler, its value written, and
# every error turned into a response. Methods of WebApp (`self`); the rare
# paths (hooks, middleware, error handlers) are in hooks.py.
from .compat import CoroutineType, maybe_await
from .http import HTTPError
from .response_value import write_value


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
    if owner is not self:
        # A mounted app's request: its path, its init, hooks and middleware.
        from .hooks import GO_ON, mounted
        rv = await mounted(req, resp, path, prefix, owner)
        if rv is not GO_ON:
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
        from .peer import client_gone
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
    if self.finishing:
        # Teardown hooks and the access log, when the app has either.
        from .hooks import finish
        await finish(self, req, resp)
