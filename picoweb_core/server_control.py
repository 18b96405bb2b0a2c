"""Server methods most programs never call, installed on first use (see
lazy.py): shutdown, the bound port, waiting for the end, the access log."""
from .peer import peer_address
from .compat import asyncio, ticks_diff, ticks_ms


async def start_tls(server, host, port, context):
    """Listen with TLS: `context` an ssl.SSLContext with the certificate."""
    from .compat import MICROPYTHON
    if MICROPYTHON:
        raise ValueError("TLS (ssl=) is served on CPython; on a board, put the "
                         "server behind a TLS proxy or use plain HTTP on a trusted network")
    from .compat_cpython import start_tls_server
    return await start_tls_server(server._serve, host, port, server.app.backlog, context)


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
