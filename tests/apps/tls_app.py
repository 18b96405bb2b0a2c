"""An app served over TLS (CPython), for tests/core/test_tls.py.

    python tls_app.py PORT CERT KEY      # HTTPS
    python tls_app.py PORT               # the same app on plain HTTP
"""
import ssl
import sys

import picoweb_core as picoweb

app = picoweb.WebApp(__name__)


@app.route("/")
async def index(req, resp):
    return "hello over " + ("tls" if app.ssl else "tcp")


@app.route("/echo", methods=["POST"])
async def echo(req, resp):
    return await req.read_body()


@app.route("/stream")
async def stream(req, resp):
    return ("part %d\n" % i for i in range(200))


if __name__ == "__main__":
    context = None
    if len(sys.argv) > 3:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=0, ssl=context)
