# Handling one request: hooks, routing, the handler, and turning every error
# into a response. Methods of WebApp (`self`), kept in their own module so each
# stays small for the board's compiler.
from .compat import CoroutineType, client_gone, maybe_await
from .http import HTTPError
from .values import write_value


async def dispatch(self, req, resp):
    """Run the before_request hooks, route `req` and call the handler;
    returns the handler's value."""
    # Hooks run before routing so that they also guard unknown paths.
    if self.before_hooks:
        rv = await self._before(req, resp)
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
        if not owner.inited:
            owner.inited = True
            owner.init()
        if owner.before_hooks:
            rv = await owner._before(req, resp)
            if rv is not None or resp.started:
                return rv
    if m is not None:
        req.url_match = m
    if params:
        req.params = params
    mode = extra and extra.get("headers") or owner.headers_mode
    if mode != "parse":
        self._headers_mode(req, resp, mode)
    if params:
        rv = handler(req, resp, **params)
    else:
        rv = handler(req, resp)
    if isinstance(rv, CoroutineType):
        return await rv  # the usual `async def` handler, without a wrapper coroutine
    return await maybe_await(rv)

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
    except OSError as e:
        if client_gone(e):
            raise  # the server closes the connection quietly
        await self._on_exc(req, resp, e)
    except HTTPError as e:
        await self._on_status(req, resp, e, True)
    except Exception as e:
        await self._on_exc(req, resp, e)
