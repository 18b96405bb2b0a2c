"""Build the served site once per session; helpers live in static_support.py
(a unique module name: every plugin's test folder has its own conftest)."""
import pytest

import static_support


@pytest.fixture(scope="session", autouse=True)
def static_site():
    return static_support.make_site()
