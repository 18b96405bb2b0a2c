"""Streamed bodies and shutdown hooks, for tests/core/test_streams.py; runs
unchanged on CPython and MicroPython.

    <runtime> streams_app.py PORT MARKER_FILE
"""
import sys

try:
    import asyncio
except ImportError:
    import uasyncio as asyncio

import picoweb_core as picoweb

app = picoweb.WebApp(__name__)
state = {"endless_runs": 0, "closed": 0, "shutdown": 0}


def endless():
    state["endless_runs"] += 1
    try:
        n = 0
        while True:
            n += 1
            yield "part %d\n" % n
    finally:
        state["closed"] += 1


@app.route("/endless")
async def endless_route(req, resp):
    return endless()


def slow_parts():
    try:
        for i in range(100000):
            yield "x" * 512
    finally:
        state["closed"] += 1


@app.route("/big")
async def big(req, resp):
    return slow_parts()


@app.route("/state")
async def get_state(req, resp):
    return state


@app.route("/stop", methods=["POST"])
async def stop(req, resp):
    asyncio.create_task(app.shutdown())
    return "stopping"


@app.on_shutdown
async def said_goodbye():
    # A file, not stdout: the test reads it after the process is gone.
    with open(sys.argv[2], "w") as f:
        f.write("on_shutdown ran")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=-1)
