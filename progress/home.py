"""What the reports add to « Mon espace » (see ``core.home``): for the Region (and the
programmes' resource persons), the reports being prepared, ready and frozen, and the
next report the schedule will prepare; for anyone, their own reports finished lately
(the platform's notice that a report is ready or failed)."""

import datetime

from django.utils import timezone

from coaching.models import Programme
from coaching.scope import get_scope
from core.home import HomeSection

from .models import UNFINISHED, Report, ReportStatus
from .schedule import KIND_OF, period_under_way

#: Reports listed in each group.
LISTED = 8
#: How long one's own finished report stays on the home page.
NOTICE_DAYS = 14


def _programmes(user):
    scope = get_scope(user)
    if scope.sees_everything:
        return Programme.objects.all()
    ids = scope.region_programme_ids | scope.coached_programme_ids
    return Programme.objects.filter(pk__in=ids)


def reports_section(request):
    user = request.user
    if not user.is_authenticated:
        return None
    since = timezone.now() - datetime.timedelta(days=NOTICE_DAYS)
    mine = list(
        Report.objects.filter(requested_by=user, finished_at__gte=since)
        .exclude(status__in=UNFINISHED)
        .select_related("programme", "eric")[:LISTED]
    )
    programmes = list(_programmes(user).select_related("report_schedule").order_by("name"))
    ids = [p.pk for p in programmes]
    reports = list(
        Report.objects.filter(programme_id__in=ids, eric__isnull=True)
        .select_related("programme", "frozen_by")
        .order_by("-created_at", "-pk")[: LISTED * 4]
    )
    if not (mine or programmes):
        return None
    today = timezone.localdate()
    due = []
    for programme in programmes:
        schedule = getattr(programme, "report_schedule", None)
        frequency = schedule.frequency if schedule else "monthly"
        if frequency not in KIND_OF or not programme.start_date <= today <= programme.end_date:
            continue
        # the next report the schedule prepares: the period under way's, the day after
        period = period_under_way(frequency, today)
        due.append(
            {
                "programme": programme,
                "kind": KIND_OF[frequency],
                "period": period,
                "on": period.end + datetime.timedelta(days=1),
            }
        )
    return HomeSection(
        template="progress/includes/home_reports.html",
        context={
            "mine": mine,
            "due": due,
            "preparing": [r for r in reports if r.status in UNFINISHED][:LISTED],
            "ready": [r for r in reports if r.status == ReportStatus.READY and not r.frozen][
                :LISTED
            ],
            "frozen": [r for r in reports if r.frozen and r.status == ReportStatus.READY][:LISTED],
            "programmes": programmes,
        },
    )
