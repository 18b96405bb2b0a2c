# The notes app's routes: HTML pages that work without JavaScript, and a JSON API.
#
#   GET  /                         the notes not archived, newest first, and a form
#   POST /                         add a note: 303 back to / (a form), or 201 JSON
#                                  when the request sends Accept: application/json
#   POST /notes/<id>/archive       archive: 303 back to /, or JSON as above
#   GET  /api/notes                JSON list, newest first (not archived)
#   POST /api/notes                JSON or form body {"content": ...}: 201 JSON
#   GET  /api/notes/<id>           one note (archived ones too), else 404
#   POST /api/notes/<id>/archive   archive it: 200 JSON
#   /static/...                    the app's CSS and JS (picoweb_static)
import picoweb_core
from picoweb_static import StaticFiles
from picoweb_templates import Templates

from . import compat, store

PKG = __name__[:__name__.rfind(".")]  # "examples.notes" here, "notes" on a board


def wants_json(req):
    # fetch() sends Accept: application/json; a browser's form post asks for HTML.
    accept = req.headers.get("Accept") or ""
    return "application/json" in accept and "text/html" not in accept


async def send_json(resp, obj, status=200, headers=None):
    # With a Content-Length: a small answer goes out in one piece, no chunk framing.
    body = compat.dumps(obj).encode()
    await resp.start_response("application/json", status,
                              [("Content-Length", str(len(body)))] + (headers or []))
    await resp.awrite(body)


async def read_content(req):
    ctype = req.headers.get("Content-Type") or ""
    if ctype.startswith("application/json"):
        try:
            data = compat.loads(await req.read_body())
        except ValueError:  # UnicodeError included
            raise store.NoteError("The body is not valid JSON.")
        if not isinstance(data, dict):
            raise store.NoteError('Send a JSON object: {"content": "..."}')
        return data.get("content", "")
    form = await req.read_form()
    return form.get("content", "")


def make_app(settings, db=None):
    """The WebApp for `settings` (config.Settings), its store connected."""
    app = picoweb_core.WebApp(__name__)
    app.settings = settings
    app.sessions = None
    app.db = db or store.open_db(settings.storage, settings.data)
    loader = "compiled" if settings.templates == "compiled" else "source"
    # Compiled templates go to the data folder: the package may be read-only.
    app.install(Templates("templates", loader=loader, pkg=PKG,
                          cache=None if loader == "compiled" else settings.data + "/templates"))
    app.install(StaticFiles("static", prefix="/static", package=PKG, max_age=600))

    async def render_page(req, resp, name, args, status=200):
        sessions = app.sessions
        if sessions is not None and req.session.modified:
            sessions.save(req, resp)  # a new CSRF token: its cookie goes in the head
        await resp.start_response("text/html; charset=utf-8", status)
        await app.render_template(resp, name, args)

    if settings.login:
        from .login import install_login, csrf_field
        protect = install_login(app, settings, render_page)
    else:
        protect = csrf_field = None

    async def page(req, resp, message="", draft="", status=200):
        csrf = csrf_field(req) if csrf_field else ""
        user = getattr(req, "user", None) if csrf_field else None
        # The CSRF field is rendered before the head goes out (render_page saves it).
        await render_page(req, resp, "index.tpl", (store.current(), message, draft, csrf, user),
                          status)

    def route(path, methods):
        # With --login every note route needs a session (and a CSRF check on POST).
        def register(handler):
            app.route(path, methods=methods)(protect(handler) if protect else handler)
            return handler
        return register

    @route("/", ["GET", "POST"])
    async def index(req, resp):
        if req.method != "POST":
            await page(req, resp)
            return
        as_json = wants_json(req)
        content = ""
        try:
            content = await read_content(req)
            note = store.add(content)
        except store.NoteError as e:
            if as_json:
                await send_json(resp, {"error": e.message}, e.status)
            else:
                await page(req, resp, e.message, content if isinstance(content, str) else "",
                           e.status)
            return
        if as_json:
            await send_json(resp, note, 201, [("Location", "/api/notes/" + note["id"])])
        else:
            await resp.redirect("/", 303)

    @route("/notes/<key>/archive", ["POST"])
    async def archive_page(req, resp, key):
        note = store.archive(key)
        if wants_json(req):
            if note is None:
                await send_json(resp, {"error": "No such note."}, 404)
            else:
                await send_json(resp, note)
        elif note is None:
            await resp.http_error(404)
        else:
            await resp.redirect("/", 303)

    @route("/api/notes", ["GET", "POST"])
    async def api_notes(req, resp):
        if req.method == "POST":
            try:
                note = store.add(await read_content(req))
            except store.NoteError as e:
                await send_json(resp, {"error": e.message}, e.status)
                return
            await send_json(resp, note, 201, [("Location", "/api/notes/" + note["id"])])
            return
        # Streamed one note at a time: the list is never held whole in memory.
        await resp.start_response("application/json")
        sep = "["
        for note in store.current():
            await resp.awrite(sep + compat.dumps(note))
            sep = ","
        await resp.awrite("[]" if sep == "[" else "]")

    @route("/api/notes/<key>", ["GET"])
    async def api_note(req, resp, key):
        note = store.get(key)
        if note is None:
            await send_json(resp, {"error": "No such note."}, 404)
        else:
            await send_json(resp, note)

    @route("/api/notes/<key>/archive", ["POST"])
    async def api_archive(req, resp, key):
        note = store.archive(key)
        if note is None:
            await send_json(resp, {"error": "No such note."}, 404)
        else:
            await send_json(resp, note)

    @app.errorhandler(413)
    async def too_large(req, resp, exc):
        # A chunked body grew past the core's max_body while the app read it (a
        # declared Content-Length over it is answered by the core, before any handler).
        message = "The note is too long: the request is over %d bytes." % app.limits.max_body
        if wants_json(req) or req.path.startswith("/api/") or (
                protect and getattr(req, "user", None) is None):
            await send_json(resp, {"error": message}, 413)
        else:
            await page(req, resp, message, "", 413)

    return app
