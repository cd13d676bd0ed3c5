"""Tests: the same settings as development, faster hashing, mail kept in memory.

``DATABASE_URL`` and ``REDIS_URL`` still apply, so CI runs this suite on SQLite with the
in-memory channel layer, then on PostgreSQL with Redis.
"""

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = DATA_DIR / "test-media"  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LANGUAGE_CODE = "fr"
