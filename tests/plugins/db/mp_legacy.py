"""Run every legacy_cases case in one MicroPython process.

usage: micropython mp_legacy.py MODULE TMPDIR
Prints `PASS name` or `FAIL name reason` per case, then `DONE`.
"""
import os
import sys

import legacy_cases


def main():
    modname, tmp = sys.argv[1], sys.argv[2]
    for i, case in enumerate(legacy_cases.CASES):
        folder = tmp + "/c%d" % i
        os.mkdir(folder)
        try:
            case(legacy_cases.Env(modname, folder + "/store"))
        except Exception as e:
            print("FAIL", case.__name__, "%s: %s" % (type(e).__name__, e))
            sys.print_exception(e)
            continue
        print("PASS", case.__name__)
    print("DONE")


main()
