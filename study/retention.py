"""Retention: raw entries past ``settings.STUDY_RETENTION_DAYS`` become tallies.

Each event's old entries are counted per questionnaire version, channel, dimension and
answer (the counts the typology reads), added to the event's tallies, then deleted with
their choices and codings, in one transaction per event: the typology's figures stay
the same, the individual answers are gone. The « être recontacté·e » requests of the
days before the cutoff are erased in the same run (``erase_expired_contacts``). Stated
in the kiosk's notice and in docs/privacy.md.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from core.dates import local_day

from .enums import Channel
from .models import ContactRequest, StudyEvent, Tally, VisitorEntry
from .selectors import USAGE_FIRST_VISIT, dimension_counts, usage_by_first_visit


def retention_cutoff(now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.STUDY_RETENTION_DAYS)


def apply_retention_now(now=None) -> dict:
    """Aggregate and delete the raw entries older than the retention period; returns
    ``{event_id: entries removed}``. Idempotent: a second run finds nothing."""
    cutoff = retention_cutoff(now)
    done = {}
    event_ids = (
        VisitorEntry.objects.filter(arrived_at__lt=cutoff)
        .values_list("event_id", flat=True)
        .distinct()
        .order_by("event_id")
    )
    for event_id in list(event_ids):
        with transaction.atomic():
            event = StudyEvent.objects.select_for_update().get(pk=event_id)
            old = VisitorEntry.objects.filter(event=event, arrived_at__lt=cutoff)
            groups = old.order_by().values("questionnaire_id", "channel").annotate(n=Count("pk"))
            removed = 0
            for group in groups:
                entries = old.filter(
                    questionnaire_id=group["questionnaire_id"], channel=group["channel"]
                )
                counts = dimension_counts(entries)
                if group["channel"] == Channel.ON_SITE:
                    counts[USAGE_FIRST_VISIT] = usage_by_first_visit(entries)
                _add_tallies(event, group["questionnaire_id"], group["channel"], counts)
                removed += group["n"]
            old.delete()
            done[event_id] = removed
    return done


def erase_expired_contacts(now=None) -> int:
    """Erase the contact requests made before the retention cutoff's day (they keep only
    their day); returns how many."""
    deleted, _by_model = ContactRequest.objects.filter(
        day__lt=local_day(retention_cutoff(now))
    ).delete()
    return deleted


def _add_tallies(event, questionnaire_id, channel, counts) -> None:
    existing = {
        (t.dimension, t.code): t
        for t in Tally.objects.filter(
            event=event, questionnaire_id=questionnaire_id, channel=channel
        )
    }
    new, changed = [], []
    for dimension, counter in counts.items():
        for code, n in counter.items():
            if not n:
                continue
            tally = existing.get((dimension, code))
            if tally is None:
                new.append(
                    Tally(
                        event=event,
                        questionnaire_id=questionnaire_id,
                        channel=channel,
                        dimension=dimension,
                        code=code[:60],
                        count=n,
                    )
                )
            else:
                tally.count += n
                changed.append(tally)
    Tally.objects.bulk_create(new)
    Tally.objects.bulk_update(changed, ["count"])
