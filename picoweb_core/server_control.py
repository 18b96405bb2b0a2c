"""Server methods most programs never call, installed on first use (see
lazy.py): shutdown, the bound port, waiting for the end, the access log."""
from .peer import peer_address
from .compat import asyncio, ticks_diff, ticks_ms


async def shutdown(server, timeout=10):
    """Stop accepting; run the app's on_shutdown hooks (a plugin closes its
    long-lived connections there); let requests in flight finish; close idle
    connections."""
    server.closing = True
    from .compat import maybe_await
    for hook in getattr(server.app, "shutdown_hooks", ()):
        await maybe_await(hook())
    if server.listener is not None:
        server.listener.close()
    start = ticks_ms()
    while server.conns and ticks_diff(ticks_ms(), start) < timeout * 1000:
        for r in server.conns:
            if not r.busy and not r.expired:
                r.expired = True  # close quietly, like an idle timeout
                r.task.cancel()
        await asyncio.sleep(0.01)
    if server.watchdog is not None:
        server.watchdog.cancel()
        server.watchdog = None


def port(server):
    """The port actually bound (useful after binding port 0)."""
    socks = getattr(server.listener, "sockets", None)
    return socks[0].getsockname()[1] if socks else None


async def wait_closed(server):
    """Wait until the server has shut down."""
    while not server.closing or server.conns:
        await asyncio.sleep(0.05)


def _log(server, writer, req, resp):
    """The access log line (debug >= 1)."""
    try:
        peer = peer_address(writer)[0]
    except (TypeError, IndexError, KeyError, OSError):
        peer = "-"
    server.app.log.info('%s "%s %s" %d', peer, req.method, req.path, resp.status)


METHODS = ("port", "shutdown", "wait_closed", "_log")


def load(server, name):
    from .lazy import install_method
    return install_method(server, name, globals(), METHODS)
