"""Where each figure leads: the list of the records it counts, filtered alike."""

import datetime

from django.urls import reverse
from django.utils.http import urlencode

from coaching.enums import AnimationStage, Indicator
from maps.perms import can_edit_trust_circles

#: The public knowledge base, where the sheets are listed.
KNOWLEDGE_BASE_URL = "/code-source/"


def journal_url(name: str, **params) -> str:
    """A journal list's address with its filters (``eric``, ``month`` as a date, ``status``)."""
    query = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, datetime.date):
            value = value.strftime("%Y-%m")
        query[key] = value
    url = reverse(name)
    return url + "?" + urlencode(query) if query else url


def animations_url(*, eric_id=None, month=None, status=AnimationStage.COUNTED):
    return journal_url("coaching:animation_list", eric=eric_id, month=month, status=status)


def records_url(indicator, *, eric=None, month=None):
    """Where the records behind a figure are listed (None when there is no list yet)."""
    if indicator == Indicator.ANIMATIONS:
        return animations_url(eric_id=eric.pk if eric else None, month=month)
    if indicator == Indicator.TRAININGS:
        return reverse("trainings:training_list")
    if indicator == Indicator.FEDERATING_EVENTS:
        return journal_url("coaching:federating_event_list", month=month)
    if indicator == Indicator.HOTLINE_HALF_DAYS:
        return journal_url("coaching:hotline_call_list", month=month)
    if indicator == Indicator.CODE_SOURCE_SHEETS:
        return KNOWLEDGE_BASE_URL
    if indicator == Indicator.TRUST_CIRCLE_MAPS and eric is not None:
        return reverse("maps:entry_list", args=[eric.slug])
    return None


def eric_records_url(indicator, eric, user):
    """An ERIC's figure's records; the map's editing list is for its team, its coach and
    administrators only."""
    if indicator == Indicator.TRUST_CIRCLE_MAPS and not can_edit_trust_circles(user, eric):
        return None
    return records_url(indicator, eric=eric)
