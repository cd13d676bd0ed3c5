"""The agenda follows the dated records: animations, coaching sessions, federating events.

The one declared exception to the layers (docs/adr/0007-layers.md): ``agenda`` stands
above ``coaching`` (its entries point to coaching's records), yet a record and its agenda
entry must change in the same transaction, so coaching's services call
``agenda.services.sync_record_entry`` here, and nowhere else. The layers contract
names this import as its only allowed exception.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.enums import EntryKind, Visibility
from agenda.services import sync_record_entry

from ..enums import AnimationStatus
from ..models import Animation, CoachingSession, FederatingEvent


def sync_animation_agenda(animation: Animation) -> None:
    accompaniment = animation.accompaniment
    sync_record_entry(
        animation,
        programme=accompaniment.programme,
        eric=accompaniment.eric,
        kind=EntryKind.ANIMATION,
        title=animation.title,
        start=animation.starts_at,
        end=animation.ends_at or animation.starts_at + datetime.timedelta(hours=2),
        visibility=Visibility.PUBLIC if animation.public_announcement else Visibility.TEAM,
        location=animation.place,
        link=reverse("coaching:animation_detail", args=[animation.pk]),
        cancelled=animation.status == AnimationStatus.CANCELLED,
    )


def sync_coaching_session_agenda(session: CoachingSession) -> None:
    accompaniment = session.accompaniment
    sync_record_entry(
        session,
        programme=accompaniment.programme,
        eric=accompaniment.eric,
        kind=EntryKind.COACHING_SESSION,
        title=_("Séance d'accompagnement — %(eric)s") % {"eric": accompaniment.eric.name},
        start=session.started_at,
        end=session.started_at + datetime.timedelta(minutes=session.duration_minutes),
        visibility=Visibility.TEAM if session.is_shared else Visibility.PRIVATE,
        link=reverse("coaching:coaching_session_detail", args=[session.pk]),
    )


def sync_federating_event_agenda(event: FederatingEvent) -> None:
    """A federating event (a fête, a festival) is public, over its days."""

    def local(day, hour):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    sync_record_entry(
        event,
        programme=event.programme,
        kind=EntryKind.FEDERATING_EVENT,
        title=event.name,
        start=local(event.starts_on, 9),
        end=local(event.ends_on or event.starts_on, 18),
        visibility=Visibility.PUBLIC,
        location=event.place,
        link=reverse("coaching:federating_event_detail", args=[event.pk]),
    )
