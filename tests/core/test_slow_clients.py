"""Slow clients must not lock out the rest: at MicroPython's cap (16
connections, 4 more waiting), 200 clients that each send one header byte per
second do not keep a normal `GET /` from being served, on both runtimes. The
connection longest on an unfinished head gives its slot up with 408, and
every slow client that is let go gets an answer (408 or 503), never a bare
close."""
import asyncio
import os

import pytest

import support

APP = '''
import sys
import picoweb_core as picoweb


class App(picoweb.WebApp):
    max_connections = 16  # MicroPython's defaults, on both runtimes
    max_waiting = 4


app = App(__name__)


@app.route("/")
async def index(req, resp):
    return "hello"


app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=-1)
'''

SLOW_HEAD = b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"s" * 200  # never finished here


@pytest.fixture(scope="module", params=support.RUNTIMES)
def server(request, tmp_path_factory):
    script = tmp_path_factory.mktemp("slow") / "slow_app.py"
    script.write_text(APP)
    proc = support.AppProcess(request.param, str(script))
    proc.start()
    yield proc
    proc.stop()


def status_of(data):
    # The status of the first response in `data`, or None if no whole head came.
    if b"\r\n\r\n" not in data or not data.startswith(b"HTTP/1.1 "):
        return None
    return int(data[9:12])


async def slow_client(port, stop, ends):
    """One connection that sends a header byte per second until the server
    answers (and closes) or the test stops; records how it ended."""
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
    except (OSError, asyncio.TimeoutError) as e:
        ends.append(("no connection", repr(e)))
        return
    got = b""
    sent = 0
    try:
        while not stop.is_set():
            if got:
                data = await asyncio.wait_for(r.read(4096), 5)  # the rest of an answer
            else:
                w.write(SLOW_HEAD[sent:sent + 1])
                sent += 1
                try:
                    data = await asyncio.wait_for(r.read(4096), 1.0)
                except asyncio.TimeoutError:
                    continue
            if not data:
                break
            got += data
            if status_of(got) is not None:
                break
        else:
            ends.append(("open", None))
            return
    except (OSError, asyncio.TimeoutError) as e:
        if status_of(got) is None:
            ends.append(("no answer", repr(e)))
            return
    finally:
        w.close()
    status = status_of(got)
    if status is None:
        ends.append(("no answer", got))
    else:
        ends.append((status, got))


async def normal_get(port):
    r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
    try:
        w.write(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = await asyncio.wait_for(r.read(65536), 10)
        while data and not data.endswith(b"hello"):
            more = await asyncio.wait_for(r.read(65536), 10)
            if not more:
                break
            data += more
        return data
    finally:
        w.close()


async def scenario(port, clients=200):
    stop = asyncio.Event()
    ends = []
    slow = []
    for i in range(clients):
        slow.append(asyncio.ensure_future(slow_client(port, stop, ends)))
        if i % 20 == 19:
            await asyncio.sleep(0.02)  # a burst, not one SYN flood the backlog drops
    # Every slot is taken and the slow heads have been on the way over a second.
    await asyncio.sleep(2.0)
    normal = []
    for _ in range(3):
        normal.append(await normal_get(port))
        await asyncio.sleep(0.3)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*slow), 30)
    return normal, ends


def test_a_normal_client_is_served_while_200_slow_clients_hold_the_cap(server):
    normal, ends = asyncio.run(scenario(server.port))
    for data in normal:
        assert status_of(data) == 200 and data.endswith(b"hello"), data[:200]
    kinds = {}
    for kind, detail in ends:
        kinds[kind] = kinds.get(kind, 0) + 1
    bare = [e for e in ends if e[0] in ("no answer", "no connection")]
    assert not bare, (kinds, bare[:5])
    assert set(kinds) <= {"open", 408, 503}, kinds
    # Each normal request took the slot of a slow head, which got its 408.
    assert kinds.get(408, 0) >= len(normal), kinds
    for kind, data in ends:
        if kind in (408, 503):
            assert b"\r\nConnection: close\r\n" in data, data
        if kind == 503:
            assert b"\r\nRetry-After: 1\r\n" in data, data
    # The server goes on serving once they are gone.
    assert status_of(asyncio.run(normal_get(server.port))) == 200
    assert server.alive()
