"""Another ERIC's record answers exactly as a missing one: 404 (issue 18, item 7).

An id that answers 403 says « this exists, not for you »: counting ids would tell how
many calls, sessions or trainings another ERIC has."""

import pytest
from django.urls import reverse

from coaching import services
from tests.coaching.journal_helpers import animation, call, past, session
from tests.maps.test_trust_circles import entry_data

MISSING = 987654
POST_ONLY = {"coaching:hotline_follow_up_toggle"}


def _records(world):
    from maps.services import trust_circle_entry_create
    from tests.trainings.factories import make_training

    call_a = call(world, eric="a", shared=False, summary="APPEL-A-PRIVE")
    session_a = session(world, eric="a", shared=False, objectives="SEANCE-A-PRIVEE")
    animation_a = animation(world, eric="a", title="ANIMATION-A")
    event_a = services.federating_event_create(
        by=world.coach_a,
        programme=world.programme,
        name="EVENEMENT-A",
        starts_on=past().date(),
        participations={world.accompaniment_a: "stand"},
    )
    follow_up = services.hotline_follow_up_add(by=world.coach_a, call=call_a, action="Rappeler")
    data = entry_data()
    data.pop("organisation")
    data["since"] = past().date()
    data["until"] = None
    entry = trust_circle_entry_create(by=world.team_a, eric=world.eric_a, **data)
    training = make_training(world)
    return {
        "coaching:hotline_call_detail": call_a.pk,
        "coaching:hotline_call_update": call_a.pk,
        "coaching:hotline_follow_up_toggle": follow_up.pk,
        "coaching:coaching_session_detail": session_a.pk,
        "coaching:coaching_session_update": session_a.pk,
        "coaching:animation_detail": animation_a.pk,
        "coaching:animation_update": animation_a.pk,
        "coaching:federating_event_detail": event_a.pk,
        "maps:entry_update": entry.pk,
        "trainings:training_detail": training.pk,
        "trainings:training_ics": training.pk,
    }


@pytest.mark.parametrize("who", ["team_b", "outsider"])
def test_another_eric_s_record_answers_as_a_missing_one(world, login, who):
    records = _records(world)
    client = login(getattr(world, who))
    for name, pk in records.items():
        if name.startswith("trainings:") and who == "team_b":
            continue  # the trainings of the programme are open to its ERIC teams
        if name == "coaching:federating_event_detail" and who == "team_b":
            continue  # the programme's events are shared by its ERIC
        send = client.post if name in POST_ONLY else client.get
        hidden = send(reverse(name, args=[pk]))
        missing = send(reverse(name, args=[MISSING]))
        assert (name, hidden.status_code) == (name, 404)
        assert missing.status_code == 404
