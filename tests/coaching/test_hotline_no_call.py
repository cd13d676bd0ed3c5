"""« Permanence tenue, aucun appel »: refused, with the reason, when calls of the
programme are already noted that day; a call noted after it simply joins the slot.

« Aucun appel » is not stored: a slot is « tenue », and it had no call while none hangs
on it. The clock is stopped on Wednesday 10 March 2027 at 18:00, in the programme."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.enums import HotlineTopic, Visibility
from coaching.models import HotlineCall, HotlineSlot
from organisations.enums import Role
from tests.factories import make_accompaniment, make_programme, make_user

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.date(2027, 3, 10)
NOW = datetime.datetime(2027, 3, 10, 18, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(datetime.UTC))


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def log_call(world, started_at, *, eric="a", visibility=Visibility.SHARED):
    return services.hotline_call_create(
        by=getattr(world, f"coach_{eric}"),
        accompaniment=getattr(world, f"accompaniment_{eric}"),
        started_at=started_at,
        topics=[HotlineTopic.PLATFORM],
        visibility=visibility,
    )


def hold_without_calls(client, programme):
    response = client.post(reverse("coaching:hotline_slot_hold", args=[programme.pk]), follow=True)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_day_with_a_call_is_not_a_day_without_calls(world, login):
    log_call(world, at(TODAY, 10))
    page = hold_without_calls(login(world.coach_a), world.programme)
    assert "Un appel est déjà noté ce jour-là : la permanence est tenue, avec son appel." in page
    assert "enregistrée comme tenue" not in page
    slot = HotlineSlot.objects.get()
    assert slot.held_on == TODAY and slot.calls.count() == 1


def test_the_reason_counts_the_calls_of_every_eric_and_visibility(world, login):
    log_call(world, at(TODAY, 9), eric="a")
    log_call(world, at(TODAY, 11), eric="b", visibility=Visibility.PRIVATE)
    page = hold_without_calls(login(world.coach_a), world.programme)
    assert (
        "Des appels sont déjà notés ce jour-là (2) : la permanence est tenue, avec ses appels."
        in page
    )
    assert HotlineSlot.objects.get().calls.count() == 2


def test_the_day_is_the_paris_day(world, login):
    # 00:30 in Paris today is yesterday 23:30 in UTC: a call of today all the same.
    log_call(world, at(TODAY, 0, 30))
    page = hold_without_calls(login(world.coach_a), world.programme)
    assert "Un appel est déjà noté ce jour-là" in page


def test_calls_of_another_day_or_programme_do_not_count(world, login):
    log_call(world, at(TODAY - datetime.timedelta(days=1), 23, 30))
    other_coach = make_user(organisation=world.partner_org, role=Role.RESOURCE_PERSON)
    other = make_accompaniment(
        programme=make_programme(), eric=world.eric_a, resource_persons=[other_coach]
    )
    services.hotline_call_create(by=other_coach, accompaniment=other, started_at=at(TODAY, 10))
    page = hold_without_calls(login(world.coach_a), world.programme)
    assert "Permanence du 10/03/2027 enregistrée comme tenue." in page
    slot = HotlineSlot.objects.get(programme=world.programme, held_on=TODAY)
    assert not slot.calls.exists()


def test_the_service_refuses_on_the_day_field(world):
    log_call(world, at(TODAY, 10))
    log_call(world, at(TODAY, 15))
    with pytest.raises(ValidationError) as error:
        services.hotline_slot_hold(
            by=world.coach_a, programme=world.programme, held_on=TODAY, without_calls=True
        )
    assert error.value.message_dict == {
        "held_on": [
            "Des appels sont déjà notés ce jour-là (2) : la permanence est tenue, avec ses appels."
        ]
    }
    # recording the slot as held, calls or not, is still fine
    services.hotline_slot_hold(by=world.coach_a, programme=world.programme, held_on=TODAY)
    assert HotlineSlot.objects.count() == 1


def test_a_call_noted_after_no_call_joins_the_slot(world, login):
    """The morning's « aucun appel » was true until the phone rang: the call is accepted,
    and the day is held with its call (nothing to clear, nothing counted twice)."""
    client = login(world.coach_a)
    page = hold_without_calls(client, world.programme)
    assert "enregistrée comme tenue" in page
    slot = HotlineSlot.objects.get()
    call = log_call(world, at(TODAY, 16))
    assert call.slot == slot
    assert HotlineSlot.objects.count() == 1 and HotlineSlot.objects.held_weeks() == 1
    assert list(slot.calls.all()) == [call]
    # and « aucun appel » is now refused, with the reason
    page = hold_without_calls(client, world.programme)
    assert "Un appel est déjà noté ce jour-là" in page
    assert HotlineCall.objects.count() == 1
