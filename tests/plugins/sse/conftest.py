"""The SSE tests import the plugin from the MicroPython site folder
(symlinks into the checkout), so a new plugin needs no reinstall."""
import sys

import support

if support.site_dir() not in sys.path:
    sys.path.insert(0, support.site_dir())
