"""The resource person's week: the hotline, follow-ups, animations to document,
upcoming events and the ERIC falling behind."""

import datetime

from django.db.models import Q
from django.utils import timezone

from agenda.enums import EntryKind
from agenda.selectors import local_bounds, occurrences_between
from coaching.enums import AnimationStatus
from coaching.models import Animation, HotlineFollowUp, HotlineSlot, Programme
from coaching.scope import get_scope

from .indicators import Status, cached_programme_indicators

FALLING_BEHIND = {Status.BEHIND, Status.AT_RISK}
UPCOMING_DAYS = 14
UPCOMING_LIMIT = 20


def week_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def week_context(user, *, today: datetime.date):
    """What the week page shows; queries grow with the programmes, not the ERIC."""
    scope = get_scope(user)
    monday, sunday = week_bounds(today)
    follow_ups = HotlineFollowUp.objects.filter(done=False)
    to_document = Animation.objects.with_counting().filter(status=AnimationStatus.HELD)
    if not scope.sees_everything:
        follow_ups = follow_ups.filter(call__accompaniment_id__in=scope.coached_accompaniment_ids)
        to_document = to_document.filter(accompaniment_id__in=scope.coached_accompaniment_ids)
    programme_ids = scope.coached_programme_ids
    programmes = Programme.objects.order_by("-start_date", "name")
    if not scope.sees_everything:
        programmes = programmes.filter(pk__in=programme_ids)
    programmes = list(programmes)

    start, end = local_bounds(monday, sunday)
    slots_held = set(
        HotlineSlot.objects.filter(
            programme__in=programmes, held_on__gte=monday, held_on__lte=sunday
        ).values_list("programme_id", "held_on")
    )
    hotline = []
    for item in occurrences_between(user, start, end, kind=EntryKind.HOTLINE_SLOT):
        hotline.append(
            {
                "item": item,
                "held": (item.entry.programme_id, item.day) in slots_held,
                "past": item.day <= today,
            }
        )
    held_programmes = {programme_id for programme_id, _ in slots_held}

    follow_ups = list(
        follow_ups.filter(Q(due_date__lte=sunday) | Q(due_date__isnull=True))
        .select_related("call__accompaniment__eric")
        .order_by("due_date", "pk")
    )
    for follow_up in follow_ups:
        follow_up.late = follow_up.due_date is not None and follow_up.due_date < today

    to_document = list(
        to_document.undocumented().select_related("accompaniment__eric").order_by("starts_at", "pk")
    )

    now = timezone.now()
    upcoming = [
        item
        for item in occurrences_between(user, now, now + datetime.timedelta(days=UPCOMING_DAYS))
        if not item.cancelled and item.entry.kind != EntryKind.HOTLINE_SLOT
    ][:UPCOMING_LIMIT]

    behind = []
    coached_erics = scope.coached_pairs
    for programme in programmes:
        result = cached_programme_indicators(programme, today=today)
        for acc in result.accompaniments:
            if not scope.sees_everything and (programme.pk, acc.eric_id) not in coached_erics:
                continue
            lagging = [
                {"row": row, "figure": row.per_eric[acc.eric_id]}
                for row in result.rows
                if row.applies_to(acc.eric_id)
                and row.figure.tracked
                and row.per_eric[acc.eric_id].status in FALLING_BEHIND
            ]
            if lagging:
                behind.append({"accompaniment": acc, "lagging": lagging})

    return {
        "today": today,
        "monday": monday,
        "sunday": sunday,
        "programmes": [
            {"programme": p, "hotline_held": p.pk in held_programmes} for p in programmes
        ],
        "hotline": hotline,
        "follow_ups": follow_ups,
        "to_document": to_document,
        "upcoming": upcoming,
        "behind": behind,
    }
