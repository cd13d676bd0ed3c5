"""What each indicator counts, per ERIC and per month, in a fixed number of queries.

Every source reads the records through its domain's one definition of what counts (the
same functions the lists behind the figures call): counted animations
(``coaching.selectors.counted_animations``), federating events taken part in
(``federating_participations``), « code source » sheets (``cms.selectors``), trainings
(``trainings.selectors.counted_trainings``), published newsletters
(``newsletter.selectors.counted_newsletters``), pilot 1's visitor-study events
(``study.selectors.counted_study_events``), the weeks the hotline was held
(``coaching.selectors.hotline``), the ERIC with a current trust-circle map.

Month series are kept per pilot of the ERIC (a handful of keys, whatever the number of
ERIC), so that a target that applies to one pilot's ERIC adds up their records only.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cms.selectors import sheets_published_by_month
from coaching.enums import AnimationStatus
from coaching.models import Animation, AnimationTally, AnimationTallyByEric, AnimationTallyByMonth
from coaching.selectors.counted import counted_animations, federating_participations
from coaching.selectors.hotline import hotline_weeks_held, week_month
from core.dates import local_month, paris_midnight
from maps.models import TrustCircleEntry
from newsletter.selectors import counted_newsletters
from study.selectors import counted_study_events, with_visitors
from trainings.models import Attendance
from trainings.selectors import counted_trainings

#: An animation held longer ago than this and still undocumented raises an alert.
UNDOCUMENTED_AFTER_DAYS = 15


@dataclass
class Counts:
    """A source's counts per ERIC (in all, and this month) and per (pilot, month)."""

    by_eric: dict = field(default_factory=lambda: defaultdict(int))
    this_month: dict = field(default_factory=lambda: defaultdict(int))
    by_month: dict = field(default_factory=lambda: defaultdict(int))  # (pilot, month) -> n
    #: Visitors of the records counted per ERIC (the visitor study only).
    visitors: dict = field(default_factory=lambda: defaultdict(int))

    def months(self, pilot: str = "") -> dict:
        """Month -> count, of the ERIC of ``pilot`` (every ERIC when blank)."""
        result = defaultdict(int)
        for (row_pilot, month), n in self.by_month.items():
            if not pilot or row_pilot == pilot:
                result[month] += n
        return result

    @classmethod
    def from_queries(cls, per_eric, per_month, *, eric_key):
        """``per_eric`` rows carry ``n`` and ``current``; ``per_month`` rows ``pilot``,
        ``month`` and ``n``."""
        counts = cls()
        for row in per_eric.order_by():
            counts.by_eric[row[eric_key]] = row["n"]
            counts.this_month[row[eric_key]] = row["current"]
        for row in per_month.order_by():
            counts.by_month[(row["pilot"] or "", local_month(row["month"]))] += row["n"]
        return counts


