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

import bisect
import datetime
import math
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from django.core.cache import cache
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.versions import programme_version

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


class EricRef(NamedTuple):
    """What the figures need of an ERIC (a light, cacheable stand-in for the model)."""

    pk: int
    name: str
    slug: str
    town: str

    def __str__(self):
        return self.name


class AccompanimentRef(NamedTuple):
    """What the figures need of an accompaniment: the cached result holds thousands."""

    pk: int
    eric_id: int
    eric: EricRef
    has_map: bool


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


class Figure(NamedTuple):
    """An actual value against its total and expected values, with its status.

    A tuple: a national programme's cached figures hold tens of thousands of them."""

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
        return self._mondays_ended_by(self.today)

    @cached_property
    def _mondays(self) -> list[datetime.date]:
        """Mondays of every ISO week the programme touches."""
        mondays, monday, end = [], self.first_week, self.programme.end_date
        while monday <= end:
            mondays.append(monday)
            monday += datetime.timedelta(days=7)
        return mondays

    def _mondays_ended_by(self, day: datetime.date) -> list[datetime.date]:
        # a week has ended by ``day`` when its Monday is at least seven days earlier
        return self._mondays[: bisect.bisect_right(self._mondays, day - datetime.timedelta(days=7))]

    def weeks_ended_by(self, day: datetime.date) -> int:
        """How many of the programme's ISO weeks ended before ``day``."""
        return len(self._mondays_ended_by(day))

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


#: Cached indicators live this long at most: changes the services announce bump the
#: programme's version at once; this bounds the staleness of the few that don't.
INDICATORS_CACHE_SECONDS = 60


#: The last indicators of each programme this process computed or fetched, so that the
#: pages refreshing after a save do not each unpickle megabytes: {programme_id: entry}.
_recent: dict[int, tuple[str, float, "ProgrammeIndicators"]] = {}
_recent_lock = threading.Lock()


def cached_programme_indicators(programme: Programme, *, today: datetime.date | None = None):
    """:func:`programme_indicators`, computed once per programme, day and data version.

    When a save is announced, every open dashboard asks for its figures within the same
    second; at national scale computing them takes a few hundred milliseconds, so they
    are computed once and shared through the cache (Redis between workers), and kept in
    the process for the next pages (read-only: callers must not change the result)."""
    today = today or timezone.localdate()
    version = programme_version(programme.pk)
    if version is None:
        return programme_indicators(programme, today=today)
    key = "indicators:%d:%s:%d" % (programme.pk, today.isoformat(), version)
    now = time.monotonic()
    recent = _recent.get(programme.pk)
    if recent is not None and recent[0] == key and recent[1] > now:
        return recent[2]
    try:
        result = cache.get(key)
    except Exception:
        result = None
    if result is None:
        result = programme_indicators(programme, today=today)
        try:
            cache.set(key, result, INDICATORS_CACHE_SECONDS)
        except Exception:
            pass  # indicators_version logged it already, most likely
    with _recent_lock:
        _recent[programme.pk] = (key, now + INDICATORS_CACHE_SECONDS, result)
    return result


def forget_recent_indicators() -> None:
    """Drop this process's copies (tests clear the cache between them)."""
    with _recent_lock:
        _recent.clear()


def programme_indicators(programme: Programme, *, today: datetime.date | None = None):
    """Every target of ``programme`` against what was logged by ``today``.

    Ten queries, whatever the number of ERIC, records and months.
    """
    from trainings.models import Training

    today = today or timezone.localdate()
    calendar = Calendar(programme, today)
    start, end = programme_bounds(programme)
    # Records of the future (planned, or dated later) never count toward "by today".
    tomorrow = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min)
    )
    until = min(end, tomorrow)

    targets = list(programme.targets.order_by("indicator"))  # 1
    accompaniments = [  # 2
        AccompanimentRef(
            pk=row["pk"],
            eric_id=row["eric_id"],
            eric=EricRef(
                pk=row["eric_id"],
                name=row["eric__name"],
                slug=row["eric__slug"],
                town=row["eric__town"],
            ),
            has_map=row["has_map"],
        )
        for row in Accompaniment.objects.filter(programme=programme)
        .annotate(
            has_map=Exists(_current_trust_circle_entries(today).filter(eric_id=OuterRef("eric_id")))
        )
        .values("pk", "eric_id", "eric__name", "eric__slug", "eric__town", "has_map")
        .order_by("eric__name", "pk")
    ]
    calendar._eric_count = len(accompaniments)
    eric_ids = [a.eric_id for a in accompaniments]

    # 3, 4: counted animations per ERIC (with this month's), and per Paris month
    animations = _animation_counts(programme, start, until, today)
    # 5: sheets per ERIC and month of first publication
    sheets = _sheet_counts(programme, today)
    # 6, 7: federating events taken part in, per ERIC and per month
    events = _event_counts(programme, today)

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
    weeks_held = _hotline_weeks_held(programme, calendar, start, until)
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
            share = _eric_share(target, calendar, total, len(accompaniments))
            source = _SOURCES.get(indicator, lambda *_: None)(animations, sheets, events)
            for acc in accompaniments:
                per_eric[acc.eric_id] = _eric_figure(target, acc, share, source)
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


def _hotline_weeks_held(programme, calendar, start, until) -> set[datetime.date]:
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
            week_start = max(start, _paris_midnight(monday))
            week_end = min(until, _paris_midnight(monday + datetime.timedelta(days=7)))
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


def _paris_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _month_start(today: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time.min))


