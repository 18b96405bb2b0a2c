"""Serve a ported picoweb 1.x app on the port the test chose.

    <runtime> launch.py PORT module[:attr] [debug=N] [lazy_init=0|1] [log=NAME]

picoweb apps end with `if __name__ == "__main__": app.run(...)`; imported as
a module, the app does not run itself, so this calls its `run()` with the
test's port and options, as the app's own last line would. Nothing in the
app is patched.
"""
import sys

port = int(sys.argv[1])
target = sys.argv[2]
i = target.find(":")
modname, attr = (target, "app") if i < 0 else (target[:i], target[i + 1:])
mod = __import__(modname)
kw = {}
for arg in sys.argv[3:]:
    k, v = arg.split("=", 1)
    if k == "log":
        kw[k] = getattr(mod, v)
    else:
        kw[k] = int(v)
getattr(mod, attr).run(host="127.0.0.1", port=port, **kw)
