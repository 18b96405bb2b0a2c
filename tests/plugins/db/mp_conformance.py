"""Run every conformance case in one MicroPython process.

usage: micropython mp_conformance.py BACKEND TMPDIR
Prints `PASS name` or `FAIL name reason` per case, then `DONE`.
"""
import os
import sys

import db_conformance


def main():
    backend, tmp = sys.argv[1], sys.argv[2]
    for i, case in enumerate(db_conformance.cases_for(backend)):
        folder = tmp + "/c%d" % i
        os.mkdir(folder)
        path = folder + ("/store" if backend == "filedb" else "/store.db")
        try:
            case(db_conformance.Env(backend, path))
        except Exception as e:
            print("FAIL", case.__name__, "%s: %s" % (type(e).__name__, e))
            sys.print_exception(e)
            continue
        print("PASS", case.__name__)
    print("DONE")


main()
