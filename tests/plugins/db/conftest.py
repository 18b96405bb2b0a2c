"""Make `picoweb_db` importable on CPython without installing the repo: the
shared site folder holds a picoweb_db symlink to plugins/db."""
import os
import sys

import support

HERE = os.path.dirname(os.path.abspath(__file__))
for path in (support.site_dir(), HERE):
    if path not in sys.path:
        sys.path.insert(0, path)
