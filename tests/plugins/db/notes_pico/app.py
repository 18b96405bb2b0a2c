"""A notes-pico style app on picoweb_core and one of the ported storage APIs.

usage: app.py PORT btreedb|filedb|uorm DATA_DIR
GET / lists the notes that are not archived, newest first (JSON); POST / with
a form `content` adds one; POST /archive/<key> archives one.
"""
import os
import re
import sys

port, backend, data = int(sys.argv[1]), sys.argv[2], sys.argv[3]
os.chdir(data)  # the models name their files relative to the app, as notes-pico's do

import picoweb_core as picoweb
from picoweb_db import DBPlugin

if backend == "btreedb":
    from models_btreedb import db, Note
elif backend == "filedb":
    from models_filedb import db, Note
else:
    from models_uorm import db, Note


class DBApp(picoweb.WebApp):

    def init(self):
        db.connect()
        Note.create_table(True)
        super().init()


app = DBApp(__name__)
app.install(DBPlugin())


def as_json(note):
    # Index and attribute access, as notes-pico's templates and views use both.
    return {"key": note[0], "archived": note.archived, "content": note[2]}


@app.route("/", methods=["GET", "POST"])
def homepage(request, response):
    if request.method == "POST":
        yield from request.read_form_data()
        content = request.form.get("content")
        if isinstance(content, list):
            content = content[0]
        if content:
            note_id = Note.create(content=content)
            note = list(Note.get_id(note_id))[0]
            yield from picoweb.jsonify(response, {"note": as_json(note), "success": 1})
            return
        yield from picoweb.jsonify(response, {"success": 0})
        return
    yield from picoweb.jsonify(response, [as_json(n) for n in Note.public()])


@app.route(re.compile("^/archive/(.+)"), methods=["POST"])
def archive_note(request, response):
    Note.update({"timestamp": request.url_match.group(1)}, archived=1)
    yield from picoweb.jsonify(response, {"success": True})


app.run(host="127.0.0.1", port=port, debug=-1)
