"""What each indicator counts, per ERIC and per month, in a fixed number of queries.

Each source reads its records once: counted animations (their stored verdict, through
its partial index), « code source » sheets by month of first publication, federating
events taken part in, trainings that count, the weeks the hotline was held, the ERIC
with a current trust-circle map.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from cms.selectors import sheets_published_by_month
from coaching.enums import AnimationStatus
from coaching.models import Animation, FederatingEventParticipation, HotlineCall, HotlineSlot
from maps.models import TrustCircleEntry
from trainings.models import Training

from .calendar import local_month, month_start, paris_midnight

#: An animation held longer ago than this and still undocumented raises an alert.
UNDOCUMENTED_AFTER_DAYS = 15


@dataclass
class Counts:
    """A source's counts per ERIC (in all, and this month) and per month, programme-wide."""

    by_eric: dict = field(default_factory=lambda: defaultdict(int))
    this_month: dict = field(default_factory=lambda: defaultdict(int))
    by_month: dict = field(default_factory=lambda: defaultdict(int))

    @classmethod
    def from_queries(cls, per_eric, per_month, *, eric_key, count):
        """``per_eric`` rows carry ``n`` and ``current``; ``per_month`` rows a ``month``."""
        counts = cls()
        for row in per_eric.order_by():
            counts.by_eric[row[eric_key]] = row["n"]
            counts.this_month[row[eric_key]] = row["current"]
        for row in per_month.annotate(n=count).order_by():
            counts.by_month[local_month(row["month"])] += row["n"]
        return counts


def hotline_weeks_held(programme, calendar, start, until) -> set[datetime.date]:
    """Mondays of the weeks the hotline was held: a slot marked held, or a call logged.

    Two queries. Calls are looked for only in the weeks no slot covers, so that five
    years of weekly calls of thousands of ERIC are not scanned when the slots say it all.
    """
    held = set()
    slot_weeks = (
        HotlineSlot.objects.filter(
            programme=programme, held_on__gte=programme.start_date, held_on__lte=calendar.today
        )
        .annotate(week=TruncWeek("held_on"))
        .values_list("week", flat=True)
        .distinct()
        .order_by()
    )
    for week in slot_weeks:  # 9
        held.add(week.date() if isinstance(week, datetime.datetime) else week)
    # the weeks begun, up to today's, that no held slot covers, as merged ranges
    ranges = []
    monday = calendar.first_week
    while monday <= calendar.today:
        if monday not in held:
            week_start = max(start, paris_midnight(monday))
            week_end = min(until, paris_midnight(monday + datetime.timedelta(days=7)))
            if week_start < week_end:
                if ranges and ranges[-1][1] == week_start:
                    ranges[-1] = (ranges[-1][0], week_end)
                else:
                    ranges.append((week_start, week_end))
        monday += datetime.timedelta(days=7)
    # with every week covered, an empty range keeps the query count fixed
    window = Q(started_at__gte=until, started_at__lt=until)
    for low, high in ranges:
        window |= Q(started_at__gte=low, started_at__lt=high)
    call_weeks = (
        HotlineCall.objects.filter(window, accompaniment__programme=programme)
        .annotate(week=TruncWeek("started_at", tzinfo=timezone.get_current_timezone()))
        .values_list("week", flat=True)
        .distinct()
        .order_by()
    )
    for week in call_weeks:  # 10
        if isinstance(week, datetime.datetime):
            week = timezone.localtime(week).date() if timezone.is_aware(week) else week.date()
        held.add(week)
    return held


def animation_counts(programme, start, until, today, *, accompaniment=None) -> Counts:
    """Counted animations per ERIC (in all and this month) and, programme-wide, per month.

    Reads the stored verdict (``Animation.objects.counted()``) through its partial index.
    With ``accompaniment``, only that ERIC's counts (no month series: one query)."""
    tz = timezone.get_current_timezone()
    counted = Animation.objects.counted().filter(starts_at__gte=start, starts_at__lt=until)
    counted = (
        counted.filter(accompaniment=accompaniment)
        if accompaniment is not None
        else counted.filter(accompaniment__programme=programme)
    )
    per_eric = counted.values("accompaniment__eric_id").annotate(
        n=Count("pk"), current=Count("pk", filter=Q(starts_at__gte=month_start(today)))
    )
    per_month = (
        counted.none()
        if accompaniment is not None
        else counted.annotate(month=TruncMonth("starts_at", tzinfo=tz)).values("month")
    )
    return Counts.from_queries(
        per_eric, per_month, eric_key="accompaniment__eric_id", count=Count("pk")
    )


def sheet_counts(programme, today, *, eric_id=None) -> Counts:
    """Sheets per ERIC and month of first publication, up to ``today``."""
    tomorrow = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min)
    )
    sheets = Counts()
    current_month = today.replace(day=1)
    for row in sheets_published_by_month(programme, eric_id=eric_id):
        if row["published_month"] < tomorrow:
            month = local_month(row["published_month"])
            author, n = row["author_eric_id"], row["sheet_count"]
            sheets.by_eric[author] += n
            sheets.by_month[month] += n
            if month == current_month:
                sheets.this_month[author] += n
    return sheets


def event_counts(programme, today, *, accompaniment=None) -> Counts:
    """Federating events taken part in, per ERIC and (programme-wide) per month."""
    participations = FederatingEventParticipation.objects.filter(
        event__programme=programme,
        event__starts_on__gte=programme.start_date,
        event__starts_on__lte=min(programme.end_date, today),
    )
    if accompaniment is not None:
        participations = participations.filter(accompaniment=accompaniment)
    per_month = (
        participations.none()
        if accompaniment is not None
        else participations.annotate(month=TruncMonth("event__starts_on")).values("month")
    )
    return Counts.from_queries(
        participations.values("accompaniment__eric_id").annotate(
            n=Count("event_id", distinct=True),
            current=Count(
                "event_id", filter=Q(event__starts_on__gte=today.replace(day=1)), distinct=True
            ),
        ),
        per_month,
        eric_key="accompaniment__eric_id",
        count=Count("pk"),
    )


def current_trust_circle_entries(today):
    return TrustCircleEntry.objects.current(today)


def trainings_by_month(programme, until) -> dict:
    """Trainings that count, in the month of their first half-day (one query)."""
    trainings = defaultdict(int)
    for first in (
        Training.objects.for_programme(programme)
        .counted(until)
        .annotate(first_start=Min("sessions__starts_at"))
        .values_list("first_start", flat=True)
    ):
        trainings[local_month(first)] += 1
    return trainings


def undocumented_animations(programme, *, today: datetime.date | None = None):
    """Held more than 15 days ago and still undocumented (report or attendance missing)."""
    today = today or timezone.localdate()
    limit = paris_midnight(today - datetime.timedelta(days=UNDOCUMENTED_AFTER_DAYS))
    return (
        Animation.objects.filter(
            accompaniment__programme=programme,
            status=AnimationStatus.HELD,
            starts_at__lt=limit,
            # implied by "undocumented"; lets the database use its partial index
            counts_toward_target=False,
        )
        .undocumented()
        .select_related("accompaniment__eric")
        .order_by("starts_at", "pk")
    )
