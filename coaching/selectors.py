"""Reads that cross models: what a user's home shows, computed in SQL."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Prefetch, Q

from .enums import Indicator, MilestoneStatus
from .models import Accompaniment, Milestone, Programme, Target

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
    from .perms import get_scope

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


def eric_trajectory(accompaniment, user, *, today: datetime.date) -> dict:
    """What an ERIC's trajectory page adds to its milestones: its figures against the
    targets, what is due this month, its animations with their missing pieces, the
    follow-ups of its calls, its sheets. A fixed number of queries; records filtered by
    what ``user`` may see (an ERIC team never sees private calls)."""
    from cms.models.knowledge import CodeSourceSheet

    from .enums import AnimationStatus
    from .indicators import eric_indicators
    from .models import Animation, HotlineCall, HotlineFollowUp

    result = eric_indicators(accompaniment, today=today)
    eric_id = accompaniment.eric_id
    figures = [{"row": row, "figure": row.figure} for row in result.rows]
    animations = list(
        Animation.objects.visible_to(user)
        .filter(accompaniment=accompaniment)
        .with_counting()
        .select_related("accompaniment__programme")
        .order_by("-starts_at", "pk")
    )
    calls = HotlineCall.objects.visible_to(user).filter(accompaniment=accompaniment)
    follow_ups = list(
        HotlineFollowUp.objects.filter(call__in=calls, done=False)
        .select_related("call")
        .order_by("due_date", "pk")
    )
    for follow_up in follow_ups:
        follow_up.late = follow_up.due_date is not None and follow_up.due_date < today
    sheets = list(
        CodeSourceSheet.objects.live()
        .filter(author_eric_id=eric_id)
        .order_by("-first_published_at", "pk")
    )
    first, last = month_bounds(today)
    in_programme = accompaniment.programme.start_date <= today <= accompaniment.programme.end_date
    return {
        "result": result,
        "figures": figures,
        "animations": animations,
        "animations_to_finish": [
            a for a in animations if a.status != AnimationStatus.CANCELLED and not a.counts
        ],
        "follow_ups": follow_ups,
        "sheets": sheets,
        "month_first": first,
        "month_last": last,
        "in_programme": in_programme,
        "animations_this_month": result.animations_this_month,
        "sheets_this_month": result.sheets_this_month,
        "has_animation_target": result.has_target(Indicator.ANIMATIONS),
        "has_sheet_target": result.has_target(Indicator.CODE_SOURCE_SHEETS),
    }
