"""Indicators: each target of a programme against what was logged, computed in SQL.

For every :class:`~coaching.models.Target` of a programme, :func:`programme_indicators`
gives the actual value under the target's counting rule, the total target over the
programme, the value expected by a given day and a status, in total, per ERIC (for the
targets each ERIC answers for) and month by month. It runs a fixed number of queries
whatever the number of ERIC, records or months.

Definitions (the French wording is on the dashboard and in the glossary):

* **Scope**: a target applies to the ERIC of its pilot (every ERIC when it names none).
  Its total and its actual count those ERIC only; the other ERIC are never judged on it.
* **What counts** is read from the domain's functions (``coaching.selectors.counted``,
  ``cms.selectors.counted_sheets``, ``trainings.selectors.counted_trainings``,
  ``coaching.selectors.hotline``, ``newsletter.selectors.counted_newsletters``,
  ``study.selectors.counted_study_events``): records dated within the programme's period and no
  later than the day the figures are « arrêtés au ». The lists the figures open call
  the same functions, so a figure equals the rows of its list.
* **Months elapsed** on ``today``: the programme's months that have ended before
  ``today`` (Europe/Paris). **Progress** is the share of the programme elapsed, counted
  in months: ended months plus the elapsed share of the current one.
* **Expected by today**, always a whole number: per month (or per ERIC and per month),
  the value × months ended; per week, the value × ISO weeks ended; otherwise the total
  × progress, rounded down (a unit is expected once it is wholly due).
* **Month by month**: the cumulative value at the end of each month begun and what was
  expected at the end of it; for the current month, what is expected today (the same
  number as the headline's).
* **Status**: *achieved* when the actual reaches the total; *on track* when it reaches
  the expected value; *behind* when it reaches at least 75 % of it; *at risk* below.
* A target per ERIC counts each ERIC up to its own value (a fourth event of one ERIC
  does not make up for another's missing one).
* The visitor study counts each pilot-1 ERIC's events over with on-site answers; its
  row also gives their visitors.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching.enums import PER_ERIC_BASES, Basis, Indicator
from coaching.models import Accompaniment, Programme, Target

from .calendar import Calendar
from .counts import (
    animation_counts,
    current_trust_circle_entries,
    event_counts,
    hotline_counts,
    newsletter_counts,
    sheet_counts,
    study_counts,
    training_counts,
)

#: Behind but not yet at risk while the actual is at least this share of the expected.
BEHIND_THRESHOLD = 0.75
#: Indicators whose source does not exist yet.
NOT_TRACKED = set()

#: Per-ERIC figures no list shows exactly: a map is a state (its page is linked beside
#: it), trainings per ERIC are those its team attended.
PER_ERIC_UNLISTED = {Indicator.TRAININGS, Indicator.TRUST_CIRCLE_MAPS}


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
    pilot: str


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
    total: int
    expected: int
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
    expected: int


@dataclass
class IndicatorRow:
    target: Target
    figure: Figure
    per_eric: dict = field(default_factory=dict)  # eric_id -> Figure, the ERIC in scope
    months: list = field(default_factory=list)  # [MonthPoint], programme months begun
    #: The figure equals the rows of a list (a per-ERIC target's capped sum may not).
    listed: bool = True
    #: The visitor study's visitors, of the events counted (None for other indicators).
    visitors: int | None = None

    @property
    def indicator(self) -> str:
        return self.target.indicator

    @property
    def pilot(self) -> str:
        return self.target.pilot

    @property
    def key(self) -> str:
        return self.target.key

    @property
    def is_per_eric(self) -> bool:
        return self.target.basis in PER_ERIC_BASES

    @property
    def label(self):
        label = self.target.get_indicator_display()
        if self.target.pilot:
            return _("%(indicator)s (%(pilot)s)") % {
                "indicator": label,
                "pilot": self.target.get_pilot_display(),
            }
        return label

    def applies_to(self, eric_id) -> bool:
        return eric_id in self.per_eric

    @property
    def eric_listed(self) -> bool:
        """Whether an ERIC's figure equals the rows of a list."""
        return self.indicator not in PER_ERIC_UNLISTED


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

    def row(self, indicator, pilot: str = ""):
        """The row of ``indicator``'s target for ``pilot`` (blank: every ERIC)."""
        return next((r for r in self.rows if r.indicator == indicator and r.pilot == pilot), None)

    @property
    def sheets_in_month(self) -> int:
        """Sheets first published this month, programme-wide."""
        return sum(self.sheets_this_month.values())


