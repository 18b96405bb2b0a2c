"""Creates and updates rows through picoweb_db.btreedb or .filedb until killed.

usage: legacy_crash_writer.py MODULE PATH FIRST_N
Prints `C key n` after each create returns and `U n` after each update of the
row "counter": a printed line is an acknowledged write.
"""
import sys

try:
    from collections import OrderedDict
except ImportError:  # pragma: no cover
    from ucollections import OrderedDict

from crash_writer import body_for, say


def model(modname, path):
    uorm = __import__("picoweb_db." + modname, None, None, ["DB"])
    db = uorm.DB(path)

    class Rec(uorm.Model):
        __db__ = db
        __table__ = "rec"
        __schema__ = OrderedDict([("key", ("TEXT", uorm.now)), ("n", ("INT", 0)), ("body", ("TEXT", ""))])
    db.connect()
    Rec.create_table(True)
    return db, Rec


def main():
    db, Rec = model(sys.argv[1], sys.argv[2])
    n = int(sys.argv[3])
    try:
        Rec.create(key="counter", n=0, body=body_for(0))
    except ValueError:  # Conflict: an earlier run made it
        pass
    while True:
        n += 1
        if n % 4 == 0:
            Rec.update({"key": "counter"}, n=n, body=body_for(n))
            say("U %d" % n)
        else:
            say("C %s %d" % (Rec.create(n=n, body=body_for(n)), n))


if __name__ == "__main__":
    main()
