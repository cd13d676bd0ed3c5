"""What the journal's services share: announcing a change of a record of an ERIC, and
keeping every record inside its programme's period."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.changes import ChangeKind, announce
from core.dates import local_day, long_date

#: « Le programme « Trajectoires ERIC » court du 1er septembre 2026 au 30 juin 2027 :
#: une animation datée du 31 août 2026 n'y entre pas. » — ``record`` is one of the
#: phrases below, which say what the date is in the record's own words.
OUTSIDE_PROGRAMME = _("Le programme « %(programme)s » court %(period)s : %(record)s n'y entre pas.")

ANIMATION_DATED = _("une animation datée du %(date)s")
CALL_DATED = _("un appel daté du %(date)s")
SLOT_HELD = _("une permanence tenue le %(date)s")
SESSION_DATED = _("une séance d'accompagnement datée du %(date)s")
EVENT_STARTING = _("un événement qui commence le %(date)s")
EVENT_ENDING = _("un événement qui finit le %(date)s")


def announce_record(kind: ChangeKind, record, *, shared: bool = True) -> None:
    """Announce a change of a record that hangs on an accompaniment."""
    accompaniment = record.accompaniment
    announce(
        kind,
        pk=record.pk,
        programme_id=accompaniment.programme_id,
        eric_id=accompaniment.eric_id,
        shared=shared,
    )


def check_within_programme(programme, dated: dict) -> None:
    """Refuse a record dated outside its programme's period (first and last day included).

    ``dated`` maps each date field to ``(its value, the record's phrase)``, e.g.
    ``{"starts_at": (animation.starts_at, ANIMATION_DATED)}``; a value left empty is the
    model's to refuse. The error names the field, so the form shows it beside the date."""
    errors = {}
    for field, (moment, phrase) in dated.items():
        if moment is None:
            continue
        day = local_day(moment)
        if programme.start_date <= day <= programme.end_date:
            continue
        errors[field] = OUTSIDE_PROGRAMME % {
            "programme": programme.name,
            "period": programme.period_label(),
            "record": phrase % {"date": long_date(day)},
        }
    if errors:
        raise ValidationError(errors)