def _accompaniment_refs(programme, today) -> list[AccompanimentRef]:
    return [
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
            pilot=row["eric__pilot"],
        )
        for row in Accompaniment.objects.filter(programme=programme)
        .annotate(
            has_map=Exists(current_trust_circle_entries(today).filter(eric_id=OuterRef("eric_id")))
        )
        .values("pk", "eric_id", "eric__name", "eric__slug", "eric__town", "eric__pilot", "has_map")
        .order_by("eric__name", "pk")
    ]


def programme_indicators(programme: Programme, *, today: datetime.date | None = None):
    """Every target of ``programme`` against what was logged by ``today``.

    Sixteen queries, whatever the number of ERIC, records and months (the animations
    read their monthly tallies: ADR 0023).
    """
    today = today or timezone.localdate()
    calendar = Calendar(programme, today)
    targets = list(programme.targets.order_by("indicator", "pilot"))  # 1
    accompaniments = _accompaniment_refs(programme, today)  # 2
    pilots = {acc.eric_id: acc.pilot for acc in accompaniments}
    eric_ids = list(pilots)

    held, weeks = hotline_counts(programme, today)  # 3, 4
    sources = {
        Indicator.ANIMATIONS: animation_counts(  # 5 to 8
            programme,
            today,
            by_pilot=any(t.indicator == Indicator.ANIMATIONS and t.pilot for t in targets),
        ),
        Indicator.CODE_SOURCE_SHEETS: sheet_counts(programme, today, pilots),  # 9, 10
        Indicator.FEDERATING_EVENTS: event_counts(programme, today),  # 11, 12
        Indicator.TRAININGS: training_counts(programme, today),  # 13, 14
        Indicator.NEWSLETTERS: newsletter_counts(programme, today),  # 15
        Indicator.VISITOR_STUDY: study_counts(programme, today, pilots),  # 16
        Indicator.HOTLINE_HALF_DAYS: weeks,
    }
    rows = [_row(target, accompaniments, sources, calendar) for target in targets]
    animations, sheets = sources[Indicator.ANIMATIONS], sources[Indicator.CODE_SOURCE_SHEETS]
    return ProgrammeIndicators(
        programme=programme,
        today=today,
        calendar=calendar,
        accompaniments=accompaniments,
        rows=rows,
        hotline_weeks_held=held,
        hotline_weeks_missed=[w for w in calendar.weeks_ended() if w not in held],
        sheets_this_month={eid: sheets.this_month.get(eid, 0) for eid in eric_ids},
        animations_this_month={eid: animations.this_month.get(eid, 0) for eid in eric_ids},
    )


def _eric_actual(target, acc, source) -> int:
    if target.indicator == Indicator.TRUST_CIRCLE_MAPS:
        return 1 if acc.has_map else 0
    return source.by_eric.get(acc.eric_id, 0) if source is not None else 0


def _eric_figure(target, acc, source, calendar, share=None) -> Figure:
    """One ERIC's figure against its own share of a per-ERIC target.

    ``share``: the target's (total, expected) for one ERIC, the same for every ERIC —
    computed once per target when thousands of ERIC are figured."""
    eric_total, expected = share or _eric_share(target, calendar)
    if target.indicator in NOT_TRACKED:
        return Figure(None, eric_total, expected, Status.NOT_TRACKED)
    actual = _eric_actual(target, acc, source)
    return Figure(actual, eric_total, expected, status_for(actual, expected, eric_total))


def _eric_share(target, calendar) -> tuple[int, int]:
    return target.total(eric_count=1), calendar.expected(target, eric_count=1)


def _row(target, accompaniments, sources, calendar) -> IndicatorRow:
    scope = [acc for acc in accompaniments if target.applies_to(acc.pilot)]
    total = target.total(eric_count=len(scope))
    expected = calendar.expected(target, eric_count=len(scope))
    indicator = target.indicator
    source = sources.get(indicator)
    share = _eric_share(target, calendar)
    # Thousands of ERIC share a handful of distinct figures: one object each, so that
    # the cached result pickles (and unpickles) each once, then refers to it.
    distinct = {}
    per_eric = (
        {
            acc.eric_id: distinct.setdefault(figure, figure)
            for acc in scope
            for figure in (_eric_figure(target, acc, source, calendar, share),)
        }
        if target.basis in PER_ERIC_BASES
        else {}
    )
    if indicator in NOT_TRACKED:
        return IndicatorRow(
            target, Figure(None, total, expected, Status.NOT_TRACKED), per_eric, listed=False
        )
    by_month = source.months(target.pilot) if source is not None else {}
    listed = True
    if indicator == Indicator.TRUST_CIRCLE_MAPS:
        actual = sum(1 for acc in scope if acc.has_map)
        listed = False  # a state, listed per ERIC
    elif indicator == Indicator.TRAININGS and target.basis in PER_ERIC_BASES:
        actual = sum(min(f.actual, target.value) for f in per_eric.values())
        listed = False
    elif target.basis == Basis.PER_ERIC:
        # each ERIC counts up to its own value: a list shows the figure only uncapped
        actual = sum(min(f.actual, target.value) for f in per_eric.values())
        listed = actual == sum(f.actual for f in per_eric.values())
    else:
        actual = sum(by_month.values())
    months = []
    if indicator != Indicator.TRUST_CIRCLE_MAPS:
        cumulative = 0
        for index, month in enumerate(calendar.months_begun, start=1):
            cumulative += by_month.get(month, 0)
            months.append(
                MonthPoint(
                    month,
                    by_month.get(month, 0),
                    cumulative,
                    _expected_at(target, len(scope), index, calendar, expected),
                )
            )
    return IndicatorRow(
        target,
        Figure(actual, total, expected, status_for(actual, expected, total)),
        per_eric,
        months,
        listed=listed,
        visitors=(
            sum(source.visitors.get(acc.eric_id, 0) for acc in scope)
            if indicator == Indicator.VISITOR_STUDY
            else None
        ),
    )


