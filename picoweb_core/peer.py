"""The other end of a connection: whether an error means the client went
away, and the client's address, on both runtimes. Loaded on first use (an
error, the access log, picoweb's get_extra_info("peername"), plugins)."""
from .compat import GONE_TYPE

# errno values that mean "the client went away": muted, never a 500 or a traceback.
GONE = (32, 103, 104, 107, 110)  # EPIPE, ECONNABORTED, ECONNRESET, ENOTCONN, ETIMEDOUT


def client_gone(exc):
    """Whether `exc` means the client went away (the one test of it: the
    core and the plugins mute exactly these)."""
    return isinstance(exc, OSError) and (
        isinstance(exc, GONE_TYPE) or bool(exc.args) and exc.args[0] in GONE)


def peer_address(writer):
    """("ip", port) of the client; MicroPython's unix port gives a raw sockaddr."""
    addr = writer.get_extra_info("peername")
    if isinstance(addr, (bytes, bytearray)):
        import socket
        _, ip, port = socket.sockaddr(addr)
        if isinstance(ip, (bytes, bytearray)):
            ip = ".".join(str(b) for b in ip) if len(ip) == 4 else socket.inet_ntop(10, ip)
        addr = (ip, port)
    return addr
