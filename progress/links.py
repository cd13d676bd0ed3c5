"""Where each figure leads: the list of exactly the records it counts.

Each list reads the same domain function as the figure (``coaching.selectors.counted``,
``coaching.selectors.hotline``, ``trainings.selectors``, ``cms.selectors``, ``newsletter.selectors``) with the
same programme, the same « arrêté au » day and the same pilot, ERIC or month; a figure
no list shows exactly (a capped sum per ERIC, a map's state, the trainings an ERIC's
team attended) has no link; a map's page is linked beside its figure.
"""

import datetime

from django.urls import reverse
from django.utils.http import urlencode

from coaching.enums import PER_ERIC_BASES, AnimationStage, Indicator
from maps.perms import can_edit_trust_circles

#: The public knowledge base, where the sheets are listed.
KNOWLEDGE_BASE_URL = "/code-source/"


def _query(**params) -> str:
    query = {}
    for key, value in params.items():
        if value is None or value == "":
            continue
        if isinstance(value, datetime.date):
            value = value.isoformat() if key == "until" else value.strftime("%Y-%m")
        query[key] = value
    return urlencode(query)


def _url(base: str, **params) -> str:
    query = _query(**params)
    return f"{base}?{query}" if query else base


def journal_url(name: str, **params) -> str:
    """A journal list's address with its filters (``eric``, ``month`` as a date, ``status``)."""
    return _url(reverse(name), **params)


def animations_url(
    programme=None,
    today=None,
    *,
    eric_id=None,
    month=None,
    pilot=None,
    status=AnimationStage.COUNTED,
):
    """Animations of a programme by ``today`` (``status`` counted: those that count)."""
    return journal_url(
        "coaching:animation_list",
        programme=programme.slug if programme else None,
        until=today,
        status=status,
        pilot=pilot,
        eric=eric_id,
        month=month,
    )


def sheets_url(programme, today, *, eric=None, month=None) -> str:
    return _url(
        KNOWLEDGE_BASE_URL,
        programme=programme.slug,
        until=today,
        eric=eric.slug if eric else None,
        month=month,
    )


def hotline_weeks_url(programme, today, *, month=None, state="held") -> str:
    return journal_url(
        "coaching:hotline_week_list",
        programme=programme.slug,
        until=today,
        state=state,
        month=month,
    )


def records_url(row, programme, today, *, month=None):
    """Where the records behind a programme figure (or one month's) are listed, or None."""
    if not row.figure.tracked or not row.listed:
        return None
    indicator = row.indicator
    if indicator == Indicator.ANIMATIONS:
        return animations_url(programme, today, month=month, pilot=row.pilot or None)
    if indicator == Indicator.HOTLINE_HALF_DAYS:
        return hotline_weeks_url(programme, today, month=month)
    if indicator == Indicator.VISITOR_STUDY:
        return _url(
            reverse("study:home"),
            programme=programme.slug,
            until=today,
            pilot=row.pilot or None,
            month=month,
        )
    if row.pilot or row.target.basis in PER_ERIC_BASES:
        # the other lists have no pilot filter; a federating event's list counts events,
        # the figure counts each ERIC's participations
        return None
    if indicator == Indicator.TRAININGS:
        return _url(
            reverse("trainings:training_list"),
            programme=programme.slug,
            counted=1,
            until=today,
            month=month,
        )
    if indicator == Indicator.CODE_SOURCE_SHEETS:
        return sheets_url(programme, today, month=month)
    if indicator == Indicator.NEWSLETTERS:
        return _url(
            reverse("newsletter_public:archive"), programme=programme.slug, until=today, month=month
        )
    return None


def eric_records_url(row, programme, today, eric, user):
    """Where an ERIC's figure's records are listed, or None."""
    if not row.figure.tracked or not row.eric_listed:
        return None
    indicator = row.indicator
    if indicator == Indicator.ANIMATIONS:
        return animations_url(programme, today, eric_id=eric.pk)
    if indicator == Indicator.FEDERATING_EVENTS:
        return journal_url(
            "coaching:federating_event_list",
            programme=programme.slug,
            until=today,
            eric=eric.pk,
        )
    if indicator == Indicator.CODE_SOURCE_SHEETS:
        return sheets_url(programme, today, eric=eric)
    return None


def map_url(row, eric, user):
    """An ERIC's map, beside its « 1 / 1 » (a state, not a list of what it counts); its
    editing list is for its team, its coach and administrators only."""
    if row.indicator == Indicator.TRUST_CIRCLE_MAPS and can_edit_trust_circles(user, eric):
        return reverse("maps:entry_list", args=[eric.slug])
    return None
