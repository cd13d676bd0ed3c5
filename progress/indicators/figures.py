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
from dataclasses import dataclass, field
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching.enums import Basis, Indicator
from coaching.models import Accompaniment, Programme, Target

from .calendar import MONTHLY_BASES, Calendar, paris_midnight, programme_bounds
from .counts import (
    animation_counts,
    current_trust_circle_entries,
    event_counts,
    hotline_weeks_held,
    sheet_counts,
    trainings_by_month,
)

#: Behind but not yet at risk while the actual is at least this share of the expected.
BEHIND_THRESHOLD = 0.75
#: Indicators that belong to an ERIC (the others are the programme's).
PER_ERIC_INDICATORS = {
    Indicator.ANIMATIONS,
    Indicator.CODE_SOURCE_SHEETS,
    Indicator.TRUST_CIRCLE_MAPS,
    Indicator.FEDERATING_EVENTS,
}
#: Indicators whose source does not exist yet.
NOT_TRACKED = {Indicator.NEWSLETTERS}


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
            has_map=Exists(current_trust_circle_entries(today).filter(eric_id=OuterRef("eric_id")))
        )
        .values("pk", "eric_id", "eric__name", "eric__slug", "eric__town", "has_map")
        .order_by("eric__name", "pk")
    ]
    calendar.eric_count = len(accompaniments)
    eric_ids = [a.eric_id for a in accompaniments]

    # 3, 4: counted animations per ERIC (with this month's), and per Paris month
    animations = animation_counts(programme, start, until, today)
    # 5: sheets per ERIC and month of first publication
    sheets = sheet_counts(programme, today)
    # 6, 7: federating events taken part in, per ERIC and per month
    events = event_counts(programme, today)

    # 8: trainings that count, in the month of their first half-day
    trainings = trainings_by_month(programme, until)

    # 9, 10: hotline weeks held: a slot marked held, or a call logged
    weeks_held = hotline_weeks_held(programme, calendar, start, until)
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
    tomorrow = paris_midnight(today + datetime.timedelta(days=1))
    targets = list(programme.targets.order_by("indicator"))  # 1
    eric_count = Accompaniment.objects.filter(programme=programme).count()  # 2
    calendar.eric_count = eric_count
    accompaniment.has_map = (
        current_trust_circle_entries(today)
        .filter(  # 3
            eric_id=accompaniment.eric_id
        )
        .exists()
    )
    animations = animation_counts(  # 4
        programme, start, min(end, tomorrow), today, accompaniment=accompaniment
    )
    sheets = sheet_counts(programme, today, eric_id=accompaniment.eric_id)  # 5
    events = event_counts(programme, today, accompaniment=accompaniment)  # 6
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
