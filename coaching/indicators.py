"""Indicators: each target of a programme against what was logged, computed in SQL.

For every :class:`~coaching.models.Target` of a programme, :func:`programme_indicators`
gives the actual value under the target's counting rule, the total target over the
programme, the value expected by a given day and a status, in total, per ERIC (where
the indicator belongs to an ERIC) and month by month. It runs a fixed number of queries
whatever the number of ERIC, records or months.

Definitions (the French wording is on the dashboard):

* **Months elapsed** on ``today``: the programme's months that have ended before
  ``today`` (months in Europe/Paris). **Progress** is the share of the programme
  elapsed, counted in months: ended months plus the elapsed share of the current one.
* **Expected by today**: for a target counted per month (or per ERIC and per month),
  the value per month × months elapsed; per week, the value × ISO weeks ended since
  the programme's first week; otherwise the total × progress (linear over the months).
  Rounded down: a target is expected once its whole unit is due.
* **Status**: *achieved* when the actual reaches the total; *on track* when it reaches
  the expected value; *behind* when it reaches at least 75 % of it; *at risk* below.
* Per ERIC, a programme-wide target is shared equally between the ERIC; a target per
  ERIC counts each ERIC up to its own value (a fourth event of one ERIC does not make up
  for another's missing one).
* Newsletters have no source yet: the indicator is *not tracked* and has no actual.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import AnimationStatus, Basis, Indicator
from .models import (
    Accompaniment,
    Animation,
    FederatingEventParticipation,
    HotlineCall,
    HotlineSlot,
    Programme,
    Target,
)

#: Behind but not yet at risk while the actual is at least this share of the expected.
BEHIND_THRESHOLD = 0.75
#: An animation held longer ago than this and still undocumented raises an alert.
UNDOCUMENTED_AFTER_DAYS = 15

#: Indicators that belong to an ERIC (the others are the programme's).
PER_ERIC_INDICATORS = {
    Indicator.ANIMATIONS,
    Indicator.CODE_SOURCE_SHEETS,
    Indicator.TRUST_CIRCLE_MAPS,
    Indicator.FEDERATING_EVENTS,
}
#: Indicators whose source does not exist yet.
NOT_TRACKED = {Indicator.NEWSLETTERS}

MONTHLY_BASES = {Basis.PER_MONTH, Basis.PER_ERIC_PER_MONTH}


class Status:
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    AT_RISK = "at_risk"
    NOT_TRACKED = "not_tracked"

    LABELS = {
        ACHIEVED: _("atteint"),
        ON_TRACK: _("dans les temps"),
        BEHIND: _("en retard"),
        AT_RISK: _("en danger"),
        NOT_TRACKED: _("pas encore suivi"),
    }


def status_for(actual, expected, total) -> str:
    if actual >= total:
        return Status.ACHIEVED
    if actual >= expected:
        return Status.ON_TRACK
    if actual >= expected * BEHIND_THRESHOLD:
        return Status.BEHIND
    return Status.AT_RISK


@dataclass
class Figure:
    """An actual value against its total and expected values, with its status."""

    actual: int | None
    total: float
    expected: float
    status: str

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def tracked(self) -> bool:
        return self.status != Status.NOT_TRACKED


@dataclass
class MonthPoint:
    month: datetime.date
    value: int
    cumulative: int
    expected: float


@dataclass
class IndicatorRow:
    target: Target
    figure: Figure
    per_eric: dict = field(default_factory=dict)  # eric_id -> Figure
    months: list = field(default_factory=list)  # [MonthPoint], programme months begun

    @property
    def indicator(self) -> str:
        return self.target.indicator

    @property
    def is_per_eric(self) -> bool:
        return self.target.indicator in PER_ERIC_INDICATORS

    @property
    def label(self):
        return self.target.get_indicator_display()


@dataclass
class Calendar:
    """Where ``today`` falls in the programme."""

    programme: Programme
    today: datetime.date

    @property
    def first_month(self) -> datetime.date:
        return self.programme.start_date.replace(day=1)

    @cached_property
    def months_begun(self) -> list[datetime.date]:
        return [m for m in self.programme.months() if m <= self.today]

    @cached_property
    def months_elapsed(self) -> int:
        """Programme months ended before ``today``."""
        return sum(1 for m in self.programme.months() if m + relativedelta(months=1) <= self.today)

    @cached_property
    def progress(self) -> float:
        """Share of the programme elapsed, counted in months (0 … 1)."""
        duration = self.programme.duration_months
        elapsed = self.months_elapsed
        if elapsed >= duration:
            return 1.0
        current = self.first_month + relativedelta(months=elapsed)
        if self.today < current:
            return 0.0
        days_in_month = ((current + relativedelta(months=1)) - current).days
        share = (self.today - current).days / days_in_month
        return (elapsed + share) / duration

    @property
    def first_week(self) -> datetime.date:
        start = self.programme.start_date
        return start - datetime.timedelta(days=start.weekday())

    @cached_property
    def _weeks_ended(self) -> list[datetime.date]:
        """Mondays of the ISO weeks of the programme that ended before ``today``."""
        weeks = []
        monday = self.first_week
        end = self.programme.end_date
        while monday + datetime.timedelta(days=7) <= self.today and monday <= end:
            weeks.append(monday)
            monday += datetime.timedelta(days=7)
        return weeks

    def weeks_ended(self) -> list[datetime.date]:
        return self._weeks_ended

    def expected(self, target: Target, total: float, *, per_eric_value=None) -> float:
        value = per_eric_value if per_eric_value is not None else target.value
        if target.basis in MONTHLY_BASES:
            factor = self.months_elapsed
            if target.basis == Basis.PER_ERIC_PER_MONTH and per_eric_value is None:
                factor *= self._eric_count
            return value * factor
        if target.basis == Basis.PER_WEEK:
            return value * len(self.weeks_ended())
        return math.floor(total * self.progress + 1e-9)

    _eric_count: int = 0


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
            counts.by_month[_local_month(row["month"])] += row["n"]
        return counts


def _local_month(moment) -> datetime.date:
    """The first day of the month of an aware datetime or a date, in Europe/Paris."""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment).date()
    return moment.replace(day=1)


def programme_bounds(programme):
    """[first day 00:00, day after the last 00:00) in the current time zone."""
    start = timezone.make_aware(datetime.datetime.combine(programme.start_date, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(
            programme.end_date + datetime.timedelta(days=1), datetime.time.min
        )
    )
    return start, end


@dataclass
class ProgrammeIndicators:
    programme: Programme
    today: datetime.date
    calendar: Calendar
    accompaniments: list
    rows: list  # [IndicatorRow]
    hotline_weeks_held: set
    hotline_weeks_missed: list
    sheets_this_month: dict  # eric_id -> int
    animations_this_month: dict  # eric_id -> int

    @property
    def eric_count(self) -> int:
        return len(self.accompaniments)

    def row(self, indicator):
        return next((r for r in self.rows if r.indicator == indicator), None)


def programme_indicators(programme: Programme, *, today: datetime.date | None = None):
    """Every target of ``programme`` against what was logged by ``today``.

    Ten queries, whatever the number of ERIC, records and months.
    """
    from cms.selectors import sheets_published_by_month
    from trainings.models import Training

    today = today or timezone.localdate()
    calendar = Calendar(programme, today)
    start, end = programme_bounds(programme)
    # Records of the future (planned, or dated later) never count toward "by today".
    tomorrow = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min)
    )
    until = min(end, tomorrow)
    tz = timezone.get_current_timezone()

    targets = list(programme.targets.order_by("indicator"))  # 1
    accompaniments = list(  # 2
        Accompaniment.objects.filter(programme=programme)
        .select_related("eric")
        .annotate(
            has_map=Exists(_current_trust_circle_entries(today).filter(eric_id=OuterRef("eric_id")))
        )
        .order_by("eric__name")
    )
    calendar._eric_count = len(accompaniments)
    eric_ids = [a.eric_id for a in accompaniments]

    # 3, 4: counted animations per ERIC (with this month's), and per Paris month
    current_start = timezone.make_aware(
        datetime.datetime.combine(today.replace(day=1), datetime.time.min)
    )
    counted = Animation.objects.filter(
        pk__in=Animation.objects.counted().values("pk"),
        accompaniment__programme=programme,
        starts_at__gte=start,
        starts_at__lt=until,
    )
    animations = Counts.from_queries(
        counted.values("accompaniment__eric_id").annotate(
            n=Count("pk"), current=Count("pk", filter=Q(starts_at__gte=current_start))
        ),
        counted.annotate(month=TruncMonth("starts_at", tzinfo=tz)).values("month"),
        eric_key="accompaniment__eric_id",
        count=Count("pk"),
    )

    # 5: sheets per ERIC and month of first publication
    sheets = Counts()
    current_month = today.replace(day=1)
    for row in sheets_published_by_month(programme):
        if row["published_month"] < tomorrow:
            month = _local_month(row["published_month"])
            eric_id, n = row["author_eric_id"], row["sheet_count"]
            sheets.by_eric[eric_id] += n
            sheets.by_month[month] += n
            if month == current_month:
                sheets.this_month[eric_id] += n

    # 6, 7: federating events taken part in, per ERIC and per month
    participations = FederatingEventParticipation.objects.filter(
        event__programme=programme,
        event__starts_on__gte=programme.start_date,
        event__starts_on__lte=min(programme.end_date, today),
    )
    events = Counts.from_queries(
        participations.values("accompaniment__eric_id").annotate(
            n=Count("event_id", distinct=True),
            current=Count("event_id", filter=Q(event__starts_on__gte=current_month), distinct=True),
        ),
        participations.annotate(month=TruncMonth("event__starts_on")).values("month"),
        eric_key="accompaniment__eric_id",
        count=Count("pk"),
    )

    # 8: trainings that count, in the month of their first half-day
    trainings = defaultdict(int)
    for first in (
        Training.objects.for_programme(programme)
        .counted(until)
        .annotate(first_start=Min("sessions__starts_at"))
        .values_list("first_start", flat=True)
    ):
        trainings[_local_month(first)] += 1

    # 9, 10: hotline weeks held: a slot marked held, or a call logged
    weeks_held = set()
    slot_weeks = (
        HotlineSlot.objects.filter(
            programme=programme, held_on__gte=programme.start_date, held_on__lte=today
        )
        .annotate(week=TruncWeek("held_on"))
        .values("week")
        .distinct()
        .order_by()
    )
    call_weeks = (
        HotlineCall.objects.filter(
            accompaniment__programme=programme, started_at__gte=start, started_at__lt=until
        )
        .annotate(week=TruncWeek("started_at", tzinfo=tz))
        .values("week")
        .distinct()
        .order_by()
    )
    for week in [
        *slot_weeks.values_list("week", flat=True),
        *call_weeks.values_list("week", flat=True),
    ]:  # 9, 10
        if isinstance(week, datetime.datetime):
            week = timezone.localtime(week).date() if timezone.is_aware(week) else week.date()
        weeks_held.add(week)
    weeks_ended = calendar.weeks_ended()
    weeks_missed = [w for w in weeks_ended if w not in weeks_held]

    months_begun = calendar.months_begun
    rows = []
    for target in targets:
        indicator = target.indicator
        total = target.total(eric_count=len(accompaniments))
        if indicator in NOT_TRACKED:
            rows.append(
                IndicatorRow(
                    target,
                    Figure(None, total, calendar.expected(target, total), Status.NOT_TRACKED),
                )
            )
            continue
        by_month = _by_month(
            indicator, months_begun, animations, sheets, events, trainings, weeks_held, eric_ids
        )
        per_eric = {}
        if indicator in PER_ERIC_INDICATORS:
            for acc in accompaniments:
                per_eric[acc.eric_id] = _eric_figure(
                    target, calendar, acc, total, len(accompaniments), animations, sheets, events
                )
        if indicator == Indicator.TRUST_CIRCLE_MAPS:
            actual = sum(1 for a in accompaniments if a.has_map)
        elif indicator == Indicator.HOTLINE_HALF_DAYS:
            actual = len(weeks_held)
        elif target.basis == Basis.PER_ERIC:
            # each ERIC counts up to its own value
            actual = sum(min(f.actual, target.value) for f in per_eric.values())
        else:
            actual = sum(by_month.values())
        expected = calendar.expected(target, total)
        cumulative = 0
        points = []
        for index, month in enumerate(months_begun, start=1):
            cumulative += by_month.get(month, 0)
            points.append(
                MonthPoint(
                    month,
                    by_month.get(month, 0),
                    cumulative,
                    _expected_at(target, total, index, calendar),
                )
            )
        rows.append(
            IndicatorRow(
                target,
                Figure(actual, total, expected, status_for(actual, expected, total)),
                per_eric,
                points,
            )
        )

    return ProgrammeIndicators(
        programme=programme,
        today=today,
        calendar=calendar,
        accompaniments=accompaniments,
        rows=rows,
        hotline_weeks_held=weeks_held,
        hotline_weeks_missed=weeks_missed,
        sheets_this_month={eid: sheets.this_month.get(eid, 0) for eid in eric_ids},
        animations_this_month={eid: animations.this_month.get(eid, 0) for eid in eric_ids},
    )


def _current_trust_circle_entries(today):
    from maps.models import TrustCircleEntry

    return TrustCircleEntry.objects.current(today)


def _by_month(indicator, months, animations, sheets, events, trainings, weeks_held, eric_ids):
    """Programme-wide value of each programme month begun."""
    result = {}
    for month in months:
        if indicator == Indicator.ANIMATIONS:
            value = animations.by_month.get(month, 0)
        elif indicator == Indicator.CODE_SOURCE_SHEETS:
            value = sheets.by_month.get(month, 0)
        elif indicator == Indicator.FEDERATING_EVENTS:
            value = events.by_month.get(month, 0)
        elif indicator == Indicator.TRAININGS:
            value = trainings.get(month, 0)
        elif indicator == Indicator.HOTLINE_HALF_DAYS:
            # a week belongs to the month of its Monday
            value = sum(1 for w in weeks_held if w.replace(day=1) == month)
        else:  # trust-circle maps are a state, not a flow
            value = 0
        result[month] = value
    return result


def _expected_at(target, total, month_index, calendar) -> float:
    """Expected cumulative value at the end of the programme's ``month_index``-th month."""
    duration = calendar.programme.duration_months
    if target.basis in MONTHLY_BASES:
        per_month = total / duration
        return per_month * month_index
    return math.floor(total * min(month_index, duration) / duration + 1e-9)


