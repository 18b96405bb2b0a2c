"""The notes example as an ASGI app, for bench/asgi_workers.py, set up from
NOTES_* environment variables: `NOTES_STORAGE=sqlite uvicorn notes_asgi:asgi`."""
from examples.notes.app import make_app
from examples.notes.config import Settings
from picoweb_core.asgi import ASGI

asgi = ASGI(make_app(Settings.parse([])), debug=-1)
