"""The notes example as an ASGI app, set up from NOTES_* environment variables
(the example's own settings):

    NOTES_STORAGE=sqlite NOTES_DATA=/var/lib/notes uvicorn notes_asgi:asgi --workers 4

For the tests each response names the worker process that made it (X-Worker).
"""
import os

from examples.notes.app import make_app
from examples.notes.config import Settings
from picoweb_core.asgi import ASGI

app = make_app(Settings.parse([]))


@app.before_request
async def name_the_worker(req, resp):
    resp.headers.append(("X-Worker", str(os.getpid())))


asgi = ASGI(app, debug=0)
