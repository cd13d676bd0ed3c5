"""Local development: the embedded default (SQLite, in-memory channel layer)."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# A fixed key is fine here: DEBUG is on and the data are the public demo.
# Public pages are not kept while templates are edited (core/public_cache.py; the tests
# that prove the cache turn it on themselves).
os.environ.setdefault("PUBLIC_CACHE_SECONDS", "0")
os.environ.setdefault("SECRET_KEY", "dev-only-key-not-for-production-trajectoires-0123456789")

from .base import *  # noqa: E402,F403

# Daphne first: its runserver serves HTTP and websockets.
INSTALLED_APPS = ["daphne", *INSTALLED_APPS]  # noqa: F405

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Static files come from the app folders as they are edited; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = DATA_DIR / "static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
