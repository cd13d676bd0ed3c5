"""Every write of the accompaniment, each in a transaction, announced after commit."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .broadcast import broadcast_change
from .enums import MilestoneStatus
from .models import Accompaniment, Milestone
from .perms import can_manage_accompaniment


def _announce_milestone(milestone: Milestone) -> None:
    accompaniment = milestone.accompaniment
    broadcast_change(
        kind="milestone",
        pk=milestone.pk,
        programme_id=accompaniment.programme_id,
        eric_id=accompaniment.eric_id,
    )


def _completed_on(status: str, completed_on: datetime.date | None) -> datetime.date | None:
    if status == MilestoneStatus.DONE:
        return completed_on or timezone.localdate()
    return None


def milestone_create(
    *,
    by,
    accompaniment: Accompaniment,
    title: str,
    due_date: datetime.date,
    description: str = "",
    status: str = MilestoneStatus.PLANNED,
    evidence_note: str = "",
    completed_on: datetime.date | None = None,
) -> Milestone:
    if not can_manage_accompaniment(by, accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        milestone = Milestone(
            accompaniment=accompaniment,
            title=title,
            description=description,
            due_date=due_date,
            status=status,
            evidence_note=evidence_note,
            completed_on=_completed_on(status, completed_on),
        )
        milestone.full_clean()
        milestone.save()
        _announce_milestone(milestone)
    return milestone


MILESTONE_EDITABLE_FIELDS = (
    "title",
    "description",
    "due_date",
    "status",
    "evidence_note",
    "completed_on",
)


def milestone_update(*, by, milestone: Milestone, **changes) -> Milestone:
    if not can_manage_accompaniment(by, milestone.accompaniment):
        raise PermissionDenied
    unknown = set(changes) - set(MILESTONE_EDITABLE_FIELDS)
    if unknown:
        raise TypeError("Not editable: %s" % ", ".join(sorted(unknown)))
    with transaction.atomic():
        for field, value in changes.items():
            setattr(milestone, field, value)
        milestone.completed_on = _completed_on(milestone.status, milestone.completed_on)
        milestone.full_clean()
        milestone.save(update_fields=[*changes.keys() | {"completed_on"}])
        _announce_milestone(milestone)
    return milestone
