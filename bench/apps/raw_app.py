"""The ceiling: a raw asyncio server that answers every request head with a
canned response, no parsing. Both runtimes.

    python bench/apps/raw_app.py PORT
    micropython bench/apps/raw_app.py PORT

It finds head ends with a byte search and honours `Connection: close` by the
same kind of search (no header parsing): wrk's requests are small enough that
one read holds one whole request, body included.
"""
import sys

try:
    import asyncio
except ImportError:
    import uasyncio as asyncio

BODY = b"Hello, world!"
KEEP = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n"
        % len(BODY)) + BODY
CLOSE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
         b"Connection: close\r\n\r\n" % len(BODY)) + BODY


async def serve(reader, writer):
    try:
        while True:
            data = await reader.read(1024)
            if not data:
                break
            n = data.count(b"\r\n\r\n")
            if b"onnection: close" in data:
                writer.write(CLOSE)
                await writer.drain()
                break
            if n:
                writer.write(KEEP * n if n > 1 else KEEP)
                await writer.drain()
    except OSError:
        pass  # the client went away
    writer.close()
    await writer.wait_closed()


async def main(port):
    await asyncio.start_server(serve, "127.0.0.1", port, backlog=64)
    while True:
        await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