def _eric_figure(target, calendar, acc, total, eric_count, animations, sheets, events):
    indicator = target.indicator
    if indicator == Indicator.TRUST_CIRCLE_MAPS:
        actual = 1 if acc.has_map else 0
    else:
        source = {
            Indicator.ANIMATIONS: animations,
            Indicator.CODE_SOURCE_SHEETS: sheets,
            Indicator.FEDERATING_EVENTS: events,
        }[indicator]
        actual = source.by_eric.get(acc.eric_id, 0)
    if target.basis in (Basis.PER_ERIC, Basis.PER_ERIC_PER_MONTH):
        eric_total = target.total(eric_count=1)
        expected = calendar.expected(target, eric_total, per_eric_value=target.value)
    else:
        eric_total = total / eric_count if eric_count else 0
        expected = calendar.expected(target, total) / eric_count if eric_count else 0
    return Figure(actual, eric_total, expected, status_for(actual, expected, eric_total))


def undocumented_animations(programme, *, today: datetime.date | None = None):
    """Held more than 15 days ago and still undocumented (report or attendance missing)."""
    today = today or timezone.localdate()
    limit = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=UNDOCUMENTED_AFTER_DAYS), datetime.time.min
        )
    )
    return (
        Animation.objects.filter(
            accompaniment__programme=programme,
            status=AnimationStatus.HELD,
            starts_at__lt=limit,
        )
        .exclude(pk__in=Animation.objects.documented().values("pk"))
        .select_related("accompaniment__eric")
        .order_by("starts_at", "pk")
    )
