"""picoweb_websocket: WebSocket routes (RFC 6455) for picoweb_core apps.

    import picoweb_core
    from picoweb_websocket import with_websocket

    app = picoweb_core.WebApp(__name__)

    @app.route("/echo")
    @with_websocket                       # or @with_websocket(max_message=1024)
    async def echo(req, ws):
        async for msg in ws:              # str (text) or bytes (binary)
            await ws.send(msg)

Loaded only when an app imports it; it talks to the core through a route
handler that answers the upgrade itself and keeps the connection until the
WebSocket closes (so each one counts against `max_connections`).
"""
import gc

# Leaves first, collecting the compiler's scratch memory after each: on a
# board, left for later it splits the heap into holes too small for the next.
from .compat import MAX_MESSAGE, CancelledError, client_gone  # noqa: I001
gc.collect()
from .frames import ProtocolError  # noqa: E402
gc.collect()
from .handshake import accept_key, check, response_head  # noqa: E402
gc.collect()
from .connection import OPEN, ConnectionClosed, WebSocket, close_all  # noqa: E402
gc.collect()

__all__ = ("with_websocket", "WebSocket", "ConnectionClosed", "ProtocolError", "close_all",
           "accept_key", "MAX_MESSAGE")

_HOOKED = []  # apps whose shutdown() closes their WebSockets first


def _hook_shutdown(app):
    # The core has no shutdown hook for plugins: the app's shutdown() is
    # shadowed, once, by one that first sends 1001 to the app's open
    # WebSockets, then removes itself and calls the core's (looked up only
    # then: on a board, loading it costs heap that a handshake should not).
    for a in _HOOKED:
        if a is app:
            return
    _HOOKED.append(app)

    async def shutdown(*args, **kw):
        if "shutdown" in app.__dict__:
            del app.shutdown
        if app in _HOOKED:
            _HOOKED.remove(app)
        await close_all(app)
        return await app.shutdown(*args, **kw)

    app.shutdown = shutdown


async def _serve(handler, req, resp, params, max_message, close_timeout, subprotocols,
                 ping_interval):
    answer = check(req.method, req.headers, subprotocols, req.version)
    if len(answer) == 3:
        return answer  # not a valid upgrade: a plain HTTP answer
    app = req.app
    _hook_shutdown(app)
    resp.status = 101  # for the access log
    await resp.awrite(response_head(answer[0], answer[1]))
    ws = WebSocket(req, resp, max_message, close_timeout, answer[1], ping_interval)
    OPEN.append(ws)
    try:
        await handler(req, ws, **params)
        await ws.close(1000)
    except ConnectionClosed:
        await ws.close(1000)  # finish the handshake the other side began
    except CancelledError:
        raise
    except Exception as e:
        if isinstance(e, OSError) and client_gone(e):
            return None
        try:
            await ws.close(1011, "internal error")
        except Exception:
            pass
        raise  # the app logs it; the connection is closed
    finally:
        OPEN.remove(ws)
    return None


def with_websocket(handler=None, max_message=None, close_timeout=5, subprotocols=(),
                   ping_interval=None):
    """Decorator turning `async def handler(req, ws, **params)` into a route
    handler that upgrades the connection. A request that is not a WebSocket
    handshake gets 426 (or 400 for a bad key, 405 for a method other than GET).

    max_message: bytes per message (1009 past it; default MAX_MESSAGE).
    close_timeout: seconds to wait for the peer's close frame.
    subprotocols: names the server speaks, in order of preference.
    ping_interval: seconds of silence before receive() pings the peer; as
        long again without anything from it and the connection is dropped
        as lost (1006). None: an idle peer is never checked.
    """
    if max_message is None:
        max_message = MAX_MESSAGE

    def wrap(func):
        async def upgrade(req, resp, **params):
            return await _serve(func, req, resp, params, max_message, close_timeout,
                                subprotocols, ping_interval)
        return upgrade

    if handler is not None:
        return wrap(handler)
    return wrap
