"""The figures fragments that open pages swap in when a change is announced.

After a save, every open dashboard and trajectory of the programme needs its figures at
once. Viewers who see the same get the same HTML, rendered once per data version (the
programme's, bumped by every announced change) and kept in the cache: a dashboard
depends only on the trust-circle links its viewer may follow; a trajectory on whether
its viewer manages the accompaniment, may edit the map and sees private notes. Nothing
else of the user is in the fragments (no CSRF token, no name), so sharing them between
viewers of one class leaks nothing: tests check each class sees its own.

The pages fetch them (``?fragment=figures``), and the websocket consumer pushes them
with the change, so that two hundred pages do not each send a request in the same
second.
"""

import hashlib
import logging
import threading
import time

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from coaching.perms import (
    can_manage_accompaniment,
    can_view_eric_record,
    can_write_code_source_sheet,
)
from coaching.scope import get_scope
from core.versions import programme_version
from maps.perms import can_edit_trust_circles

from .dashboard import dashboard_context
from .trajectory import trajectory_context

logger = logging.getLogger(__name__)

#: A rendered fragment is shared this long at most (its key holds the data version).
FRAGMENT_CACHE_SECONDS = 60
DASHBOARD_TEMPLATE = "progress/includes/dashboard_figures.html"
TRAJECTORY_TEMPLATE = "progress/includes/trajectory_figures.html"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _cached(key_parts, programme_id, render) -> str:
    version = programme_version(programme_id)
    if version is None:  # cache down: render for this page alone
        return render()
    key = "fragment:%d:%d:%s:%s:%s" % (
        programme_id,
        version,
        timezone.localdate().isoformat(),
        get_language(),
        ":".join(str(part) for part in key_parts),
    )
    recent = _recent.get(key)  # the pages of this process told of the same change
    if recent is not None and recent[0] > time.monotonic():
        return recent[1]
    try:
        html = cache.get(key)
    except Exception:
        html = None
    if html is None:
        html = render()
        try:
            cache.set(key, html, FRAGMENT_CACHE_SECONDS)
        except Exception:
            logger.warning("Cache unreachable: fragment not kept", exc_info=True)
    with _recent_lock:
        _recent[key] = (time.monotonic() + FRAGMENT_CACHE_SECONDS, html)
        while len(_recent) > RECENT_FRAGMENTS:
            _recent.pop(next(iter(_recent)))
    return html


#: Fragments this process rendered or fetched last, kept as long as in the cache:
#: {key: (expires, html)}, oldest first.
RECENT_FRAGMENTS = 64
_recent: dict[str, tuple[float, str]] = {}
_recent_lock = threading.Lock()


def forget_recent_fragments() -> None:
    with _recent_lock:
        _recent.clear()


def normalised_page(page) -> str:
    """A page number as a cache key part: digits, or "other" (Paginator copes with it)."""
    page = str(page)
    return page if page.isdigit() and len(page) <= 6 else "other"


def dashboard_fragment(programme, user, *, page=1, behind_only=False) -> str:
    scope = get_scope(user)
    editable = (
        "all"
        if scope.is_administrator
        else ",".join(str(pk) for pk in sorted({*scope.team_eric_ids, *scope.coached_eric_ids}))
    )
    page = normalised_page(page)

    def render():
        context = dashboard_context(
            programme,
            today=timezone.localdate(),
            user=user,
            page=1 if page == "other" else page,
            behind_only=behind_only,
        )
        return render_to_string(DASHBOARD_TEMPLATE, context)

    return _cached(("dashboard", page, int(behind_only), _digest(editable)), programme.pk, render)


def trajectory_viewer(user, accompaniment) -> str:
    """What of the viewer a trajectory fragment depends on."""
    sees_private = can_view_eric_record(
        user,
        programme_id=accompaniment.programme_id,
        eric_id=accompaniment.eric_id,
        shared=False,
    )
    return "%d%d%d%d" % (
        can_manage_accompaniment(user, accompaniment),
        can_edit_trust_circles(user, accompaniment.eric),
        sees_private,
        can_write_code_source_sheet(user, accompaniment.eric_id),
    )


def trajectory_fragment(accompaniment, user) -> str:
    def render():
        context = trajectory_context(accompaniment, user, today=timezone.localdate())
        return render_to_string(TRAJECTORY_TEMPLATE, context)

    return _cached(
        ("trajectory", accompaniment.pk, trajectory_viewer(user, accompaniment)),
        accompaniment.programme_id,
        render,
    )
