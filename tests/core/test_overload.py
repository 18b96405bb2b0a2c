"""Overload must not collapse throughput: with twice the runtime's cap of
keep-alive clients doing `GET /` in a loop (32 against MicroPython's 16, 512
against CPython's 256), every request gets an answer. Admitted clients keep
their connections (a keep-alive connection gives its slot up only after a
second idle), the rest wait for a slot or get 503 with `Connection: close`
and `Retry-After`; no request is met by a bare close or a reset. Rates are
measured in bench/goodput.py, never here."""
import asyncio

import pytest

import support

APP = '''
import sys
import picoweb_core as picoweb


class App(picoweb.WebApp):
    request_timeout = 3  # a newcomer waits at most this long for a slot, then 503


if len(sys.argv) > 2:
    App.max_connections = int(sys.argv[2])
app = App(__name__)


@app.route("/")
async def index(req, resp):
    return "hello"


@app.route("/cap")
async def cap(req, resp):
    return str(app.max_connections)


app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=-1)
'''

REQUEST = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"


def start(request, tmp_path_factory, args=()):
    script = tmp_path_factory.mktemp("overload") / "overload_app.py"
    script.write_text(APP)
    proc = support.AppProcess(request.param, str(script), args)
    proc.start()
    request.addfinalizer(proc.stop)
    return proc


@pytest.fixture(scope="module", params=support.RUNTIMES)
def server(request, tmp_path_factory):
    return start(request, tmp_path_factory)


@pytest.fixture(scope="module", params=support.RUNTIMES)
def small(request, tmp_path_factory):
    return start(request, tmp_path_factory, [16])  # MicroPython's cap, on both runtimes


async def read_response(r):
    """(status, head, body) of the next response; None when the server
    closed the connection before any byte of it."""
    try:
        head = await r.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as e:
        if e.partial:
            raise
        return None
    n = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            n = int(line[15:])
    body = await r.readexactly(n)
    return int(head[9:12]), head.lower(), body


class Tally:
    def __init__(self):
        self.statuses = {}
        self.bare = []          # requests met by a close or a reset, with no answer
        self.bad_503 = []
        self.per_conn = []      # answers carried by each connection

    def count(self, key):
        self.statuses[key] = self.statuses.get(key, 0) + 1


async def client(port, stop, tally):
    while not stop.is_set():
        try:
            r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 15)
        except (OSError, asyncio.TimeoutError) as e:
            tally.bare.append(("connect", repr(e)))
            await asyncio.sleep(0.1)
            continue
        answers = 0
        refused = False
        try:
            while True:
                w.write(REQUEST)
                got = await asyncio.wait_for(read_response(r), 15)
                if got is None:
                    tally.bare.append(("closed after %d answers" % answers, None))
                    break
                status, head, body = got
                tally.count(status)
                answers += 1
                if status == 503:
                    refused = True
                    if b"\r\nconnection: close\r\n" not in head or b"\r\nretry-after:" not in head:
                        tally.bad_503.append(head)
                    break
                if status != 200 or body != b"hello" or stop.is_set():
                    break
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as e:
            tally.bare.append(("error after %d answers" % answers, repr(e)))
        finally:
            w.close()
        tally.per_conn.append(answers)
        if refused:
            await asyncio.sleep(0.05)  # a client that hammers would wait Retry-After


async def overload(port, clients, seconds=3.0):
    stop = asyncio.Event()
    tally = Tally()
    tasks = []
    for i in range(clients):
        tasks.append(asyncio.ensure_future(client(port, stop, tally)))
        if i % 16 == 15:
            # Arrivals in bursts the listen backlog (16) can hold: a SYN
            # flood's dropped handshakes would be the kernel's delays, not
            # the server's answers.
            await asyncio.sleep(0.01)
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*tasks), 60)
    return tally


def test_twice_the_cap_every_request_is_answered(server):
    cap = int(support.request(server.port, "GET", "/cap").body)
    assert cap == (16 if server.runtime == "micropython" else 256)
    tally = asyncio.run(overload(server.port, 2 * cap))
    assert not tally.bare, (len(tally.bare), tally.bare[:5], tally.statuses)
    assert not tally.bad_503, tally.bad_503[:3]
    assert set(tally.statuses) <= {200, 503}, tally.statuses
    assert tally.statuses.get(200, 0) > 0
    # Admitted clients kept their connections: keep-alive goes on past the cap.
    assert len([n for n in tally.per_conn if n >= 2]) >= cap // 2, sorted(tally.per_conn)[-cap:]
    assert support.request(server.port, "GET", "/").status == 200
    assert server.alive()


def test_an_idle_keep_alive_connection_gives_way_between_requests(small):
    # Sixteen keep-alive connections fill the cap, each after one answer
    # that did not say it would close. A newcomer waits, then gets the slot
    # of one that stayed idle (over a second), which is closed between
    # requests, with no bytes: the way HTTP lets a server end a connection.
    idle = [support.Conn(small.port) for _ in range(16)]
    try:
        for c in idle:
            r = c.request("GET", "/")
            assert r.status == 200 and "connection" not in r.headers
        r = support.request(small.port, "GET", "/")
        assert r.status == 200 and r.body == b"hello"
        closed = []
        for c in idle:
            c.sock.settimeout(0.2)
            try:
                closed.append(c.sock.recv(1) == b"")
            except OSError:
                closed.append(False)  # still open: nothing to read
            c.sock.settimeout(5)
        assert 1 <= closed.count(True) <= 4, closed
        # The others were left alone and still carry requests.
        assert all(c.request("GET", "/").status == 200 for c, gone in zip(idle, closed) if not gone)
    finally:
        for c in idle:
            c.close()
