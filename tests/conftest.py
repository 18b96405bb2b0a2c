import pytest

import support


@pytest.fixture(scope="session", autouse=True)
def _site():
    support.site_dir()
