"""Change events: every write of every app announces a change of one known kind, shaped
the same way (``core.changes.EVENT_FIELDS``), after commit, on its programme's group and,
for a record of an ERIC, on its ERIC's group."""

import datetime

import pytest

from agenda import services as agenda_services
from coaching import services as coaching_services
from coaching.enums import MilestoneStatus
from core import changes
from core.changes import EVENT_FIELDS, MESSAGE_TYPE, ChangeKind, eric_group, programme_group
from maps import services as map_services
from tests.coaching.journal_helpers import animation, call, png_upload, session
from tests.trainings.factories import make_training

pytestmark = pytest.mark.django_db


class RecordingLayer:
    def __init__(self):
        self.sent = []

    async def group_send(self, group, message):
        self.sent.append((group, message))


@pytest.fixture
def layer(monkeypatch):
    recording = RecordingLayer()
    monkeypatch.setattr(changes, "get_channel_layer", lambda: recording)
    return recording


def check_event(group, message):
    assert set(message) == set(EVENT_FIELDS), message
    for key, kind in EVENT_FIELDS.items():
        assert isinstance(message[key], kind), (key, message)
    assert message["type"] == MESSAGE_TYPE
    assert message["kind"] in set(ChangeKind), message
    allowed = {programme_group(message["programme"])}
    if message["eric"] is not None:
        allowed.add(eric_group(message["eric"]))
    assert group in allowed, (group, message)


def test_every_write_announces_a_known_kind_after_commit(
    world, layer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coaching_services.milestone_create(
            by=world.coach_a,
            accompaniment=world.accompaniment_a,
            title="Diagnostic",
            due_date=datetime.date(2026, 10, 15),
            status=MilestoneStatus.PLANNED,
        )
        call(world)
        session(world)
        record = animation(world)
        coaching_services.animation_media_add(
            by=world.coach_a,
            animation=record,
            upload=png_upload(),
            author="Camille",
            alt_text="Un atelier",
        )
        coaching_services.federating_event_create(
            by=world.coach_a,
            programme=world.programme,
            name="Fête du quartier",
            starts_on=datetime.date(2026, 10, 3),
        )
        map_services.trust_circle_entry_create(
            by=world.team_a,
            eric=world.eric_a,
            name="Association du quartier",
            circle="close",
            relation="users",
            since=datetime.date(2026, 9, 1),
            town="Marseille",
            latitude="43.300000",
            longitude="5.400000",
        )
        make_training(world)
        agenda_services.hotline_slot_schedule(
            by=world.coach_a,
            programme=world.programme,
            first_day=datetime.date(2026, 9, 7),
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            count=10,
        )
    assert layer.sent
    for group, message in layer.sent:
        check_event(group, message)
    kinds = {message["kind"] for _, message in layer.sent}
    assert {
        ChangeKind.MILESTONE,
        ChangeKind.HOTLINE_SLOT,
        ChangeKind.HOTLINE_CALL,
        ChangeKind.COACHING_SESSION,
        ChangeKind.ANIMATION,
        ChangeKind.FEDERATING_EVENT,
        ChangeKind.TRUST_CIRCLE_ENTRY,
        ChangeKind.TRAINING,
        ChangeKind.AGENDA,
    } <= kinds


def test_an_unknown_kind_is_refused(world):
    with pytest.raises(ValueError):
        changes.announce("not_a_kind", pk=1, programme_id=world.programme.pk)


def test_nothing_is_sent_before_commit(world, layer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call(world)
    assert layer.sent == []
    for callback in callbacks:
        callback()
    assert layer.sent
