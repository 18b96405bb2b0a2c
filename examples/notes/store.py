# The notes and their rules, on picoweb_db: one model, whichever backend is chosen.
from picoweb_db import DB, Model, BadInput, NotFound

from . import compat

MAX_CONTENT = 2000  # characters; with JSON escapes a row stays under picoweb_db's 16 KiB
KEY_DIGITS = 16     # picoweb_db's generated keys: microseconds, so newest sorts last


class Note(Model):
    __table__ = "note"
    __fields__ = {"content": "", "created": 0, "archived": False}


class NoteError(ValueError):
    """A note the app refuses, with the message a user reads and its HTTP status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def open_db(storage, data):
    """Connect the store in folder `data` (made if missing) and create the table."""
    compat.makedirs(data)
    # filedb keeps a folder of files per table; btree and sqlite keep one file.
    name = data + ("/notes" if storage == "filedb" else "/notes-%s.db" % storage)
    db = DB(name, backend=storage).connect()
    db.create_table(Note)
    return db


def clean(content):
    """The content to store, or NoteError saying why not."""
    if not isinstance(content, str):
        raise NoteError("The note must be text.")
    if not compat.is_unicode_text(content):
        raise NoteError("The note is not valid Unicode text.")
    content = content.replace("\r\n", "\n")
    if not content.strip():
        raise NoteError("The note is empty: write something first.")
    if len(content) > MAX_CONTENT:
        raise NoteError("The note is %d characters long; the limit is %d." % (len(content), MAX_CONTENT))
    return content


def add(content):
    """Store a new note; returns it as a dict."""
    content = clean(content)
    try:
        key = Note.create(content=content, created=compat.now())
    except BadInput as e:  # a row over the store's size limit
        raise NoteError("The note is too long to store (%s)." % e)
    return get(key)


def get(key):
    """The note under key (archived or not); None if there is none."""
    if not (isinstance(key, str) and len(key) == KEY_DIGITS and key.isdigit()):
        return None
    try:
        return as_dict(Note.get_id(key))
    except NotFound:
        return None


def archive(key):
    """Archive a note; returns it, or None if there is none."""
    note = get(key)
    if note is not None and not note["archived"]:
        Note.update({"id": key}, archived=True)
        note["archived"] = True
    return note


def current(batch=32):
    """The notes not archived, newest first: a generator, read as it is consumed.

    Read `batch` keys at a time: with a limit, filedb holds only that many keys
    while it sorts a folder, instead of every note's."""
    end = None
    while True:
        n = 0
        for row in Note.scan(end=end, reverse=True, limit=batch):
            n += 1
            end = row["id"]  # the next batch: keys below this one
            if not row["archived"]:
                yield as_dict(row)
        if n < batch:
            return


def as_dict(row):
    return {"id": row["id"], "content": row["content"], "created": row["created"],
            "archived": row["archived"]}
