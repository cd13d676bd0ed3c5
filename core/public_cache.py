"""Public pages served from the cache to anonymous visitors.

A public page (the Wagtail site, the ERIC pages, the public agenda…) changes a few times a
day and is read all day long. For a visitor who is not logged in, the whole response is
kept in the cache under the **public version**, a number that every write to the
platform's data bumps (a ``post_save`` / ``post_delete`` of a model of the platform's
apps, a Wagtail publication, a change event); the next visit after a write renders the
page afresh. A time-to-live bounds what depends on the clock alone (« à venir »,
« ce mois-ci »).

Never cached: a logged-in user or anyone holding a session cookie, a request with a
message waiting, anything but a ``200`` HTML answer to ``GET`` or ``HEAD``, a response
that sets a cookie, uses a CSRF token or says ``private`` / ``no-store``, and the
paths of the work space, the back offices, the API's writes, media and static files.
When the cache is down, pages are rendered as if nothing were cached.
"""

import functools
import hashlib
import logging
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_cache_control, patch_vary_headers

from .language import chosen_language

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"

#: Paths never served from the cache (besides every logged-in request).
NEVER_CACHED_PREFIXES = (
    "/espace/",
    "/admin/",
    "/django-admin/",
    "/connexion/",
    "/deconnexion/",
    "/i18n/",
    "/media/",
    "/static/",
    "/ws/",
    "/healthz",
)


def public_version() -> int | None:
    """The public pages' version; ``None`` when the cache cannot be reached."""
    try:
        return cache.get_or_set(VERSION_KEY, time.time_ns() // 1000, None)
    except Exception:
        logger.warning("Cache unreachable: public pages rendered afresh", exc_info=True)
        return None


def bump_public_version() -> None:
    """Make every cached public page stale (after any write to the platform's data)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet, or the cache was emptied: start a new one
        try:
            cache.set(VERSION_KEY, time.time_ns() // 1000, None)
        except Exception:
            logger.warning("Cache unreachable: public version not bumped", exc_info=True)
    except Exception:
        logger.warning("Cache unreachable: public version not bumped", exc_info=True)


@functools.cache
def _watched(label_lower: str) -> bool:
    """Whether writing this model (``app_label.model``) makes the public pages stale: the
    project's own apps and ``PUBLIC_CACHE_THIRD_PARTY_APPS``, less
    ``PUBLIC_CACHE_IGNORED_MODELS``."""
    app_label = label_lower.partition(".")[0]
    if label_lower in settings.PUBLIC_CACHE_IGNORED_MODELS:
        return False
    if app_label in settings.PUBLIC_CACHE_THIRD_PARTY_APPS:
        return True
    try:
        path = Path(apps.get_app_config(app_label).path).resolve()
    except LookupError:
        return False
    return path.is_relative_to(settings.BASE_DIR) and "site-packages" not in path.parts


def _data_changed(sender, **kwargs):
    # migrations' historical models have no app config: their label is enough
    if _watched(sender._meta.label_lower):
        bump_public_version()


def connect():
    """Bump the public version on every write to a model of the platform's apps."""
    post_save.connect(_data_changed, dispatch_uid="public-cache-save")
    post_delete.connect(_data_changed, dispatch_uid="public-cache-delete")


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(NEVER_CACHED_PREFIXES):
        return False
    cookies = request.COOKIES
    # a session may be logged in; a message waits to be shown once
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the page holds a CSRF token: it belongs to this visitor
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _key(request, version: int) -> str:
    language = chosen_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return "public-pages:%d:%s:%s" % (version, language, path)


class PublicPageCacheMiddleware:
    """Serve anonymous visitors' public pages from the cache (see the module's text).

    Placed before the session, CSRF, authentication and CSP middlewares: a hit skips
    them all, and returns the headers kept with the page (its CSP among them).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PUBLIC_CACHE_SECONDS or not _cacheable_request(request):
            return self._private(request, self.get_response(request))
        version = public_version()
        if version is None:
            return self.get_response(request)
        key = _key(request, version)
        try:
            stored = cache.get(key)
        except Exception:
            logger.warning("Cache unreachable: public page rendered afresh", exc_info=True)
            stored = None
        if stored is not None:
            stored["X-Cache"] = "hit"
            return stored
        response = self.get_response(request)
        if _cacheable_response(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_MAX_AGE)
            patch_vary_headers(response, ("Cookie",))
            try:
                cache.set(key, response, settings.PUBLIC_CACHE_SECONDS)
            except Exception:
                logger.warning("Cache unreachable: public page not kept", exc_info=True)
            response["X-Cache"] = "miss"
        return self._private(request, response)

    @staticmethod
    def _private(request, response):
        """A logged-in answer is never kept by a shared cache or the proxy."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response
