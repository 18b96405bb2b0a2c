"""Run `case_*` functions from the given modules and print one line per case:
`PASS name` or `FAIL name: error`. Used to run unit cases inside micropython.

    micropython tests/mp_runner.py core.cases_http core.cases_routing
"""
import sys


def main(modules):
    failed = 0
    for modname in modules:
        mod = __import__(modname)
        for part in modname.split(".")[1:]:
            mod = getattr(mod, part)
        for name in sorted(dir(mod)):
            if not name.startswith("case_"):
                continue
            try:
                getattr(mod, name)()
                sys.stdout.write("PASS %s.%s\n" % (modname, name))
            except Exception as e:
                failed += 1
                sys.stdout.write("FAIL %s.%s: %s %r\n" % (modname, name, type(e).__name__, e))
    sys.stdout.write("DONE %d failed\n" % failed)


main(sys.argv[1:])
