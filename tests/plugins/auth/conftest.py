"""Put the plugin on the import path as `picoweb_auth`, the way it installs."""
import sys

import support

SITE = support.site_dir()
if SITE not in sys.path:
    sys.path.insert(0, SITE)
