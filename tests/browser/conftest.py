"""Browser journeys: Playwright driving Debian's Chromium against a live Daphne server.

On a machine without Chromium these tests are skipped and say so; CI installs Chromium
and sets REQUIRE_BROWSER=1, which turns a missing browser into a failure.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def browser_available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return os.path.exists(CHROMIUM)


def pytest_collection_modifyitems(config, items):
    if browser_available():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError("REQUIRE_BROWSER is set but Chromium/Playwright is missing.")
    skip = pytest.mark.skip(
        reason="Chromium absent (apt-get install chromium) : parcours navigateur non joués."
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
