"""Every write of the agenda: events move and cancel with the records they belong to.

Other apps' services call ``sync_record_entry`` (or ``schedule_entry`` / ``reschedule_entry``)
inside their own transaction, after their own permission check; the views of this app
call the ``*_by_user`` variants, which check permissions themselves.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from schedule.models import Calendar, Event, Occurrence, Rule

from core.changes import ChangeKind, announce
from core.services import refuse_non_editable
from core.versions import bump_agenda_version

from .enums import EntryKind, Visibility
from .models import AgendaEntry
from .perms import can_manage_agenda_entry, can_schedule_for_programme

WEEKLY_RULE_NAME = "Hebdomadaire"


def calendar_for(programme, eric=None) -> Calendar:
    """One django-scheduler calendar per programme and one per ERIC."""
    if eric is None:
        slug, name = "programme-%d" % programme.pk, programme.name
    else:
        slug, name = "eric-%d" % eric.pk, eric.name
    calendar, _created = Calendar.objects.get_or_create(slug=slug, defaults={"name": name[:200]})
    return calendar


def weekly_rule() -> Rule:
    rule, _created = Rule.objects.get_or_create(
        name=WEEKLY_RULE_NAME,
        frequency="WEEKLY",
        params="",
        defaults={"description": "Chaque semaine, le même jour à la même heure."},
    )
    return rule


def _check_times(start: datetime.datetime, end: datetime.datetime) -> None:
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ValueError("Agenda times must be timezone-aware.")
    if end <= start:
        raise ValidationError({"end": _("La fin doit venir après le début.")})


def recurrence_end(
    *, start: datetime.datetime, until: datetime.date | None, count: int | None
) -> datetime.datetime:
    """The end of a weekly recurrence, from a last day or a number of occurrences."""
    if until is None and not count:
        raise ValidationError(
            {"until": _("Une répétition a besoin d'une date de fin ou d'un nombre d'occurrences.")}
        )
    local_start = timezone.localtime(start)
    if until is None:
        last_day = local_start.date() + datetime.timedelta(weeks=count - 1)
    else:
        last_day = until
    if last_day < local_start.date():
        raise ValidationError({"until": _("La fin de la répétition précède le premier créneau.")})
    return timezone.make_aware(datetime.datetime.combine(last_day, datetime.time(23, 59)))


def schedule_entry(
    *,
    programme,
    kind: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    eric=None,
    visibility: str = Visibility.PROGRAMME,
    description: str = "",
    location: str = "",
    link: str = "",
    creator=None,
    repeat_until: datetime.datetime | None = None,
    announce: bool = True,
) -> AgendaEntry:
    """Create an event and its agenda entry (no permission check: callers do it)."""
    _check_times(start, end)
    with transaction.atomic():
        event = Event.objects.create(
            calendar=calendar_for(programme, eric),
            title=title[:255],
            description=description,
            start=start,
            end=end,
            creator=creator,
            rule=weekly_rule() if repeat_until else None,
            end_recurring_period=repeat_until,
        )
        entry = AgendaEntry.objects.create(
            event=event,
            programme=programme,
            eric=eric,
            kind=kind,
            visibility=visibility,
            location=location,
            link=link,
        )
        _touch(programme.pk)
        if announce:
            _announce(entry)
    return entry


def reschedule_entry(
    entry: AgendaEntry,
    *,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    announce: bool = True,
    **changes,
) -> AgendaEntry:
    """Move an entry or change its details (no permission check: callers do it)."""
    event = entry.event
    start = start or event.start
    end = end or event.end
    _check_times(start, end)
    with transaction.atomic():
        event.start, event.end = start, end
        for field in ("title", "description"):
            if field in changes:
                setattr(event, field, changes.pop(field))
        event.save()
        entry_fields = []
        for field in ("visibility", "location", "link", "cancelled"):
            if field in changes:
                setattr(entry, field, changes.pop(field))
                entry_fields.append(field)
        refuse_non_editable(changes, editable=())  # what is left is not editable
        if entry_fields:
            entry.save(update_fields=entry_fields)
        _touch(entry.programme_id)
        if announce:
            _announce(entry)
    return entry


def entry_for(record) -> AgendaEntry | None:
    """The agenda entry a record owns, if it has one."""
    return (
        AgendaEntry.objects.select_related("event")
        .filter(source_type=ContentType.objects.get_for_model(record), source_id=record.pk)
        .first()
    )


def sync_record_entry(
    record,
    *,
    programme,
    kind: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    eric=None,
    visibility: str = Visibility.PROGRAMME,
    description: str = "",
    location: str = "",
    link: str = "",
    cancelled: bool = False,
    creator=None,
) -> AgendaEntry:
    """Create or update the event a dated record owns, so they never drift apart.

    Called by the record's own service, inside its transaction, after its permission
    check: the agenda follows what the record says. The record's service announces the
    change itself, so the entry does not announce it twice.
    """
    entry = entry_for(record)
    if entry is None:
        entry = schedule_entry(
            programme=programme,
            eric=eric,
            kind=kind,
            title=title,
            start=start,
            end=end,
            visibility=visibility,
            description=description,
            location=location,
            link=link,
            creator=creator,
            announce=False,
        )
        entry.source_type = ContentType.objects.get_for_model(record)
        entry.source_id = record.pk
        entry.cancelled = cancelled
        entry.save(update_fields=["source_type", "source_id", "cancelled"])
        return entry
    return reschedule_entry(
        entry,
        start=start,
        end=end,
        title=title,
        description=description,
        visibility=visibility,
        location=location,
        link=link,
        cancelled=cancelled,
        announce=False,
    )


def _touch(programme_id: int) -> None:
    """Make the programme's expanded agenda stale: now, for the pages this request
    renders, and once committed, so that a page expanded in between from the old rows
    does not stay cached under the new version."""
    bump_agenda_version(programme_id)
    transaction.on_commit(lambda: bump_agenda_version(programme_id))


def _announce(entry: AgendaEntry) -> None:
    announce(
        ChangeKind.AGENDA,
        pk=entry.pk,
        programme_id=entry.programme_id,
        eric_id=entry.eric_id,
        shared=entry.visibility != Visibility.PRIVATE,
    )


# --- Called from views: permissions checked here ---------------------------------------


def hotline_slot_schedule(
    *,
    by,
    programme,
    first_day: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    until: datetime.date | None = None,
    count: int | None = None,
    title: str = "",
) -> AgendaEntry:
    """The weekly half-day hotline: a recurring event in the programme's calendar."""
    if not can_schedule_for_programme(by, programme):
        raise PermissionDenied
    start = timezone.make_aware(datetime.datetime.combine(first_day, start_time))
    end = timezone.make_aware(datetime.datetime.combine(first_day, end_time))
    _check_times(start, end)
    return schedule_entry(
        programme=programme,
        kind=EntryKind.HOTLINE_SLOT,
        title=title or _("Permanence téléphonique des ERIC"),
        start=start,
        end=end,
        visibility=Visibility.PROGRAMME,
        creator=by,
        repeat_until=recurrence_end(start=start, until=until, count=count),
    )


