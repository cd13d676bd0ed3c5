"""The live figures pushed to the team's pages: throttled per event and time slot, the
last state always sent (a trailing push at the slot's end)."""

from study import selectors, services
from tests.study.conftest import entry


def test_live_pushes_are_throttled_and_the_last_state_is_always_sent(
    kiosk, monkeypatch, django_capture_on_commit_callbacks
):
    kiosk_row, _token = kiosk
    sent, later = [], []
    clock = [1000.1]
    monkeypatch.setattr(services, "_clock", lambda: clock[0])
    monkeypatch.setattr(
        services, "_send_live", lambda e: sent.append(selectors.live_summary(e)["visitors"])
    )
    monkeypatch.setattr(services, "_later", lambda delay, function: later.append((delay, function)))

    def batch():
        with django_capture_on_commit_callbacks(execute=True):
            services.entries_store(kiosk=kiosk_row, entries=[entry()])

    for _n in range(5):
        batch()
    # the slot's first batch is pushed at once; the four others share one trailing push
    # at the slot's end
    assert sent == [1]
    assert len(later) == 1
    assert abs(later[0][0] - (1000.5 - 1000.1)) < 0.05
    clock[0] = 1000.51  # the timer fires once the slot is over
    later.pop()[1]()
    assert sent == [1, 5]  # the last state, once
    # the next slot: its first batch at once, the next ones at its end
    batch()
    batch()
    assert sent == [1, 5, 6] and len(later) == 1
    clock[0] = 1001.01
    later.pop()[1]()
    assert sent == [1, 5, 6, 7]
    # a quiet slot after that: nothing more is pushed, nothing waits
    assert later == []


def test_a_push_reaches_the_group_with_the_figures(kiosk, monkeypatch):
    """The trailing push reads the event again and sends its figures to the group."""
    kiosk_row, _token = kiosk
    groups = []

    class Layer:
        async def group_send(self, group, message):
            groups.append((group, message["summary"]["visitors"]))

    monkeypatch.setattr(services, "get_channel_layer", lambda: Layer())
    services.entries_store(kiosk=kiosk_row, entries=[entry(), entry()])
    services._trailing_push(kiosk_row.event_id)
    assert groups == [(services.event_group(kiosk_row.event_id), 2)]
