"""picoweb_db: one storage interface over btree, filedb and SQLite.

    from picoweb_db import DB, Model

    class Note(Model):
        __table__ = "note"
        __fields__ = {"title": "", "tags": list}

    db = DB("notes.db", backend="btree").connect()   # or "filedb", "sqlite", "memory"
    db.create_table(Note)
    key = Note.create(title="hello")
    Note.get_id(key).title

Only the chosen backend's module is imported. The storage APIs picoweb 1.x
apps were written against are modules of this package, loaded only when an app
imports them: `from picoweb_db import btreedb as uorm` (or filedb, uorm, btree).
"""
from .errors import BadInput, Conflict, NotFound, NoTable, ERRORS
from .model import Model, Row, Table
from .db import DB, BACKENDS


def _answer(status):
    def handler(req, resp, exc):
        return {"error": str(exc)}, status
    return handler


class DBPlugin:
    """Turns storage errors into HTTP answers: BadInput -> 400, Conflict -> 409,
    NotFound -> 404 (NoTable is left to the app's 500 page).

        app.install(DBPlugin())
    """
    name = "db"

    def __init__(self, db=None):
        self.db = db

    def install(self, app):
        register = getattr(app, "errorhandler", None)
        if not callable(register):
            raise TypeError("DBPlugin.install needs an app with errorhandler(exc_class), got %r" % (app,))
        register(BadInput)(_answer(400))
        register(Conflict)(_answer(409))
        register(NotFound)(_answer(404))
        if self.db is not None:
            app.db = self.db
        return self
