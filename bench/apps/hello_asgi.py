"""examples/hello's app as an ASGI app, for bench/asgi_workers.py:
`uvicorn hello_asgi:asgi --workers N`."""
from examples.hello.app import app
from picoweb_core.asgi import ASGI

asgi = ASGI(app, debug=-1)
