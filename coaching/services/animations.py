"""Animations: planned, held, documented; the counting rule's verdict kept in step."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.changes import ChangeKind, announce
from core.dates import local_month
from core.services import apply_changes
from organisations.models import Organisation
from organisations.services import partner_find_or_create

from ..enums import (
    AnimationStatus,
)
from ..models import (
    ATTENDANCE_FIELDS,
    Accompaniment,
    Animation,
    AnimationMedia,
    Programme,
)
from ..perms import (
    can_add_animation_partner,
    can_document_animation,
    can_manage_accompaniment,
    can_manage_animation,
)
from ..selectors.partners import partners_refused
from .agenda_sync import sync_animation_agenda
from .media import store_media
from .records import ANIMATION_DATED, announce_record, check_within_programme
from .tallies import forget_tallies, rebuild_tallies, refresh_tallies, tally_cell

ANIMATION_PLAN_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "place",
    "format",
    "intended_audiences",
    "status",
    "cancellation_reason",
    "resource_person",
    "skema_present",
    "public_announcement",
)


ANIMATION_DOCUMENTATION_FIELDS = (
    *ATTENDANCE_FIELDS,
    "report_what_happened",
    "report_what_worked",
    "report_what_to_change",
    "skema_present",
)


def _store_counting(animation: Animation, *, was=None) -> None:
    """Keep the stored verdict of the counting rule in step with what was just saved, and
    the monthly tallies of the month it was in (``was``, its cell before the write) and
    of the month it is in."""
    Animation.objects.filter(pk=animation.pk).refresh_counting()
    animation.refresh_from_db(fields=["counts_toward_target"])
    refresh_tallies(animation.accompaniment.programme, {tally_cell(animation), was} - {None})


def programme_counting_refresh(programme: Programme) -> int:
    """Apply a changed counting setting (``animation_min_partners``, the programme's
    period) to past animations, and recount the programme's monthly tallies."""
    with transaction.atomic():
        changed = Animation.objects.filter(accompaniment__programme=programme).refresh_counting()
        rebuild_tallies(programme)
        if changed:
            announce(ChangeKind.PROGRAMME, pk=programme.pk, programme_id=programme.pk)
    return changed


def accompaniment_counting_refresh(accompaniment: Accompaniment, *, previous=None) -> int:
    """Apply the rule of the accompaniment's programme to its animations once it moved to
    another programme (``previous``: the former programme's id), and recount their
    tallies under it."""
    with transaction.atomic():
        animations = Animation.objects.filter(accompaniment=accompaniment)
        changed = animations.refresh_counting()
        cells = {
            (accompaniment.pk, local_month(starts_at))
            for starts_at in animations.values_list("starts_at", flat=True)
        }
        forget_tallies(accompaniment)
        refresh_tallies(accompaniment.programme, cells)
        for programme_id in {accompaniment.programme_id, previous} - {None}:
            announce(ChangeKind.PROGRAMME, pk=programme_id, programme_id=programme_id)
    return changed


def _check_dates(animation: Animation) -> None:
    check_within_programme(
        animation.accompaniment.programme, {"starts_at": (animation.starts_at, ANIMATION_DATED)}
    )


def _refuse_other_erics_partners(
    eric_id: int, organisations, *, field: str, animation: Animation | None = None
) -> None:
    refused = partners_refused(eric_id, organisations)
    if refused and animation is not None and animation.pk:
        # Those already co-organising it stay (the rule came after them).
        present = set(animation.co_organisers.values_list("pk", flat=True))
        refused = [org for org in refused if org.pk not in present]
    if refused:
        raise ValidationError(
            {
                field: _(
                    "« %(name)s » est un partenaire local d'un autre ERIC : il n'est pas "
                    "proposé pour celui-ci."
                )
                % {"name": refused[0].name}
            }
        )


def _set_co_organisers(animation: Animation, co_organisers) -> None:
    """Set the partners, the host ERIC aside; another ERIC's local partners are refused
    (those already co-organising stay)."""
    organisations = [org for org in co_organisers if org.pk != animation.accompaniment.eric_id]
    if any(org.is_eric for org in organisations):
        raise ValidationError(
            {"co_organisers": _("Les co-organisateurs partenaires ne sont pas des ERIC.")}
        )
    _refuse_other_erics_partners(
        animation.accompaniment.eric_id, organisations, field="co_organisers", animation=animation
    )
    animation.co_organisers.set(organisations)


