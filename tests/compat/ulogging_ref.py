"""The real pycopy-ulogging 0.3 (`ulogging`, the logging package picoweb 1.x
apps were installed with), fetched from the package index at test time into
build/pycopy-ulogging-0.3/, so later runs need no network. None of its code
lives in this repository.

Its sdist has no setup.py, so pip can neither install nor `pip download` it;
the archive is taken from the index pip uses (PIP_INDEX_URL, else PyPI), as
bench/servers.py takes picoweb's, and checked against the sha256 pinned here.
"""
import hashlib
import io
import os
import re
import tarfile
import urllib.request

import support

VERSION = "0.3"
SDIST = "pycopy-ulogging-%s.tar.gz" % VERSION
SHA256 = "a2352fccf6ef47c870875dd8c2baf946dc57a246092b5b62d8ae7f8f72598924"
DEST = os.path.join(support.ROOT, "build", "pycopy-ulogging-" + VERSION)


class Unavailable(Exception):
    """The package could not be fetched: the tests that need it skip with this reason."""


def _download():
    index = (os.environ.get("PIP_INDEX_URL") or "https://pypi.org/simple/").rstrip("/") + \
        "/pycopy-ulogging/"
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


def site():
    """A folder holding the real `ulogging.py`, for MICROPYPATH."""
    mod = os.path.join(DEST, "ulogging.py")
    if os.path.exists(mod):
        return DEST
    with tarfile.open(fileobj=io.BytesIO(_download())) as tar:
        member = tar.getmember("pycopy-ulogging-%s/ulogging.py" % VERSION)
        text = tar.extractfile(member).read()
    os.makedirs(DEST, exist_ok=True)
    tmp = mod + ".%d.tmp" % os.getpid()
    with open(tmp, "wb") as f:
        f.write(text)
    os.replace(tmp, mod)
    return DEST
