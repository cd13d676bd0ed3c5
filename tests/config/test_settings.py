"""Settings: the embedded default with no variable, the environment switches it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from django.conf import settings
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "email": settings.EMAIL_BACKEND,
    "debug": settings.DEBUG,
    "language": settings.LANGUAGE_CODE,
    "tz": settings.TIME_ZONE,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
}))
"""

CLEARED = (
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_BACKEND",
    "EMAIL_URL",
    "DJANGO_SETTINGS_MODULE",
)


def probe(settings_module, tmp_path, **variables):
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env.update(DJANGO_SETTINGS_MODULE=settings_module, DATA_DIR=str(tmp_path), **variables)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result


def test_embedded_default_needs_no_variable(tmp_path):
    result = probe("config.settings.dev", tmp_path)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "db.sqlite3")
    assert values["layer"] == "channels.layers.InMemoryChannelLayer"
    assert values["cache"].endswith("LocMemCache")
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["language"] == "fr"
    assert values["tz"] == "Europe/Paris"


def test_environment_switches_to_postgresql_and_redis(tmp_path):
    result = probe(
        "config.settings.dev",
        tmp_path,
        DATABASE_URL="postgres://someone@db.example:5432/trajectoires",
        REDIS_URL="redis://cache.example:6379/0",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "trajectoires"
    assert values["layer"] == "channels_redis.core.RedisChannelLayer"
    assert values["cache"] == "core.cache.ResilientRedisCache"


@pytest.mark.parametrize(
    ("variables", "missing"),
    [
        ({}, "SECRET_KEY, ALLOWED_HOSTS"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "trajectoires.example"}, "SECRET_KEY"),
    ],
)
def test_production_settings_refuse_to_start_without_secrets(tmp_path, variables, missing):
    result = probe("config.settings.base", tmp_path, **variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "set %s" % missing in result.stderr


def test_production_settings_are_secure_by_default(tmp_path):
    result = probe(
        "config.settings.base",
        tmp_path,
        SECRET_KEY="k" * 30 + "-" + "q" * 30,
        ALLOWED_HOSTS="trajectoires.example",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["debug"] is False
    assert values["ssl_redirect"] is True
