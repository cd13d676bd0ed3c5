"""Tests: the same settings as development, faster hashing, mail kept in memory.

``DATABASE_URL`` and ``REDIS_URL`` still apply, so CI runs this suite on SQLite with the
in-memory channel layer, then on PostgreSQL with Redis.
"""

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = DATA_DIR / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = DATA_DIR / "test-private-media"  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LANGUAGE_CODE = "fr"

# Connections opened by websocket consumers' worker threads must not outlive a test,
# or PostgreSQL refuses to drop the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The test runner creates and drops its database: no pool holding connections to it.
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)  # noqa: F405

# Browser tests run a Daphne server in a second process: with SQLite it must reach the
# test database through a file, not memory.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-db.sqlite3")}  # noqa: F405

# Login throttling stays out of the tests' way (the test client's ``login()`` gives
# django-axes no request); tests/config/test_login_throttling.py turns it on.
AXES_ENABLED = False

# Two-factor stays optional in tests unless a test turns it on (tests/organisations/test_two_factor.py).
OTP_REQUIRED_FOR_STAFF = False
