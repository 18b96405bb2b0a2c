"""A finished connection's objects are not kept alive by the server (CPython,
in process: weak references tell whether anything still holds them).

On a board a reader, its task and its buffers held past the connection's end
are heap the next connection cannot use.
"""
import asyncio
import gc
import socket
import weakref

import picoweb_core


def test_a_closed_connection_is_not_held_by_the_watchdog():
    app = picoweb_core.WebApp(__name__)
    refs = []

    @app.route("/")
    async def index(req, resp):
        refs.append(weakref.ref(req.reader))
        # Long enough for the watchdog (every 0.25 s) to see the connection.
        await asyncio.sleep(0.6)
        return "done"

    async def client(port):
        loop = asyncio.get_event_loop()
        s = socket.create_connection(("127.0.0.1", port))
        s.setblocking(False)
        await loop.sock_sendall(s, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = await loop.sock_recv(s, 4096)
            if not chunk:
                break
            data += chunk
        s.close()
        return data

    async def main():
        server = await app.start_server("127.0.0.1", 0, debug=-1)
        try:
            data = await client(server.port())
            # The watchdog wakes again with no connection open: nothing of
            # the last one may stay in its frame while it sleeps.
            await asyncio.sleep(0.6)
            gc.collect()
            return data, [r() is None for r in refs]  # while the server still runs
        finally:
            await server.shutdown()

    data, freed = asyncio.run(main())
    assert data.startswith(b"HTTP/1.1 200") and data.endswith(b"done")
    assert freed == [True]
