"""Run a benchmark app on MicroPython with a heap probe beside it.

    micropython bench/apps/mp_probe.py APP_DIR APP_MODULE PORT PROBE_PORT [sample]

Imports APP_MODULE from APP_DIR (its `__main__` block does not run), records
the heap allocated by that import, then serves the app on PORT. Each
connection to PROBE_PORT gets one line, measured after a gc.collect():
    "<import bytes> <alloc now> <free now> <peak alloc sampled>"
With "sample", a task collects and samples the heap every 100 ms, so the peak
covers the live heap *during* a load, not only after it. The probe's own cost
(a listening socket and one task) is the same for every app it wraps.
"""
import gc
import sys

import asyncio

app_dir, mod_name, port, probe_port = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sample = "sample" in sys.argv[5:]
sys.path.insert(0, app_dir)

gc.collect()
before = gc.mem_alloc()
mod = __import__(mod_name)
gc.collect()
imported = gc.mem_alloc() - before
peak = [gc.mem_alloc()]


async def answer(reader, writer):
    gc.collect()
    alloc = gc.mem_alloc()
    if alloc > peak[0]:
        peak[0] = alloc
    writer.write(b"%d %d %d %d\n" % (imported, alloc, gc.mem_free(), peak[0]))
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def sampler():
    while True:
        await asyncio.sleep(0.1)
        gc.collect()
        alloc = gc.mem_alloc()
        if alloc > peak[0]:
            peak[0] = alloc


async def probe():
    await asyncio.start_server(answer, "127.0.0.1", probe_port)
    if sample:
        await sampler()


# Scheduled before the app's own loop starts: MicroPython's asyncio has one
# global task queue, so picoweb's run() and microdot's asyncio.run() run it too.
asyncio.create_task(probe())
if hasattr(mod, "main"):                 # the raw ceiling
    asyncio.run(mod.main(port))
elif hasattr(mod, "serve"):              # picoweb 1.x
    mod.serve(port)
elif hasattr(mod.app, "install"):        # picoweb-core
    mod.app.run(host="127.0.0.1", port=port, debug=-1)
else:                                    # microdot
    mod.app.run(host="127.0.0.1", port=port)
