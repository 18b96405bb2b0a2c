"""The client's address, on both runtimes. A leaf, loaded on first use (the
access log, picoweb's get_extra_info("peername"), plugins that key on it)."""


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
