"""A record dated outside its programme's period is refused by the journal's forms, with
the period named beside the date field; the first and the last day belong to it.

The factory programme runs from 1 September 2026 to 30 June 2027; the clock is stopped
on 15 July 2027, so every day tried here is in the past (a call cannot be in the future)."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.enums import AnimationStatus, CallChannel, HotlineTopic, Visibility
from coaching.models import (
    Animation,
    CoachingSession,
    FederatingEvent,
    HotlineCall,
    HotlineSlot,
)

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2027, 7, 15, 10, 0, tzinfo=PARIS)

BEFORE = datetime.date(2026, 8, 31)
FIRST = datetime.date(2026, 9, 1)
LAST = datetime.date(2027, 6, 30)
AFTER = datetime.date(2027, 7, 1)
INSIDE = datetime.date(2027, 3, 10)

PERIOD = "Le programme « Trajectoires ERIC » court du 1er septembre 2026 au 30 juin 2027 : "


@pytest.fixture
def programme(world, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW.astimezone(datetime.UTC))
    world.programme.name = "Trajectoires ERIC"
    world.programme.save()
    return world.programme


def at(day, hour=14, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def as_input(day, hour=14, minute=0):
    return at(day, hour, minute).strftime("%Y-%m-%dT%H:%M")


def animation_post(world, day, **hour):
    return {
        "accompaniment": world.accompaniment_a.pk,
        "title": "Repair café du quartier",
        "starts_at": as_input(day, **hour),
        "format": "repair_cafe",
        "status": AnimationStatus.HELD,
    }


def call_post(world, day, **hour):
    return {
        "accompaniment": world.accompaniment_a.pk,
        "started_at": as_input(day, **hour),
        "duration_minutes": "15",
        "channel": CallChannel.PHONE,
        "topics": [HotlineTopic.FUNDING],
        "summary": "Dossier FEDER",
        "visibility": Visibility.SHARED,
    }


def session_post(world, day, **hour):
    return {
        "accompaniment": world.accompaniment_a.pk,
        "started_at": as_input(day, **hour),
        "duration_minutes": "90",
        "format": "on_site",
        "objectives": "Gouvernance partagée",
        "visibility": Visibility.SHARED,
    }


def event_post(world, day, **_hour):
    return {
        "programme": world.programme.pk,
        "name": "Forum des tiers-lieux",
        "kind": "forum",
        "starts_on": day.isoformat(),
        f"role_{world.accompaniment_a.pk}": "talk",
    }


def make_animation(world, day):
    return services.animation_create(
        by=world.coach_a,
        accompaniment=world.accompaniment_a,
        title="Repair café du quartier",
        starts_at=at(day),
        format="repair_cafe",
        status=AnimationStatus.HELD,
    )


def make_call(world, day):
    return services.hotline_call_create(
        by=world.coach_a,
        accompaniment=world.accompaniment_a,
        started_at=at(day),
        topics=[HotlineTopic.FUNDING],
        summary="Dossier FEDER",
    )


def make_session(world, day):
    return services.coaching_session_create(
        by=world.coach_a,
        accompaniment=world.accompaniment_a,
        started_at=at(day),
        duration_minutes=90,
        format="on_site",
        objectives="Gouvernance partagée",
        visibility=Visibility.SHARED,
    )


def make_event(world, day):
    return services.federating_event_create(
        by=world.coach_a,
        programme=world.programme,
        name="Forum des tiers-lieux",
        kind="forum",
        starts_on=day,
        participations={world.accompaniment_a: "talk"},
    )


KINDS = {
    # create url, update url, post, builder, model, date field (model and form), phrase,
    # a word of what was typed (kept when the form comes back)
    "animation": (
        "coaching:animation_create",
        "coaching:animation_update",
        animation_post,
        make_animation,
        Animation,
        "starts_at",
        "une animation datée du {}",
        "Repair café du quartier",
    ),
    "call": (
        "coaching:hotline_quick_log",
        "coaching:hotline_call_update",
        call_post,
        make_call,
        HotlineCall,
        "started_at",
        "un appel daté du {}",
        "Dossier FEDER",
    ),
    "session": (
        "coaching:coaching_session_create",
        "coaching:coaching_session_update",
        session_post,
        make_session,
        CoachingSession,
        "started_at",
        "une séance d'accompagnement datée du {}",
        "Gouvernance partagée",
    ),
    "event": (
        "coaching:federating_event_create",
        "coaching:federating_event_update",
        event_post,
        make_event,
        FederatingEvent,
        "starts_on",
        "un événement qui commence le {}",
        "Forum des tiers-lieux",
    ),
}


def local_day(moment):
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment)
    return moment


def refusal(response, field):
    assert response.status_code == 200
    return " ".join(response.context["form"].errors[field])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("day", "said"), [(BEFORE, "31 août 2026"), (AFTER, "1er juillet 2027")])
def test_a_day_outside_the_period_is_refused_beside_the_date(
    world, programme, login, kind, day, said
):
    create, _update, post, _make, model, field, phrase, typed = KINDS[kind]
    response = login(world.coach_a).post(reverse(create), post(world, day))
    assert refusal(response, field) == PERIOD + phrase.format(said) + " n'y entre pas."
    page = html.unescape(response.content.decode())
    assert PERIOD + phrase.format(said) in page
    assert typed in page  # what was typed is kept
    assert not model.objects.exists()
    assert not HotlineSlot.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_the_first_and_the_last_day_are_in(world, programme, login, kind):
    create, _update, post, _make, model, _field, _phrase, _typed = KINDS[kind]
    client = login(world.coach_a)
    for day in (FIRST, LAST):
        response = client.post(reverse(create), post(world, day))
        assert response.status_code == 302, response.context["form"].errors
    assert model.objects.count() == 2


@pytest.mark.parametrize("kind", KINDS)
def test_moving_a_record_out_of_the_period_is_refused(world, programme, login, kind):
    _create, update, post, make, model, field, phrase, typed = KINDS[kind]
    record = make(world, INSIDE)
    client = login(world.coach_a)
    data = post(world, AFTER)
    # a form that guards against concurrent edits sends back the token it was shown
    opened = client.get(reverse(update, args=[record.pk])).context["form"]
    if "edit_token" in opened.initial:
        data["edit_token"] = opened.initial["edit_token"]
    response = client.post(reverse(update, args=[record.pk]), data)
    assert refusal(response, field) == (
        PERIOD + phrase.format("1er juillet 2027") + " n'y entre pas."
    )
    assert typed in html.unescape(response.content.decode())
    assert local_day(getattr(model.objects.get(), field)) == INSIDE  # what was saved is kept


@pytest.mark.parametrize("kind", ["animation", "call", "session"])
def test_the_day_is_the_paris_day(world, programme, login, kind):
    """00:30 in Paris on 1 September is still 31 August in UTC: it is in; 00:30 on
    1 July is 30 June in UTC: it is out."""
    create, _update, post, _make, model, field, phrase, _typed = KINDS[kind]
    client = login(world.coach_a)
    response = client.post(reverse(create), post(world, FIRST, hour=0, minute=30))
    assert response.status_code == 302, response.context["form"].errors
    response = client.post(reverse(create), post(world, AFTER, hour=0, minute=30))
    assert phrase.format("1er juillet 2027") in refusal(response, field)
    assert model.objects.count() == 1


def test_an_event_ending_after_the_period_is_refused_on_its_end(world, programme, login):
    data = event_post(world, LAST) | {"ends_on": AFTER.isoformat()}
    response = login(world.coach_a).post(reverse("coaching:federating_event_create"), data)
    assert refusal(response, "ends_on") == (
        PERIOD + "un événement qui finit le 1er juillet 2027 n'y entre pas."
    )
    assert "starts_on" not in response.context["form"].errors
    assert not FederatingEvent.objects.exists()


def test_an_event_within_the_period_on_both_days_is_recorded(world, programme, login):
    data = event_post(world, FIRST) | {"ends_on": LAST.isoformat()}
    response = login(world.coach_a).post(reverse("coaching:federating_event_create"), data)
    assert response.status_code == 302
    assert FederatingEvent.objects.get().ends_on == LAST


def test_an_animation_planned_after_the_period_is_refused_too(world, programme, login):
    data = animation_post(world, datetime.date(2027, 9, 15)) | {"status": AnimationStatus.PLANNED}
    response = login(world.coach_a).post(reverse("coaching:animation_create"), data)
    assert "datée du 15 septembre 2027" in refusal(response, "starts_at")


def test_the_hotline_cannot_be_held_outside_the_period(world, programme, login):
    # « Permanence tenue, aucun appel » is for today, 15 July 2027: after the programme.
    client = login(world.coach_a)
    response = client.post(
        reverse("coaching:hotline_slot_hold", args=[world.programme.pk]), follow=True
    )
    assert response.status_code == 200
    assert PERIOD + "une permanence tenue le 15 juillet 2027 n'y entre pas." in html.unescape(
        response.content.decode()
    )
    assert not HotlineSlot.objects.exists()


@pytest.mark.parametrize(("day", "accepted"), [(BEFORE, False), (FIRST, True), (LAST, True)])
def test_the_hotline_slot_service_keeps_to_the_period(world, programme, day, accepted):
    if accepted:
        services.hotline_slot_hold(by=world.coach_a, programme=world.programme, held_on=day)
        assert HotlineSlot.objects.get().held_on == day
        return
    with pytest.raises(ValidationError) as error:
        services.hotline_slot_hold(by=world.coach_a, programme=world.programme, held_on=day)
    assert error.value.message_dict == {
        "held_on": [PERIOD + "une permanence tenue le 31 août 2026 n'y entre pas."]
    }
    assert not HotlineSlot.objects.exists()
