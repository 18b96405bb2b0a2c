#
# A picoweb 1.x app in its original MicroPython form (issue 18): it iterates
# req.headers as picoweb's dict of bytes, has a catch-all .css route beside
# its static/ folder, and generator handlers that `yield from uasyncio.sleep()`
# (directly, in a decorator and in a helper), one of them streaming events.
#
import re
import uasyncio
import picoweb

app = picoweb.WebApp(__name__)
state = {"hold": True}


@app.route(re.compile(r"^/(.+\.css)$"))
def generated_css(req, resp):
    yield from picoweb.start_response(resp, "text/css")
    yield from resp.awrite("/* generated for %s */" % req.url_match.group(1))


@app.route("/headers")
def headers(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    for k in req.headers:
        yield from resp.awrite("%s=%s\n" % (k.decode(), req.headers[k].decode()))
    for k, v in req.headers.items():
        yield from resp.awrite(k + b": " + v + b"\n")
    yield from resp.awrite("end\n")


def slow(func):
    def wrapper(req, resp):
        yield from uasyncio.sleep(0.01)
        yield from func(req, resp)
    return wrapper


def helper(resp):
    yield from uasyncio.sleep(0.01)
    yield from resp.awrite(" helped")


@app.route("/sleepy")
@slow
def sleepy(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("slept")
    yield from uasyncio.sleep(0.01)
    yield from helper(resp)


@app.route("/events")
def events(req, resp):
    # Server-sent events with a sleep between them; after the first one it
    # waits for /release, so the client must have had that one streamed.
    yield from picoweb.start_response(resp, "text/event-stream")
    for n in range(3):
        yield from resp.awrite("data: %d\n\n" % n)
        yield from uasyncio.sleep(0.02)
        while n == 0 and state["hold"]:
            yield from uasyncio.sleep(0.02)


@app.route("/release")
def release(req, resp):
    state["hold"] = False
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("released")


if __name__ == "__main__":
    app.run(debug=True)
