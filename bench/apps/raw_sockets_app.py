"""The raw ceiling's canned answers on plain sockets (MicroPython only): what
mpio.py's way of serving costs with no framework at all. Not a server of
run.py's tables; bench/instructions.py measures it beside raw_app.py.

    micropython bench/apps/raw_sockets_app.py PORT
"""
import socket
import sys

import asyncio

from raw_app import CLOSE, KEEP

_io = asyncio.core._io_queue


def serve(s):
    try:
        while True:
            data = s.read(1024)
            if data is None:
                yield _io.queue_read(s)  # nothing yet: wait for the poller
                continue
            if not data:
                break
            if b"onnection: close" in data:
                s.write(CLOSE)
                break
            n = data.count(b"\r\n\r\n")
            if n:
                s.write(KEEP * n if n > 1 else KEEP)
    except OSError:
        pass  # the client went away
    s.close()


def accept(ls):
    while True:
        yield _io.queue_read(ls)
        for _ in range(4):
            try:
                c, _peer = ls.accept()
            except OSError:
                break
            c.setblocking(False)
            asyncio.create_task(serve(c))


async def main(port):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(socket.getaddrinfo("127.0.0.1", port)[0][-1])
    ls.listen(64)
    ls.setblocking(False)
    await accept(ls)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