def animation_counts(programme, today, *, accompaniment=None, by_pilot=False) -> Counts:
    """Counted animations per ERIC (in all and this month) and per pilot and month.

    Read from the tallies the services keep (ADR 0023) for every month but ``today``'s,
    counted from the records: per ERIC, its sum less its cells from ``today``'s month on;
    per month, the programme's month sums (every ERIC, filed under no pilot) — or, with
    ``by_pilot`` (a target names a pilot), the cells summed per pilot. Four queries,
    whatever the number of ERIC and records. With ``accompaniment``, only that ERIC's
    counts, from its records (no month series: one query)."""
    if accompaniment is not None:
        counted = counted_animations(programme, until=today).filter(accompaniment=accompaniment)
        per_eric = counted.values("accompaniment__eric_id").annotate(
            n=Count("pk"),
            current=Count("pk", filter=Q(starts_at__gte=paris_midnight(today.replace(day=1)))),
        )
        return Counts.from_queries(
            per_eric, counted.none().values("pk"), eric_key="accompaniment__eric_id"
        )
    month = today.replace(day=1)
    counts = Counts()
    sums = AnimationTallyByEric.objects.filter(programme=programme).order_by()
    for eric_id, n in sums.values_list("accompaniment__eric_id", "count"):
        counts.by_eric[eric_id] = n
    cells = AnimationTally.objects.filter(programme=programme).order_by()
    for eric_id, n in (
        cells.filter(month__gte=month)
        .values_list("accompaniment__eric_id")
        .annotate(n=Sum("count"))
    ):
        counts.by_eric[eric_id] -= n
    if by_pilot:
        months = cells.filter(month__lt=month).values_list("accompaniment__eric__pilot", "month")
        months = months.annotate(n=Sum("count"))
    else:
        months = (
            AnimationTallyByMonth.objects.filter(programme=programme, month__lt=month)
            .annotate(pilot=Value(""))
            .values_list("pilot", "month", "count")
            .order_by()
        )
    for pilot, tally_month, n in months:
        counts.by_month[(pilot or "", tally_month)] += n
    current = (
        counted_animations(programme, until=today)
        .filter(starts_at__gte=paris_midnight(month))
        .values_list("accompaniment__eric_id", "accompaniment__eric__pilot")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for eric_id, pilot, n in current:
        counts.by_eric[eric_id] += n
        counts.this_month[eric_id] = n
        counts.by_month[(pilot if by_pilot else "", month)] += n
    return counts


def sheet_counts(programme, today, pilots: dict, *, eric_id=None) -> Counts:
    """Sheets per ERIC and (pilot, month) of first publication, up to ``today``.

    ``pilots``: eric_id -> pilot of the programme's ERIC."""
    sheets = Counts()
    current_month = today.replace(day=1)
    for row in sheets_published_by_month(programme, eric_id=eric_id, until=today):
        month = local_month(row["published_month"])
        author, n = row["author_eric_id"], row["sheet_count"]
        sheets.by_eric[author] += n
        sheets.by_month[(pilots.get(author, ""), month)] += n
        if month == current_month:
            sheets.this_month[author] += n
    return sheets


def event_counts(programme, today, *, accompaniment=None) -> Counts:
    """Participations in federating events per ERIC, and per pilot and month."""
    participations = federating_participations(programme, until=today)
    if accompaniment is not None:
        participations = participations.filter(accompaniment=accompaniment)
    per_month = (
        participations.none().values("pk")
        if accompaniment is not None
        else participations.annotate(
            month=TruncMonth("event__starts_on"), pilot=F("accompaniment__eric__pilot")
        )
        .values("pilot", "month")
        .annotate(n=Count("pk"))
    )
    return Counts.from_queries(
        participations.values("accompaniment__eric_id").annotate(
            n=Count("pk"),
            current=Count("pk", filter=Q(event__starts_on__gte=today.replace(day=1))),
        ),
        per_month,
        eric_key="accompaniment__eric_id",
    )


def training_counts(programme, today, *, eric_ids=None) -> Counts:
    """Trainings that count in the month of their first half-day (one query), and per
    ERIC the counted trainings its team attended (one query); with ``eric_ids``, only
    theirs (no month series)."""
    counted = counted_trainings(programme, until=today)
    trainings = Counts()
    if eric_ids is None:  # one ERIC's page draws no month series
        for first in counted.values_list("first_start", flat=True):
            trainings.by_month[("", local_month(first))] += 1
    attended = Attendance.objects.filter(
        session__training__in=counted.values("pk"), registration__organisation_id__isnull=False
    )
    if eric_ids is not None:
        attended = attended.filter(registration__organisation_id__in=eric_ids)
    for row in (
        attended.values("registration__organisation_id")
        .annotate(n=Count("session__training_id", distinct=True))
        .order_by()
    ):
        trainings.by_eric[row["registration__organisation_id"]] = row["n"]
    return trainings


def newsletter_counts(programme, today) -> Counts:
    """Published issues per month of publication (one query); programme-wide, so no
    pilot and no ERIC."""
    newsletters = Counts()
    published = counted_newsletters(programme, until=today).order_by()
    for published_at in published.values_list("published_at", flat=True):
        newsletters.by_month[("", local_month(published_at))] += 1
    return newsletters


def study_counts(programme, today, pilots, *, eric_id=None) -> Counts:
    """Pilot 1's visitor-study events with on-site answers, per ERIC and per month of
    their last day, and their visitors (one query); ``eric_id``: one ERIC's only."""
    studies = Counts()
    events = counted_study_events(programme, today).order_by()
    if eric_id is not None:
        events = events.filter(eric_id=eric_id)
    events = with_visitors(events)
    for eric_id, end_date, visitors in events.values_list("eric_id", "end_date", "visitors"):
        studies.by_eric[eric_id] += 1
        studies.by_month[(pilots.get(eric_id, ""), end_date.replace(day=1))] += 1
        studies.visitors[eric_id] += visitors
    return studies


def hotline_counts(programme, today) -> tuple[set, Counts]:
    """The Mondays of the weeks held (two queries), and their count per programme month
    (a week belongs to the month of its first day within the programme)."""
    held = hotline_weeks_held(programme, today=today)
    weeks = Counts()
    for monday in held:
        weeks.by_month[("", week_month(monday, programme))] += 1
    return held, weeks


def current_trust_circle_entries(today):
    return TrustCircleEntry.objects.current(today)


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
