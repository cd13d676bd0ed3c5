"""Indicators against targets on a hand-built programme, at the counting rules' edges."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from coaching import services
from coaching.enums import AnimationStatus, Basis, Indicator, ParticipationRole
from coaching.models import Animation
from newsletter.enums import IssueStatus
from newsletter.models import NewsletterIssue
from progress.indicators import (
    Calendar,
    Status,
    eric_indicators,
    programme_indicators,
    status_for,
    undocumented_animations,
)
from tests.coaching.journal_helpers import animation, counted_animation, partners
from tests.factories import make_accompaniment, make_target

PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


@pytest.fixture
def targets(world):
    programme = world.programme  # 2026-09-01, 10 months, ERIC A and B
    make_target(
        programme=programme, indicator=Indicator.ANIMATIONS, value=1, basis=Basis.PER_ERIC_PER_MONTH
    )
    make_target(programme=programme, indicator=Indicator.NEWSLETTERS, value=10)
    make_target(
        programme=programme, indicator=Indicator.CODE_SOURCE_SHEETS, value=1, basis=Basis.PER_MONTH
    )
    make_target(
        programme=programme, indicator=Indicator.FEDERATING_EVENTS, value=1, basis=Basis.PER_ERIC
    )
    make_target(
        programme=programme, indicator=Indicator.HOTLINE_HALF_DAYS, value=1, basis=Basis.PER_WEEK
    )
    make_target(
        programme=programme, indicator=Indicator.TRUST_CIRCLE_MAPS, value=1, basis=Basis.PER_ERIC
    )
    return programme


def test_status_thresholds():
    assert status_for(10, 4, 10) == Status.ACHIEVED
    assert status_for(4, 4, 10) == Status.ON_TRACK
    assert status_for(3, 4, 10) == Status.BEHIND
    assert status_for(2, 4, 10) == Status.AT_RISK
    assert status_for(0, 0, 10) == Status.ON_TRACK


def test_calendar_counts_months_and_weeks_elapsed(world):
    calendar = Calendar(world.programme, datetime.date(2026, 11, 1))
    assert calendar.months_elapsed == 2
    assert calendar.progress == pytest.approx(0.2)
    # 2026-09-01 is a Tuesday: the first week starts Monday 31 August
    assert calendar.first_week == datetime.date(2026, 8, 31)
    # 1 November is a Sunday: the week of 26 October has not ended yet
    assert calendar.weeks_ended()[-1] == datetime.date(2026, 10, 19)
    assert len(calendar.weeks_ended()) == 8
    assert Calendar(world.programme, datetime.date(2026, 8, 15)).progress == 0
    assert Calendar(world.programme, datetime.date(2027, 9, 1)).progress == 1


def test_animations_count_in_their_paris_month_and_only_when_counted(world, targets):
    # 23:30 in Paris on 31 October is still October; 00:30 on 1 November is November
    # in Paris but 31 October in UTC.
    counted_animation(world, starts_at=paris(2026, 10, 31, 23, 30))
    counted_animation(world, starts_at=paris(2026, 11, 1, 0, 30))
    counted_animation(world, eric="b", starts_at=paris(2026, 9, 30, 23, 30))
    # held but undocumented, and multi-partner but cancelled: never counted
    animation(world, co_organisers=partners(2), starts_at=paris(2026, 10, 5, 14))
    cancelled = counted_animation(world, starts_at=paris(2026, 10, 6, 14))
    services.animation_update(
        by=world.coach_a,
        animation=cancelled,
        status=AnimationStatus.CANCELLED,
        cancellation_reason="Salle indisponible",
    )
    # documented but with one partner only
    counted_animation(world, co_organisers=partners(1), starts_at=paris(2026, 10, 7, 14))

    result = programme_indicators(world.programme, today=datetime.date(2026, 11, 15))
    row = result.row(Indicator.ANIMATIONS)
    assert row.figure.actual == 3
    assert row.figure.total == 20
    # 2 months and 14/30 of November elapsed out of 10: 20 × 0.2466… → 4
    assert row.figure.expected == 4
    assert row.figure.status == Status.BEHIND  # 3 is 75 % of 4
    by_month = {p.month: p.value for p in row.months}
    assert by_month == {
        datetime.date(2026, 9, 1): 1,
        datetime.date(2026, 10, 1): 1,
        datetime.date(2026, 11, 1): 1,
    }
    assert [p.cumulative for p in row.months] == [1, 2, 3]
    assert row.per_eric[world.eric_a.pk].actual == 2
    assert row.per_eric[world.eric_b.pk].actual == 1
    assert row.per_eric[world.eric_a.pk].total == 10
    assert result.animations_this_month == {world.eric_a.pk: 1, world.eric_b.pk: 0}


def test_figures_are_those_of_the_given_day(world, targets):
    counted_animation(world, starts_at=paris(2026, 10, 20, 14))
    before = programme_indicators(world.programme, today=datetime.date(2026, 10, 19))
    assert before.row(Indicator.ANIMATIONS).figure.actual == 0
    after = programme_indicators(world.programme, today=datetime.date(2026, 10, 20))
    assert after.row(Indicator.ANIMATIONS).figure.actual == 1


def test_newsletters_count_published_issues_by_the_day(world, targets):
    # one published in October, one in November, one draft, one published before the
    # programme's start: two count, each in the month of its publication
    for number, month, published_at in (
        (1, datetime.date(2026, 10, 1), paris(2026, 10, 5, 10)),
        (2, datetime.date(2026, 11, 1), paris(2026, 11, 3, 10)),
        (3, datetime.date(2026, 12, 1), None),
        (4, datetime.date(2026, 8, 1), paris(2026, 8, 20, 10)),
    ):
        NewsletterIssue.objects.create(
            programme=world.programme,
            number=number,
            month=month,
            title="Lettre %d" % number,
            status=IssueStatus.PUBLISHED if published_at else IssueStatus.DRAFT,
            published_at=published_at,
        )
    row = programme_indicators(world.programme, today=datetime.date(2026, 11, 15)).row(
        Indicator.NEWSLETTERS
    )
    assert row.figure.tracked
    assert row.figure.actual == 2
    assert [(p.month.month, p.value) for p in row.months if p.value] == [(10, 1), (11, 1)]
    before = programme_indicators(world.programme, today=datetime.date(2026, 11, 2))
    assert before.row(Indicator.NEWSLETTERS).figure.actual == 1


def test_hotline_weeks_held_by_slot_or_call(world, targets):
    # week of 31 Aug: a slot; week of 7 Sept: nothing; week of 14 Sept: a call late on
    # Sunday 20 September in Paris, which belongs to that week
    services.hotline_slot_hold(
        by=world.coach_a, programme=world.programme, held_on=datetime.date(2026, 9, 3)
    )
    from tests.coaching.journal_helpers import call

    call(world, started_at=paris(2026, 9, 20, 23, 30))
    result = programme_indicators(world.programme, today=datetime.date(2026, 9, 23))
    row = result.row(Indicator.HOTLINE_HALF_DAYS)
    assert row.figure.actual == 2
    assert row.figure.expected == 3  # weeks of 31/08, 07/09, 14/09 have ended
    assert row.figure.status == Status.AT_RISK  # 2 is less than 75 % of 3
    assert result.hotline_weeks_missed == [datetime.date(2026, 9, 7)]


def test_per_eric_targets_count_each_eric_up_to_its_value(world, targets):
    for day in (5, 12, 19):
        services.federating_event_create(
            by=world.coach_a,
            programme=world.programme,
            name="Fête %d" % day,
            kind="festival",
            starts_on=datetime.date(2026, 10, day),
            participations={world.accompaniment_a: ParticipationRole.STAND},
        )
    result = programme_indicators(world.programme, today=datetime.date(2026, 11, 15))
    row = result.row(Indicator.FEDERATING_EVENTS)
    assert row.per_eric[world.eric_a.pk].actual == 3
    assert row.per_eric[world.eric_a.pk].status == Status.ACHIEVED
    assert row.per_eric[world.eric_b.pk].actual == 0
    assert row.figure.actual == 1  # ERIC B's missing event is not made up by A's
    assert row.figure.total == 2


def test_trust_circle_map_needs_a_current_entry(world, targets):
    from tests.maps.test_trust_circles import make_entry

    make_entry(world.eric_a, since=datetime.date(2026, 9, 1))
    make_entry(world.eric_b, since=datetime.date(2026, 9, 1), until=datetime.date(2026, 10, 1))
    result = programme_indicators(world.programme, today=datetime.date(2026, 11, 15))
    row = result.row(Indicator.TRUST_CIRCLE_MAPS)
    assert row.figure.actual == 1
    assert row.per_eric[world.eric_a.pk].actual == 1
    assert row.per_eric[world.eric_b.pk].actual == 0


def test_per_month_target_expects_the_months_elapsed(world, targets):
    result = programme_indicators(world.programme, today=datetime.date(2026, 11, 30))
    row = result.row(Indicator.CODE_SOURCE_SHEETS)
    assert row.figure.total == 10
    assert row.figure.expected == 2  # September and October have ended
    assert row.figure.actual == 0
    assert row.figure.status == Status.AT_RISK


def test_undocumented_animations_after_fifteen_days(world, targets):
    old = animation(world, co_organisers=partners(2), starts_at=paris(2026, 10, 1, 14))
    animation(world, co_organisers=partners(2), starts_at=paris(2026, 10, 20, 14))
    counted_animation(world, starts_at=paris(2026, 9, 20, 14))
    found = list(undocumented_animations(world.programme, today=datetime.date(2026, 11, 1)))
    assert found == [old]
    assert Animation.objects.count() == 3


def test_queries_are_the_same_whatever_the_number_of_eric(world, targets, snapshot_queries):
    counted_animation(world, starts_at=paris(2026, 10, 3, 14))
    with snapshot_queries(name="indicators") as queries:
        programme_indicators(world.programme, today=datetime.date(2026, 11, 15))
    assert len(queries) == 16  # the animations read their tallies in four (ADR 0023)
    for _ in range(48):
        make_accompaniment(programme=world.programme)
    with snapshot_queries(name="indicators"):
        result = programme_indicators(world.programme, today=datetime.date(2026, 11, 15))
    assert result.eric_count == 50


def test_calls_count_only_in_weeks_no_slot_covers(world, targets):
    from tests.coaching.journal_helpers import call

    # slots in the weeks of 31/08 and 14/09; calls in the weeks of 14/09 (already held)
    # and 28/09, and on Monday 05/10 at 00:30 in Paris (Sunday 22:30 UTC: week of 05/10)
    for day in (2, 15):
        services.hotline_slot_hold(
            by=world.coach_a, programme=world.programme, held_on=datetime.date(2026, 9, day)
        )
    call(world, started_at=paris(2026, 9, 16, 10))
    call(world, started_at=paris(2026, 10, 1, 10))
    call(world, eric="b", started_at=paris(2026, 10, 5, 0, 30))
    result = programme_indicators(world.programme, today=datetime.date(2026, 10, 13))
    assert result.hotline_weeks_held == {
        datetime.date(2026, 8, 31),
        datetime.date(2026, 9, 14),
        datetime.date(2026, 9, 28),
        datetime.date(2026, 10, 5),
    }
    assert result.hotline_weeks_missed == [datetime.date(2026, 9, 7), datetime.date(2026, 9, 21)]


def test_every_week_covered_by_slots_still_takes_thirteen_queries(world, targets, snapshot_queries):
    for day in (1, 8, 15):
        services.hotline_slot_hold(
            by=world.coach_a, programme=world.programme, held_on=datetime.date(2026, 9, day)
        )
    with snapshot_queries(name="indicators") as queries:
        result = programme_indicators(world.programme, today=datetime.date(2026, 9, 20))
    assert len(queries) == 16  # the animations read their tallies in four (ADR 0023)
    assert result.row(Indicator.HOTLINE_HALF_DAYS).figure.actual == 3


def _eric_scenario(world):
    from tests.maps.test_trust_circles import make_entry

    counted_animation(world, starts_at=paris(2026, 10, 1, 0, 30))  # 30/09 in UTC
    counted_animation(world, starts_at=paris(2026, 11, 2, 14))
    counted_animation(world, eric="b", starts_at=paris(2026, 10, 12, 14))
    animation(world, co_organisers=partners(1), starts_at=paris(2026, 10, 14, 14))
    counted_animation(world, starts_at=paris(2026, 11, 20, 14))  # after "today"
    services.federating_event_create(
        by=world.coach_a,
        programme=world.programme,
        name="Fête de la science",
        kind="festival",
        starts_on=datetime.date(2026, 10, 10),
        participations={
            world.accompaniment_a: ParticipationRole.STAND,
            world.accompaniment_b: ParticipationRole.STAND,
        },
    )
    make_entry(world.eric_b, since=datetime.date(2026, 9, 1))


def test_an_erics_own_figures_match_the_programme_view(world, targets):
    _eric_scenario(world)
    today = datetime.date(2026, 11, 15)
    programme = programme_indicators(world.programme, today=today)
    for accompaniment in (world.accompaniment_a, world.accompaniment_b):
        own = eric_indicators(accompaniment, today=today)
        # the targets each ERIC answers for (the sheets are the programme's, one a month)
        assert {row.indicator for row in own.rows} == {
            Indicator.ANIMATIONS,
            Indicator.FEDERATING_EVENTS,
            Indicator.TRUST_CIRCLE_MAPS,
        }
        for row in own.rows:
            assert row.figure == programme.row(row.indicator).per_eric[accompaniment.eric_id]
        eric_id = accompaniment.eric_id
        assert own.animations_this_month == programme.animations_this_month[eric_id]
        assert own.sheets_this_month == programme.sheets_this_month[eric_id]
    own_a = eric_indicators(world.accompaniment_a, today=today)
    animations_a = next(r for r in own_a.rows if r.indicator == Indicator.ANIMATIONS)
    assert animations_a.figure.actual == 2  # not the one after "today"
    assert own_a.animations_this_month == 1
    assert own_a.has_target(Indicator.NEWSLETTERS)  # a target, though not tracked


def test_an_erics_figures_take_seven_queries_whatever_the_programme_size(
    world, targets, snapshot_queries
):
    _eric_scenario(world)
    today = datetime.date(2026, 11, 15)
    with snapshot_queries(name="eric_indicators") as queries:
        eric_indicators(world.accompaniment_a, today=today)
    assert len(queries) == 7
    for _ in range(48):
        make_accompaniment(programme=world.programme)
    with snapshot_queries(name="eric_indicators"):
        own = eric_indicators(world.accompaniment_a, today=today)
    animations_row = next(r for r in own.rows if r.indicator == Indicator.ANIMATIONS)
    assert animations_row.figure.total == 10  # one a month for ten months, its own


def test_weekly_target_charts_the_weeks_ended_month_by_month(world, targets):
    # the programme starts on Tuesday 1 September: its first week is that of Monday 31/08
    result = programme_indicators(world.programme, today=datetime.date(2026, 10, 12))
    row = result.row(Indicator.HOTLINE_HALF_DAYS)
    september, october = row.months
    assert september.expected == 4  # weeks of 31/08, 07/09, 14/09, 21/09 ended by 1/10
    # the month under way expects what is due today, as the headline: 6 weeks ended by
    # 12 October (the chart says its line is the expected by month end, and today's)
    assert october.expected == 6
    assert row.figure.expected == 6
