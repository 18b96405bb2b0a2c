"""DBPlugin against a fake app that records errorhandler registrations."""
import pytest

from picoweb_db import DBPlugin, BadInput, Conflict, NotFound, NoTable


class FakeApp:
    def __init__(self):
        self.handlers = {}

    def errorhandler(self, exc_class):
        def register(fn):
            self.handlers[exc_class] = fn
            return fn
        return register

    def install(self, plugin):
        plugin.install(self)


def test_install_maps_errors_to_statuses():
    app = FakeApp()
    app.install(DBPlugin())
    assert set(app.handlers) == {BadInput, Conflict, NotFound}
    assert app.handlers[BadInput](None, None, BadInput("unknown field 'x'")) == ({"error": "unknown field 'x'"}, 400)
    assert app.handlers[Conflict](None, None, Conflict("key exists"))[1] == 409
    body, status = app.handlers[NotFound](None, None, NotFound("no note with key 'k'"))
    assert status == 404 and body == {"error": "no note with key 'k'"}


def test_install_binds_db_when_given():
    app = FakeApp()
    sentinel = object()
    app.install(DBPlugin(sentinel))
    assert app.db is sentinel


def test_install_rejects_app_without_errorhandler():
    with pytest.raises(TypeError) as e:
        DBPlugin().install(object())
    assert "errorhandler" in str(e.value)


def test_errors_are_catchable_as_builtins():
    assert issubclass(BadInput, ValueError)
    assert issubclass(Conflict, BadInput)
    assert issubclass(NotFound, KeyError)
    assert issubclass(NoTable, RuntimeError)
    assert str(NotFound("plain message")) == "plain message"


def test_plugin_with_the_real_core_answers_statuses():
    from picoweb_core import WebApp
    from picoweb_core.testing import TestClient
    from picoweb_db import DB, Model

    class Note(Model):
        __table__ = "note"
        __fields__ = {"title": ""}

    db = DB("mem", backend="memory").connect()
    db.create_table(Note)
    app = WebApp(__name__)
    app.install(DBPlugin(db))

    @app.route("/note/<key>")
    async def get_note(req, resp, key):
        return dict(Note.get_id(key))

    @app.route("/note", methods=["POST"])
    async def create(req, resp):
        data = await req.read_json()
        return {"id": Note.create(**data)}, 201

    client = TestClient(app)
    r = client.post("/note", json={"title": "a", "id": "k1"})
    assert r.status == 201 and r.json() == {"id": "k1"}
    assert client.get("/note/k1").json()["title"] == "a"
    assert client.get("/note/nope").status == 404
    assert client.post("/note", json={"nope": 1}).status == 400
    assert client.post("/note", json={"title": "b", "id": "k1"}).status == 409
    assert app.db is db