def animation_partner_add(
    *, by, accompaniment: Accompaniment, name: str, kind: str, town: str = ""
) -> tuple[Organisation, bool]:
    """Add a partner on the spot for this ERIC's animations, or find the one already
    known under that name (accents, case and punctuation aside): ``(partner, created)``.

    Errors land on ``name``, ``kind`` and ``town``."""
    if not can_add_animation_partner(by, accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        partner, created = partner_find_or_create(
            by=by, name=name, kind=kind, town=town, local_to=accompaniment.eric
        )
        _refuse_other_erics_partners(accompaniment.eric_id, [partner], field="name")
    return partner, created


def _with_new_partner(by, accompaniment, co_organisers, new_partner) -> list:
    if not new_partner:
        return co_organisers
    partner, _created = animation_partner_add(by=by, accompaniment=accompaniment, **new_partner)
    return [*co_organisers, partner]


def animation_create(
    *, by, accompaniment: Accompaniment, co_organisers=(), new_partner=None, **fields
) -> Animation:
    """Plan (or record) an animation hosted by an ERIC; ``new_partner`` (name, kind,
    town) is a co-organiser added on the spot (see :func:`animation_partner_add`)."""
    if not can_manage_accompaniment(by, accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        animation = Animation(accompaniment=accompaniment, created_by=by)
        fields.setdefault("resource_person", by)
        apply_changes(animation, fields, ANIMATION_PLAN_FIELDS)
        _check_dates(animation)
        animation.full_clean()
        animation.save()
        co_organisers = _with_new_partner(by, accompaniment, list(co_organisers), new_partner)
        _set_co_organisers(animation, co_organisers)
        _store_counting(animation)
        sync_animation_agenda(animation)
        announce_record(ChangeKind.ANIMATION, animation)
    return animation


def animation_update(
    *, by, animation: Animation, co_organisers=None, new_partner=None, **changes
) -> Animation:
    """Change what was planned: date, place, status (held, cancelled), co-organisers
    (``new_partner``: one added on the spot)."""
    if not can_manage_animation(by, animation):
        raise PermissionDenied
    was = tally_cell(animation)
    with transaction.atomic():
        apply_changes(animation, changes, ANIMATION_PLAN_FIELDS)
        if animation.status != AnimationStatus.CANCELLED and "status" in changes:
            animation.cancellation_reason = ""
            changes["cancellation_reason"] = ""
        _check_dates(animation)
        animation.full_clean()
        if changes:
            animation.save(update_fields=[*changes, "updated_at"])
        _change_co_organisers(by, animation, co_organisers, new_partner)
        _store_counting(animation, was=was)
        sync_animation_agenda(animation)
        announce_record(ChangeKind.ANIMATION, animation)
    return animation


def _change_co_organisers(by, animation, co_organisers, new_partner) -> None:
    if co_organisers is None and not new_partner:
        return
    if co_organisers is None:
        co_organisers = list(animation.co_organisers.all())
    co_organisers = _with_new_partner(by, animation.accompaniment, list(co_organisers), new_partner)
    _set_co_organisers(animation, co_organisers)


def animation_document(
    *, by, animation: Animation, co_organisers=None, new_partner=None, **changes
) -> Animation:
    """Write the report and the attendance of a held animation (coach or ERIC team), and
    name its partners (``co_organisers``, ``new_partner`` added on the spot)."""
    if not can_document_animation(by, animation):
        raise PermissionDenied
    if animation.status != AnimationStatus.HELD:
        raise ValidationError(_("Seule une animation tenue se documente."))
    with transaction.atomic():
        for field in ("report_what_happened", "report_what_worked", "report_what_to_change"):
            if field in changes:
                changes[field] = changes[field].strip()
        apply_changes(animation, changes, ANIMATION_DOCUMENTATION_FIELDS)
        animation.full_clean()
        if changes:
            animation.save(update_fields=[*changes, "updated_at"])
        _change_co_organisers(by, animation, co_organisers, new_partner)
        _store_counting(animation)
        announce_record(ChangeKind.ANIMATION, animation)
    return animation


def animation_media_add(*, by, animation: Animation, upload, **fields) -> AnimationMedia:
    """Attach a photo or video (``fields``: author, licence, caption, people_visible,
    consent — see :func:`store_media`)."""
    if not can_document_animation(by, animation):
        raise PermissionDenied
    with transaction.atomic():
        media = store_media(AnimationMedia(animation=animation, uploaded_by=by), upload, **fields)
        announce_record(ChangeKind.ANIMATION, animation)
    return media
