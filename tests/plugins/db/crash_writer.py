"""Writes records until killed; runs under CPython and MicroPython.

usage: crash_writer.py BACKEND PATH FIRST_N
Prints `C key n` after each create returns and `U n` after each update of the
"counter" record returns: a printed line is an acknowledged write.
"""
import sys

from picoweb_db import DB, Model


class Rec(Model):
    __table__ = "rec"
    __fields__ = {"n": 0, "body": "", "size": 0}


def body_for(n):
    return ("%d-" % n) * (n % 97 + 1)


def say(line):
    sys.stdout.write(line + "\n")
    if hasattr(sys.stdout, "flush"):
        sys.stdout.flush()


def main():
    backend, path = sys.argv[1], sys.argv[2]
    db = DB(path, backend=backend).connect()
    db.create_table(Rec)
    try:
        Rec.create(id="counter", n=0, body=body_for(0), size=len(body_for(0)))
    except ValueError:  # Conflict: an earlier run made it
        pass
    n = int(sys.argv[3])
    while True:
        n += 1
        body = body_for(n)
        if n % 4 == 0:
            Rec.update("counter", n=n, body=body, size=len(body))
            say("U %d" % n)
        else:
            key = Rec.create(n=n, body=body, size=len(body))
            say("C %s %d" % (key, n))


if __name__ == "__main__":
    main()
