# notes-pico's btree model, ported: only the two imports changed.
from collections import OrderedDict
import json

from picoweb_db import btreedb as uorm
from picoweb_db import btree


db = uorm.DB("notes.db")


class Note(uorm.Model):

    __db__ = db
    __table__ = "note"
    __schema__ = OrderedDict([
        ("timestamp", ("TIMESTAMP", uorm.now)),
        ("archived", ("INT", 0)),
        ("content", ("TEXT", "")),
    ])

    @classmethod
    def public(cls):
        for v in cls.__db__.db.values(None, None, btree.DESC):
            row = cls.Row(*json.loads(v))
            if row.archived:
                continue
            yield row
