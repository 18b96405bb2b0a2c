"""The real utemplate 1.4.1, fetched from the package index at test time and
unpacked into a temporary folder: the reference the plugin's output is compared
with. None of its code lives in this repository.

Its sdist has no setup.py, so pip can neither install nor `pip download` it
(pip stops at "does not appear to be a Python project"); the archive is taken
from the index pip uses (PIP_INDEX_URL, else PyPI), checked against the sha256
pinned here, and cached under build/ so later runs need no network.
"""
import hashlib
import io
import os
import re
import tarfile
import urllib.request

import support

VERSION = "1.4.1"
SDIST = "utemplate-%s.tar.gz" % VERSION
SHA256 = "43fde7c8b38dda1ff9c82cd829d22ec445f1e9d631455de705873051f83a0b20"
CACHE = os.path.join(support.ROOT, "build", "utemplate")


class Unavailable(Exception):
    """utemplate could not be fetched: the comparison tests skip with this reason."""


def _index():
    url = os.environ.get("PIP_INDEX_URL") or "https://pypi.org/simple/"
    return url.rstrip("/") + "/utemplate/"


def _download():
    index = _index()
    try:
        page = urllib.request.urlopen(index, timeout=30).read().decode("utf-8", "replace")
        m = re.search(r'href="([^"]*/%s[^"]*)"' % re.escape(SDIST), page)
        if m is None:
            raise Unavailable("%s is not listed on %s" % (SDIST, index))
        url = urllib.request.urljoin(index, m.group(1).replace("&amp;", "&"))
        data = urllib.request.urlopen(url, timeout=60).read()
    except (OSError, ValueError) as e:
        raise Unavailable("cannot fetch %s from %s: %r" % (SDIST, index, e))
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise Unavailable("%s from %s does not match the pinned sha256" % (SDIST, index))
    return data


def sdist_bytes():
    """The sdist's bytes, from the cache under build/ or from the index."""
    path = os.path.join(CACHE, SDIST)
    if os.path.exists(path):
        with open(path, "rb") as f:
            data = f.read()
        if hashlib.sha256(data).hexdigest() == SHA256:
            return data
    data = _download()
    os.makedirs(CACHE, exist_ok=True)
    tmp = path + ".%d.tmp" % os.getpid()
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return data


def unpack(dest):
    """Unpack the `utemplate` package into `dest`; returns `dest` (for sys.path
    or MICROPYPATH). Only its .py files are taken, by their base names."""
    pkg = os.path.join(str(dest), "utemplate")
    os.makedirs(pkg, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(sdist_bytes())) as tar:
        for member in tar.getmembers():
            parts = member.name.split("/")
            if member.isfile() and parts[1:2] == ["utemplate"] and len(parts) == 3 \
                    and parts[2].endswith(".py"):
                with open(os.path.join(pkg, parts[2]), "wb") as f:
                    f.write(tar.extractfile(member).read())
    if not os.path.exists(os.path.join(pkg, "source.py")):
        raise Unavailable("%s has no utemplate/source.py" % SDIST)
    return str(dest)


def render(site, folder, name, *args):
    """The text utemplate renders for template `name` in `folder`, in this
    process (CPython): its own compiler, fed the file as it opens it."""
    import sys
    if site not in sys.path:
        sys.path.insert(0, site)
    from utemplate.source import Compiler

    class Loader:
        def input_open(self, template):
            return open(os.path.join(folder, template))

    out = io.StringIO()
    with open(os.path.join(folder, name)) as f:
        Compiler(f, out, loader=Loader()).compile()
    ns = {}
    exec(out.getvalue(), ns)
    return "".join(ns["render"](*args))
