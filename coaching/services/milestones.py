"""The milestones of an ERIC's trajectory."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from core.changes import ChangeKind
from core.services import apply_changes

from ..enums import (
    MilestoneStatus,
)
from ..models import (
    Accompaniment,
    Milestone,
)
from ..perms import (
    can_manage_accompaniment,
)
from .records import announce_record


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
        announce_record(ChangeKind.MILESTONE, milestone)
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
    with transaction.atomic():
        apply_changes(milestone, changes, MILESTONE_EDITABLE_FIELDS)
        milestone.completed_on = _completed_on(milestone.status, milestone.completed_on)
        milestone.full_clean()
        milestone.save(update_fields=[*changes.keys() | {"completed_on"}])
        announce_record(ChangeKind.MILESTONE, milestone)
    return milestone
