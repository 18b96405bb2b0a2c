# picoweb-core: a tiny async web framework for MicroPython boards and CPython.
#
#     import picoweb_core as picoweb
#     app = picoweb.WebApp(__name__)
#
#     @app.route("/")
#     async def index(req, resp):
#         return "Hello"
#
#     app.run(port=8081)
#
# The picoweb 1.x module-level names are here too, so picoweb apps run with
# only their import changed.
#
# Memory: a board compiles these .py files itself, and the heap it has left
# is what the app gets. The modules every request needs are small and load
# here, leaves first, with the compiler's scratch memory collected after each
# one: left for later, it would split the heap into holes too small for the
# next module's compile. Everything else loads on first use. Module notes are
# comments, not docstrings: the compiler drops a docstring only after building
# it on the heap.
from .compat import collect

for _name in ("http", "request", "response", "reader", "connection", "server", "routing",
              "response_value", "app_dispatch", "serving", "app"):
    __import__("picoweb_core." + _name)
    collect()
del _name

from .app import WebApp
from .compat import MICROPYTHON
from .http import HTTPError, Limits, abort
from .request import Request
from .response import Response

if not MICROPYTHON:
    # Memory is no concern on CPython: the methods a board installs on first
    # use are installed now, so help(), dir() and super() see them all.
    from . import app_setup, request_body, response_helpers
    app_setup.install_all(WebApp)
    request_body.install_all(Request)
    response_helpers.install_all(Response)

__version__ = "0.1.0"


def __getattr__(name):
    # picoweb 1.x names and submodules, loaded on first use (legacy.py) so
    # that `import picoweb_core` stays small, then kept as module globals.
    from .legacy import attr
    value = globals()[name] = attr(name)
    return value
