#
# A picoweb 1.x app in its original MicroPython form: server-sent events.
# Every connected client gets the same events, pushed by a background task
# that was scheduled on the event loop before app.run().
#
import uasyncio
import utime
import picoweb

event_sinks = set()
state = {"pushed": 0, "dropped": 0, "started": utime.time()}


def index(req, resp):
    yield from picoweb.start_response(resp)
    yield from resp.awrite("<script>var source = new EventSource('events');</script>")


def events(req, resp):
    yield from resp.awrite("HTTP/1.0 200 OK\r\n")
    yield from resp.awrite("Content-Type: text/event-stream\r\n")
    yield from resp.awrite("\r\n")
    event_sinks.add(resp)
    return False


def stats(req, resp):
    yield from picoweb.jsonify(resp, {"sinks": len(event_sinks), "pushed": state["pushed"],
                                      "dropped": state["dropped"]})


ROUTES = [
    ("/", index),
    ("/events", events),
    ("/stats", stats),
]


async def push_event(ev):
    to_del = set()
    for resp in event_sinks:
        try:
            await resp.awrite("data: %s\n\n" % ev)
        except OSError as e:
            await resp.aclose()
            to_del.add(resp)
    for resp in to_del:
        event_sinks.remove(resp)
        state["dropped"] += 1


async def push_count():
    i = 0
    while 1:
        await push_event("%s" % i)
        state["pushed"] = i
        i += 1
        await uasyncio.sleep(0.05)


loop = uasyncio.get_event_loop()
loop.create_task(push_count())

app = picoweb.WebApp(__name__, ROUTES)

if __name__ == "__main__":
    app.run(debug=True)
