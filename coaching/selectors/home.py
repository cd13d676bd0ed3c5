"""What a user's home and a programme's overview show, computed in SQL."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Prefetch, Q

from ..enums import MilestoneStatus
from ..models import Accompaniment, Milestone, Programme, Target
from ..scope import get_scope

OPEN_STATUSES = [MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS]


def month_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = today.replace(day=1)
    return first, first + relativedelta(months=1, days=-1)


def accompaniments_for_home(user, *, today: datetime.date):
    """The accompaniments a user may see, each with its milestone counts."""
    first, last = month_bounds(today)
    return (
        Accompaniment.objects.visible_to(user)
        .select_related("programme", "eric")
        .annotate(
            milestones_total=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones", filter=Q(milestones__status=MilestoneStatus.DONE), distinct=True
            ),
            milestones_late=Count(
                "milestones",
                filter=Q(milestones__status__in=OPEN_STATUSES, milestones__due_date__lt=today),
                distinct=True,
            ),
            milestones_this_month=Count(
                "milestones",
                filter=Q(
                    milestones__status__in=OPEN_STATUSES,
                    milestones__due_date__gte=max(first, today),
                    milestones__due_date__lte=last,
                ),
                distinct=True,
            ),
        )
        .order_by("programme__start_date", "eric__name")
    )


def milestones_to_act_on(user, *, today: datetime.date, limit: int = 20):
    """Open milestones that are late or due by the end of this month."""
    _, last = month_bounds(today)
    accompaniments = Accompaniment.objects.visible_to(user)
    return list(
        Milestone.objects.filter(accompaniment__in=accompaniments, status__in=OPEN_STATUSES)
        .filter(due_date__lte=last)
        .select_related("accompaniment__eric", "accompaniment__programme")
        .order_by("due_date", "pk")[:limit]
    )


def programmes_for_home(user):
    """Programmes a user reaches, with their targets and ERIC count."""
    scope = get_scope(user)
    programmes = Programme.objects.select_related("funder")
    # Partners and editors see every programme's overview; the others, the programmes
    # they fund or where they take part in an accompaniment.
    if not (scope.sees_everything or scope.is_partner or scope.is_editor):
        programmes = programmes.filter(
            Q(pk__in=scope.region_programme_ids)
            | Q(pk__in=Accompaniment.objects.visible_to(user).values("programme_id"))
        )
    return list(
        programmes.annotate(eric_count=Count("accompaniments", distinct=True)).prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("indicator"))
        )
    )


def programme_overview(programme: Programme, user):
    """A programme's targets with their totals, and the accompaniments the user sees."""
    eric_count = programme.accompaniments.count()
    targets = [
        {"target": target, "total": target.total(eric_count=eric_count)}
        for target in programme.targets.order_by("indicator")
    ]
    accompaniments = (
        Accompaniment.objects.visible_to(user)
        .filter(programme=programme)
        .select_related("eric")
        .prefetch_related("resource_persons")
        .order_by("eric__name")
    )
    return {"eric_count": eric_count, "targets": targets, "accompaniments": list(accompaniments)}