def entry_create(
    *,
    by,
    programme,
    eric=None,
    kind: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    visibility: str,
    location: str = "",
    description: str = "",
    repeat_until: datetime.datetime | None = None,
) -> AgendaEntry:
    probe = AgendaEntry(programme=programme, eric=eric, visibility=visibility)
    if not can_manage_agenda_entry(by, probe):
        raise PermissionDenied
    return schedule_entry(
        programme=programme,
        eric=eric,
        kind=kind,
        title=title,
        start=start,
        end=end,
        visibility=visibility,
        location=location,
        description=description,
        creator=by,
        repeat_until=repeat_until,
    )


def entry_update(*, by, entry: AgendaEntry, **changes) -> AgendaEntry:
    if not can_manage_agenda_entry(by, entry):
        raise PermissionDenied
    return reschedule_entry(entry, **changes)


def _occurrence(entry: AgendaEntry, original_start: datetime.datetime) -> Occurrence:
    """The persisted occurrence starting originally at ``original_start`` (made if needed)."""
    event = entry.event
    occurrence = Occurrence.objects.filter(event=event, original_start=original_start).first()
    if occurrence is not None:
        return occurrence
    candidate = event.get_occurrence(timezone.localtime(original_start))
    if candidate is None:
        raise ValidationError(_("Ce créneau ne fait pas partie de la série."))
    candidate.save()
    return candidate


def occurrence_set_cancelled(
    *, by, entry: AgendaEntry, original_start: datetime.datetime, cancelled: bool
) -> Occurrence:
    """Cancel one occurrence of a series (a holiday, a closed week), or restore it."""
    if not can_manage_agenda_entry(by, entry):
        raise PermissionDenied
    with transaction.atomic():
        occurrence = _occurrence(entry, original_start)
        occurrence.cancelled = cancelled
        occurrence.save(update_fields=["cancelled", "updated_on"])
        _touch(entry.programme_id)
        _announce(entry)
    return occurrence


def occurrence_cancel(*, by, entry: AgendaEntry, original_start: datetime.datetime) -> Occurrence:
    return occurrence_set_cancelled(
        by=by, entry=entry, original_start=original_start, cancelled=True
    )


def occurrence_move(
    *,
    by,
    entry: AgendaEntry,
    original_start: datetime.datetime,
    start: datetime.datetime,
    end: datetime.datetime,
) -> Occurrence:
    """Move one occurrence of a series to another time."""
    if not can_manage_agenda_entry(by, entry):
        raise PermissionDenied
    _check_times(start, end)
    with transaction.atomic():
        occurrence = _occurrence(entry, original_start)
        occurrence.start, occurrence.end = start, end
        occurrence.cancelled = False
        occurrence.save(update_fields=["start", "end", "cancelled", "updated_on"])
        _touch(entry.programme_id)
        _announce(entry)
    return occurrence