def _animation_counts(programme, start, until, today, *, accompaniment=None) -> Counts:
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
        n=Count("pk"), current=Count("pk", filter=Q(starts_at__gte=_month_start(today)))
    )
    per_month = (
        counted.none()
        if accompaniment is not None
        else counted.annotate(month=TruncMonth("starts_at", tzinfo=tz)).values("month")
    )
    return Counts.from_queries(
        per_eric, per_month, eric_key="accompaniment__eric_id", count=Count("pk")
    )


def _sheet_counts(programme, today, *, eric_id=None) -> Counts:
    """Sheets per ERIC and month of first publication, up to ``today``."""
    from cms.selectors import sheets_published_by_month

    tomorrow = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min)
    )
    sheets = Counts()
    current_month = today.replace(day=1)
    for row in sheets_published_by_month(programme, eric_id=eric_id):
        if row["published_month"] < tomorrow:
            month = _local_month(row["published_month"])
            author, n = row["author_eric_id"], row["sheet_count"]
            sheets.by_eric[author] += n
            sheets.by_month[month] += n
            if month == current_month:
                sheets.this_month[author] += n
    return sheets


def _event_counts(programme, today, *, accompaniment=None) -> Counts:
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
    if target.basis == Basis.PER_WEEK:
        # as "expected by today": the weeks ended by then (the day after the month's end)
        end = calendar.first_month + relativedelta(months=month_index)
        return target.value * calendar.weeks_ended_by(end)
    return math.floor(total * min(month_index, duration) / duration + 1e-9)


#: Where each per-ERIC indicator's counts come from (trust-circle maps are a state).
_SOURCES = {
    Indicator.ANIMATIONS: lambda animations, sheets, events: animations,
    Indicator.CODE_SOURCE_SHEETS: lambda animations, sheets, events: sheets,
    Indicator.FEDERATING_EVENTS: lambda animations, sheets, events: events,
}


def _eric_share(target, calendar, total, eric_count) -> tuple[float, float]:
    """One ERIC's total and expected value of ``target`` (the same for every ERIC)."""
    if target.basis in (Basis.PER_ERIC, Basis.PER_ERIC_PER_MONTH):
        eric_total = target.total(eric_count=1)
        return eric_total, calendar.expected(target, eric_total, per_eric_value=target.value)
    if not eric_count:
        return 0, 0
    return total / eric_count, calendar.expected(target, total) / eric_count


def _eric_figure(target, acc, share, source) -> Figure:
    if target.indicator == Indicator.TRUST_CIRCLE_MAPS:
        actual = 1 if acc.has_map else 0
    else:
        actual = source.by_eric.get(acc.eric_id, 0)
    eric_total, expected = share
    return Figure(actual, eric_total, expected, status_for(actual, expected, eric_total))


@dataclass
class EricIndicators:
    """One ERIC's figures against the programme's per-ERIC targets."""

    accompaniment: Accompaniment
    today: datetime.date
    rows: list  # [IndicatorRow] whose ``figure`` is the ERIC's own (no programme total)
    animations_this_month: int
    sheets_this_month: int
    indicators: set  # the programme's indicators, tracked or not

    def has_target(self, indicator) -> bool:
        return indicator in self.indicators


def eric_indicators(accompaniment: Accompaniment, *, today: datetime.date | None = None):
    """``accompaniment``'s ERIC against the per-ERIC share of each target, by ``today``.

    The same rules as :func:`programme_indicators` restricted to one ERIC, for its
    trajectory page: six queries, whatever the size of the programme.
    """
    today = today or timezone.localdate()
    programme = accompaniment.programme
    calendar = Calendar(programme, today)
    start, end = programme_bounds(programme)
    tomorrow = _paris_midnight(today + datetime.timedelta(days=1))
    targets = list(programme.targets.order_by("indicator"))  # 1
    eric_count = Accompaniment.objects.filter(programme=programme).count()  # 2
    calendar._eric_count = eric_count
    accompaniment.has_map = (
        _current_trust_circle_entries(today)
        .filter(  # 3
            eric_id=accompaniment.eric_id
        )
        .exists()
    )
    animations = _animation_counts(  # 4
        programme, start, min(end, tomorrow), today, accompaniment=accompaniment
    )
    sheets = _sheet_counts(programme, today, eric_id=accompaniment.eric_id)  # 5
    events = _event_counts(programme, today, accompaniment=accompaniment)  # 6
    rows = []
    for target in targets:
        if target.indicator not in PER_ERIC_INDICATORS or target.indicator in NOT_TRACKED:
            continue
        total = target.total(eric_count=eric_count)
        share = _eric_share(target, calendar, total, eric_count)
        source = _SOURCES.get(target.indicator, lambda *_: None)(animations, sheets, events)
        figure = _eric_figure(target, accompaniment, share, source)
        rows.append(IndicatorRow(target, figure, {accompaniment.eric_id: figure}))
    eric_id = accompaniment.eric_id
    return EricIndicators(
        accompaniment=accompaniment,
        today=today,
        rows=rows,
        animations_this_month=animations.this_month.get(eric_id, 0),
        sheets_this_month=sheets.this_month.get(eric_id, 0),
        indicators={t.indicator for t in targets},
    )


def undocumented_animations(programme, *, today: datetime.date | None = None):
    """Held more than 15 days ago and still undocumented (report or attendance missing)."""
    today = today or timezone.localdate()
    limit = _paris_midnight(today - datetime.timedelta(days=UNDOCUMENTED_AFTER_DAYS))
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
