"""The one pkg_resources function picoweb 1.x calls, for the bench on the
MicroPython unix port (which has no pkg_resources)."""


def resource_stream(pkg, fname):
    return open(fname, "rb")