def _expected_at(target, eric_count, month_index, calendar, expected_today) -> int:
    """Expected cumulative value at the end of the programme's ``month_index``-th month;
    for the month under way, what is expected today (the headline's number)."""
    if month_index > calendar.months_elapsed:
        return expected_today
    end = calendar.first_month + relativedelta(months=month_index)
    return calendar.at(end).expected(target, eric_count=eric_count)


@dataclass
class EricIndicators:
    """One ERIC's figures against the targets it answers for."""

    accompaniment: Accompaniment
    today: datetime.date
    rows: list  # [IndicatorRow] whose ``figure`` is the ERIC's own
    animations_this_month: int
    sheets_this_month: int
    indicators: set  # the indicators of the targets that apply to the ERIC

    def has_target(self, indicator) -> bool:
        return indicator in self.indicators

    def monthly(self, indicator) -> bool:
        """Whether the ERIC owes ``indicator`` every month."""
        return any(
            row.indicator == indicator and row.target.basis == Basis.PER_ERIC_PER_MONTH
            for row in self.rows
        )


def eric_indicators(accompaniment: Accompaniment, *, today: datetime.date | None = None):
    """``accompaniment``'s ERIC against its own share of each target that applies to it,
    by ``today``: the same rules as :func:`programme_indicators` restricted to one ERIC,
    for its trajectory page, in seven queries whatever the size of the programme (eight
    for a pilot-1 ERIC, whose visitor study is counted).
    """
    today = today or timezone.localdate()
    programme = accompaniment.programme
    calendar = Calendar(programme, today)
    pilot = accompaniment.eric.pilot
    targets = [  # 1
        t for t in programme.targets.order_by("indicator", "pilot") if t.applies_to(pilot)
    ]
    acc = AccompanimentRef(
        pk=accompaniment.pk,
        eric_id=accompaniment.eric_id,
        eric=None,
        has_map=current_trust_circle_entries(today)  # 2
        .filter(eric_id=accompaniment.eric_id)
        .exists(),
        pilot=pilot,
    )
    eric_id = accompaniment.eric_id
    sources = {
        Indicator.ANIMATIONS: animation_counts(programme, today, accompaniment=accompaniment),
        Indicator.CODE_SOURCE_SHEETS: sheet_counts(  # 4, 5
            programme, today, {eric_id: pilot}, eric_id=eric_id
        ),
        Indicator.FEDERATING_EVENTS: event_counts(programme, today, accompaniment=accompaniment),
        Indicator.TRAININGS: training_counts(programme, today, eric_ids=[eric_id]),  # 7
    }
    if any(t.indicator == Indicator.VISITOR_STUDY for t in targets):  # pilot 1's ERIC: 8
        sources[Indicator.VISITOR_STUDY] = study_counts(
            programme, today, {eric_id: pilot}, eric_id=eric_id
        )
    rows = []
    for target in targets:
        if target.basis not in PER_ERIC_BASES:
            continue
        source = sources.get(target.indicator)
        figure = _eric_figure(target, acc, source, calendar)
        visitors = (
            source.visitors.get(eric_id, 0) if target.indicator == Indicator.VISITOR_STUDY else None
        )
        rows.append(IndicatorRow(target, figure, {eric_id: figure}, visitors=visitors))
    return EricIndicators(
        accompaniment=accompaniment,
        today=today,
        rows=rows,
        animations_this_month=sources[Indicator.ANIMATIONS].this_month.get(eric_id, 0),
        sheets_this_month=sources[Indicator.CODE_SOURCE_SHEETS].this_month.get(eric_id, 0),
        indicators={t.indicator for t in targets},
    )
