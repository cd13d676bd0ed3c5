"""Every journal write is announced after commit, on the groups of its programme and ERIC."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.test import override_settings

from coaching import services
from coaching.enums import AnimationStatus
from core.changes import eric_group, programme_group
from tests.coaching.journal_helpers import animation, call, partners, png_upload

IN_MEMORY = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.fixture
def listener():
    """A channel subscribed to a group; ``receive()`` returns the next message or None."""

    with override_settings(CHANNEL_LAYERS=IN_MEMORY):
        from channels.layers import channel_layers

        channel_layers.backends.clear()
        layer = get_channel_layer()

        def subscribe(group):
            channel = async_to_sync(layer.new_channel)()
            async_to_sync(layer.group_add)(group, channel)
            return channel

        def receive(channel):
            import asyncio

            async def get():
                try:
                    return await asyncio.wait_for(layer.receive(channel), timeout=0.2)
                except TimeoutError:
                    return None

            return async_to_sync(get)()

        yield subscribe, receive
        channel_layers.backends.clear()


def test_call_is_announced_after_commit_only(world, listener, django_capture_on_commit_callbacks):
    subscribe, receive = listener
    eric_channel = subscribe(eric_group(world.eric_a.pk))
    programme_channel = subscribe(programme_group(world.programme.pk))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record = call(world, eric="a", shared=False)
    assert receive(eric_channel) is None  # nothing before the commit
    for callback in callbacks:
        callback()
    call_message = receive(eric_channel)
    assert call_message["kind"] == "hotline_call"
    assert call_message["pk"] == record.pk
    assert call_message["shared"] is False  # the consumer keeps it from the team
    assert call_message["eric"] == world.eric_a.pk
    assert receive(eric_channel) is None
    # The programme hears that the day's slot is held, then the call.
    slot_message = receive(programme_channel)
    assert (slot_message["kind"], slot_message["eric"]) == ("hotline_slot", None)
    assert receive(programme_channel)["kind"] == "hotline_call"


def test_animation_writes_are_announced(
    world, listener, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    subscribe, receive = listener
    channel = subscribe(eric_group(world.eric_a.pk))
    with django_capture_on_commit_callbacks(execute=True):
        record = animation(world, eric="a", co_organisers=partners(2))
    assert receive(channel)["kind"] == "animation"
    with django_capture_on_commit_callbacks(execute=True):
        services.animation_document(
            by=world.team_a, animation=record, report_what_happened="Bien", attendance_young=3
        )
    message = receive(channel)
    assert (message["kind"], message["pk"], message["shared"]) == ("animation", record.pk, True)
    with django_capture_on_commit_callbacks(execute=True):
        services.animation_media_add(
            by=world.team_a,
            animation=record,
            upload=png_upload(),
            author="Léa",
            alt_text="Un atelier",
        )
    assert receive(channel)["kind"] == "animation"
    with django_capture_on_commit_callbacks(execute=True):
        services.animation_update(
            by=world.coach_a,
            animation=record,
            status=AnimationStatus.CANCELLED,
            cancellation_reason="Pluie",
        )
    assert receive(channel)["kind"] == "animation"


def test_failed_write_announces_nothing(world, listener, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    subscribe, receive = listener
    channel = subscribe(eric_group(world.eric_a.pk))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            call(world, eric="a", duration_minutes=0)
    assert callbacks == []
    assert receive(channel) is None


def test_a_call_made_private_is_announced_to_the_team_page(
    world, listener, django_capture_on_commit_callbacks
):
    from coaching.enums import Visibility

    subscribe, receive = listener
    record = call(world, eric="a", shared=True)
    channel = subscribe(eric_group(world.eric_a.pk))
    with django_capture_on_commit_callbacks(execute=True):
        services.hotline_call_update(by=world.coach_a, call=record, visibility=Visibility.PRIVATE)
    message = receive(channel)
    # Shared, so the team's open page hears it and refreshes: the call leaves its list.
    assert (message["kind"], message["pk"], message["shared"]) == ("hotline_call", record.pk, True)
    with django_capture_on_commit_callbacks(execute=True):
        services.hotline_call_update(by=world.coach_a, call=record, summary="Note privée")
    assert receive(channel)["shared"] is False
