"""What the reports add to « Mon espace » (see ``core.home``): for the Region (and the
programmes' resource persons), the reports being prepared, ready and frozen, and the
next report the schedule will prepare; for anyone, their own reports finished lately
(the platform's notice that a report is ready or failed)."""

import datetime

from django.db.models import Q
from django.utils import timezone

from coaching.models import Programme
from coaching.scope import get_scope
from core.home import HomeSection

from .models import UNFINISHED, Report, ReportStatus, ScheduleFrequency
from .schedule import KIND_OF, period_under_way

#: Reports listed in each group.
LISTED = 5
#: How long one's own finished report stays on the home page.
NOTICE_DAYS = 14


def reports_section(request):
    """One query for a team, two for the Region (its reports and its programmes), none
    for whoever may ask for no report (an editor, a partner)."""
    user = request.user
    scope = get_scope(user)
    ids = scope.region_programme_ids | scope.coached_programme_ids
    if not (ids or scope.team_eric_ids or scope.sees_everything):
        return None
    since = timezone.now() - datetime.timedelta(days=NOTICE_DAYS)
    own = Q(requested_by=user, finished_at__gte=since) & ~Q(status__in=UNFINISHED)
    programme_wide = Q(eric__isnull=True) & (
        Q() if scope.sees_everything else Q(programme_id__in=ids)
    )
    reports = list(
        Report.objects.filter(own | programme_wide if ids or scope.sees_everything else own)
        .select_related("programme", "eric", "frozen_by")
        .order_by("-created_at", "-pk")[: LISTED * 4]
    )
    mine = [r for r in reports if r.requested_by_id == user.pk and r.finished][:LISTED]
    programmes = []
    if ids or scope.sees_everything:
        programmes = Programme.objects.select_related("report_schedule").order_by("name")
        if not scope.sees_everything:
            programmes = programmes.filter(pk__in=ids)
        programmes = list(programmes)
    if not (mine or programmes):
        return None
    wide = [
        r for r in reports if r.eric_id is None and r.programme_id in {p.pk for p in programmes}
    ]
    today = timezone.localdate()
    due = []
    for programme in programmes:
        schedule = getattr(programme, "report_schedule", None)
        frequency = schedule.frequency if schedule else ScheduleFrequency.MONTHLY
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
            "preparing": [r for r in wide if r.status in UNFINISHED][:LISTED],
            "ready": [r for r in wide if r.status == ReportStatus.READY and not r.frozen][:LISTED],
            "frozen": [r for r in wide if r.frozen and r.status == ReportStatus.READY][:LISTED],
            "programmes": programmes,
        },
    )
