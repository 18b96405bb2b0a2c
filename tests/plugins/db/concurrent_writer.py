"""One of several processes writing to the same store at once (server workers).

usage: concurrent_writer.py BACKEND PATH TAG N GO_FILE
Waits until GO_FILE exists, so that every writer starts together, then creates
N rows titled TAG-i and prints `DONE TAG N`.
"""
import os
import sys
import time

from picoweb_db import DB, Model


class Item(Model):
    __table__ = "item"
    __fields__ = {"title": "", "who": ""}


def main():
    backend, path, tag, n, go = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    db = DB(path, backend=backend).connect()
    db.create_table(Item)
    deadline = time.time() + 20
    while not os.path.exists(go) and time.time() < deadline:
        time.sleep(0.005)
    for i in range(n):
        Item.create(title="%s-%d" % (tag, i), who=tag)
    db.close()
    print("DONE", tag, n)


if __name__ == "__main__":
    main()
