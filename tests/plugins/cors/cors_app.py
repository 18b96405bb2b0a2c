"""The app the CORS tests drive, on CPython and on MicroPython.

    <runtime> cors_app.py PORT CONFIG [PAGE_ORIGIN]

CONFIG names a CORS set-up (CONFIGS below). /any counts the calls that reach
a handler, so a test can tell that preflights never do. With PAGE_ORIGIN the
"list" set-up allows that origin too (the browser test's page server).
"""
import sys

import picoweb_core
from picoweb_cors import CORS

port = int(sys.argv[1])
config = sys.argv[2]
page_origin = sys.argv[3] if len(sys.argv) > 3 else None

allowed = ["http://a.test", "http://B.test:8080"]
if page_origin:
    allowed.append(page_origin)
CONFIGS = {
    "list": dict(origins=allowed, methods=["GET", "POST", "PUT"],
                 headers=["Content-Type", "X-Token"], expose=["X-Total"], max_age=600),
    "star": dict(),
    "cred": dict(origins=allowed, credentials=True, methods=["GET", "DELETE"]),
    "starcred": dict(origins="*", credentials=True, methods="*", headers="*", expose="*"),
}

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>page</title></head>
<body><p id="origin"></p><script>document.getElementById("origin").textContent = location.origin;
async function probe(api) {
  const out = {};
  const tries = {
    get: () => fetch(api + "/data"),
    put: () => fetch(api + "/data", {method: "PUT", body: "{}",
                     headers: {"Content-Type": "application/json", "X-Token": "t"}}),
    del: () => fetch(api + "/data", {method: "DELETE"}),
  };
  for (const name in tries) {
    try {
      const r = await tries[name]();
      out[name] = (await r.json()).method;
      out[name + "_total"] = r.headers.get("X-Total");
    } catch (e) {
      out[name] = "blocked";
    }
  }
  return out;
}
async function probeCredentials(api) {
  // A credentialed request: browsers refuse "*" for it, and need
  // Access-Control-Allow-Credentials: true.
  try {
    const r = await fetch(api + "/data", {credentials: "include"});
    return (await r.json()).method;
  } catch (e) {
    return "blocked";
  }
}
</script></body></html>"""

app = picoweb_core.WebApp(__name__)
if config == "page":
    # A page on another origin (another port) for the browser test; no CORS.
    @app.route("/")
    async def page(req, resp):
        return PAGE
else:
    app.install(CORS(**CONFIGS[config]))
calls = {"n": 0}


@app.route("/data", methods=["GET", "PUT", "POST", "DELETE"])
async def data(req, resp):
    calls["n"] += 1
    return {"method": req.method, "cookie": req.headers.get("cookie")}, {"X-Total": "42"}


@app.route("/any")
async def any_method(req, resp):
    # No methods list: every method reaches this handler, OPTIONS included.
    calls["n"] += 1
    return "handled " + req.method


@app.route("/stream")
async def stream(req, resp):
    calls["n"] += 1
    await resp.start_response("text/plain")
    await resp.awrite("streamed")


@app.route("/calls")
async def count(req, resp):
    return {"calls": calls["n"]}


app.run(host="127.0.0.1", port=port, debug=0)
