"""Settings of the servers the production tests start: production's (``config.settings.base``,
DEBUG off, every variable from the environment), with the static files read from the
app folders, so that no ``collectstatic`` is needed before a test."""

from config.settings.base import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
