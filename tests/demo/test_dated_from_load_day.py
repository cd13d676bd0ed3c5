"""The demo is dated from the day it is loaded: whatever that day, a newcomer finds the
programme under way — months behind documented, this month's dues, the « mi-parcours »
grid open, a training coming — never a programme that ended or has not begun."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.enums import AnimationStatus, MaturityPhase, MilestoneStatus
from coaching.models import Accompaniment, Animation, HotlineSlot, Programme
from coaching.models.maturity import phase_due
from core.dates import local_day
from demo.dates import (
    LAST,
    SUNDAY,
    THURSDAY,
    TUESDAY,
    DemoCalendar,
    in_christmas_break,
    programme_start,
)
from organisations.enums import Pilot
from trainings.models import TrainingSession

PARIS_NOON = datetime.time(12)


def test_the_calendar_counts_in_programme_months_and_weekdays():
    cal = DemoCalendar(datetime.date(2026, 8, 1))  # a Saturday
    assert cal.month(1) == datetime.date(2026, 8, 1)
    assert cal.month(7) == datetime.date(2027, 2, 1)
    assert cal.day(7, 30) == datetime.date(2027, 2, 28)  # clamped to the month's end
    assert cal.day(7, LAST) == datetime.date(2027, 2, 28)
    assert cal.weekday(1, TUESDAY, 1) == datetime.date(2026, 8, 4)
    assert cal.weekday(1, THURSDAY, 4) == datetime.date(2026, 8, 27)
    assert cal.weekday(1, SUNDAY, LAST) == datetime.date(2026, 8, 30)
    assert cal.weekday(2, TUESDAY, LAST) == datetime.date(2026, 9, 29)
    assert cal.tuesdays(datetime.date(2026, 8, 18)) == [
        datetime.date(2026, 8, 4),
        datetime.date(2026, 8, 11),
        datetime.date(2026, 8, 18),
    ]


@pytest.mark.parametrize(
    "today, start",
    [
        (datetime.date(2026, 12, 1), datetime.date(2026, 8, 1)),
        (datetime.date(2027, 1, 31), datetime.date(2026, 9, 1)),
        (datetime.date(2028, 2, 29), datetime.date(2027, 10, 1)),
    ],
)
def test_the_load_day_falls_in_the_fifth_month(today, start):
    assert programme_start(today) == start


def test_the_hotline_closes_for_christmas_only():
    assert in_christmas_break(datetime.date(2026, 12, 22))
    assert in_christmas_break(datetime.date(2027, 1, 2))
    assert not in_christmas_break(datetime.date(2026, 12, 15))
    assert not in_christmas_break(datetime.date(2027, 1, 5))


@pytest.fixture
def load_on(db, monkeypatch):
    """Load the demo as if today were ``day`` (at noon, Paris time)."""

    def _load(day):
        now = datetime.datetime.combine(day, PARIS_NOON, tzinfo=timezone.get_current_timezone())
        monkeypatch.setattr(timezone, "now", lambda: now)
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        from demo.loader import load_demo_data

        return load_demo_data()

    return _load


# A day early in a month, the last day of a leap February, a 31st in summer.
@pytest.mark.parametrize(
    "day",
    [datetime.date(2026, 12, 1), datetime.date(2028, 2, 29), datetime.date(2027, 8, 31)],
)
def test_on_any_day_the_demo_programme_is_under_way(load_on, client, day):
    users = load_on(day)
    programme = Programme.objects.get()
    assert programme.contains(day) and programme.month_number(day) == 5

    pilot_2 = Accompaniment.objects.filter(eric__pilot=Pilot.ACCOMPANIMENT).select_related(
        "eric", "programme"
    )
    assert pilot_2.count() == 3
    for accompaniment in pilot_2:
        # months 1 to 4 are behind, each with a held animation of this ERIC
        held = Animation.objects.filter(accompaniment=accompaniment, status=AnimationStatus.HELD)
        months = {programme.month_number(local_day(a.starts_at)) for a in held}
        assert {1, 2, 3, 4} <= months, accompaniment.eric
        # this month's: an animation on the agenda and a milestone due
        assert Animation.objects.filter(
            accompaniment=accompaniment,
            starts_at__date__gte=programme.months()[4],
            starts_at__date__lt=programme.months()[5],
        ).exists()
        # the « mi-parcours » grid is open, and the « début » one validated
        assert phase_due(accompaniment, day).phase == MaturityPhase.MIDDLE
        assert accompaniment.maturity_assessments.get().phase == MaturityPhase.START
    boate = pilot_2.get(eric__slug="made-in-la-boate")
    due_this_month = boate.milestones.filter(
        due_date__gte=programme.months()[4], due_date__lt=programme.months()[5]
    )
    assert due_this_month.exclude(status=MilestoneStatus.DONE).exists()

    # a training is coming, the first one is behind with its attendance
    assert TrainingSession.objects.filter(starts_at__date__gt=day).exists()
    assert TrainingSession.objects.filter(starts_at__date__lt=day).exists()
    # the hotline was held every week (Christmas aside)
    held_days = set(HotlineSlot.objects.values_list("held_on", flat=True))
    first_tuesday = DemoCalendar(programme.start_date).weekday(1, TUESDAY, 1)
    tuesday = first_tuesday
    while tuesday <= day:
        assert (tuesday in held_days) != in_christmas_break(tuesday), tuesday
        tuesday += datetime.timedelta(days=7)

    # the team finds its grid to fill in on its trajectory
    client.force_login(users["boate"])
    page = html.unescape(
        client.get(reverse("progress:accompaniment_detail", args=[boate.pk])).content.decode()
    )
    assert "À remplir maintenant : la grille « mi-parcours »" in page
    assert "Remplir la grille « mi-parcours »" in page


def test_a_programme_already_loaded_keeps_its_dates(load_on):
    load_on(datetime.date(2026, 12, 1))
    start = Programme.objects.get().start_date
    animations = set(Animation.objects.values_list("title", "starts_at"))
    load_on(datetime.date(2027, 2, 3))  # two months later: loading again moves nothing
    assert Programme.objects.get().start_date == start == datetime.date(2026, 8, 1)
    assert set(Animation.objects.values_list("title", "starts_at")) == animations
