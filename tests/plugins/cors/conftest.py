"""Put the plugins on the import path under their import names, as installed."""
import sys

import support

SITE = support.site_dir()
if SITE not in sys.path:
    sys.path.insert(0, SITE)
