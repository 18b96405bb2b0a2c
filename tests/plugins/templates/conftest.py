"""Put the plugin on the import path as `picoweb_templates`, the way it installs;
and the real utemplate, for the tests that compare with it."""
import sys

import pytest

import support

SITE = support.site_dir()
if SITE not in sys.path:
    sys.path.insert(0, SITE)


@pytest.fixture(scope="session")
def utemplate_site(tmp_path_factory):
    """A folder holding the real utemplate 1.4.1 package, for sys.path or
    MICROPYPATH; the tests that need it skip, with the reason, when the package
    index cannot be reached."""
    import utemplate_ref
    try:
        return utemplate_ref.unpack(tmp_path_factory.mktemp("utemplate"))
    except utemplate_ref.Unavailable as e:
        pytest.skip("the real utemplate %s is needed for this comparison: %s"
                    % (utemplate_ref.VERSION, e))
