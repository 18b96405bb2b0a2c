"""picoweb_cors: cross-origin requests (CORS) for an app.

    from picoweb_cors import CORS
    app.install(CORS(origins=["https://ui.example"], headers=["Content-Type"], max_age=600))

Preflights are answered before routing, without reaching a handler; other
responses get their Access-Control-* headers and `Vary: Origin`. Loaded only
when an app imports it; it uses only `app.before_request` and `resp.headers`.
"""
from .cors import CORS

__all__ = ("CORS",)
