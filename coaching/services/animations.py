"""Animations: planned, held, documented; the counting rule's verdict kept in step."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.changes import ChangeKind, announce
from core.services import apply_changes

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
    can_document_animation,
    can_manage_accompaniment,
    can_manage_animation,
)
from .agenda_sync import sync_animation_agenda
from .media import store_media
from .records import ANIMATION_DATED, announce_record, check_within_programme

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


def _store_counting(animation: Animation) -> None:
    """Keep the stored verdict of the counting rule in step with what was just saved."""
    Animation.objects.filter(pk=animation.pk).refresh_counting()
    animation.refresh_from_db(fields=["counts_toward_target"])


def programme_counting_refresh(programme: Programme) -> int:
    """Apply a changed counting setting (``animation_min_partners``) to past animations."""
    with transaction.atomic():
        changed = Animation.objects.filter(accompaniment__programme=programme).refresh_counting()
        if changed:
            announce(ChangeKind.PROGRAMME, pk=programme.pk, programme_id=programme.pk)
    return changed


def _check_dates(animation: Animation) -> None:
    check_within_programme(
        animation.accompaniment.programme, {"starts_at": (animation.starts_at, ANIMATION_DATED)}
    )


def _set_co_organisers(animation: Animation, co_organisers) -> None:
    organisations = [org for org in co_organisers if org.pk != animation.accompaniment.eric_id]
    if any(org.is_eric for org in organisations):
        raise ValidationError(
            {"co_organisers": _("Les co-organisateurs partenaires ne sont pas des ERIC.")}
        )
    animation.co_organisers.set(organisations)


def animation_create(*, by, accompaniment: Accompaniment, co_organisers=(), **fields) -> Animation:
    """Plan (or record) an animation hosted by an ERIC."""
    if not can_manage_accompaniment(by, accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        animation = Animation(accompaniment=accompaniment, created_by=by)
        fields.setdefault("resource_person", by)
        apply_changes(animation, fields, ANIMATION_PLAN_FIELDS)
        _check_dates(animation)
        animation.full_clean()
        animation.save()
        _set_co_organisers(animation, co_organisers)
        _store_counting(animation)
        sync_animation_agenda(animation)
        announce_record(ChangeKind.ANIMATION, animation)
    return animation


def animation_update(*, by, animation: Animation, co_organisers=None, **changes) -> Animation:
    """Change what was planned: date, place, status (held, cancelled), co-organisers."""
    if not can_manage_animation(by, animation):
        raise PermissionDenied
    with transaction.atomic():
        apply_changes(animation, changes, ANIMATION_PLAN_FIELDS)
        if animation.status != AnimationStatus.CANCELLED and "status" in changes:
            animation.cancellation_reason = ""
            changes["cancellation_reason"] = ""
        _check_dates(animation)
        animation.full_clean()
        if changes:
            animation.save(update_fields=[*changes, "updated_at"])
        if co_organisers is not None:
            _set_co_organisers(animation, co_organisers)
        _store_counting(animation)
        sync_animation_agenda(animation)
        announce_record(ChangeKind.ANIMATION, animation)
    return animation


def animation_document(*, by, animation: Animation, **changes) -> Animation:
    """Write the report and the attendance of a held animation (coach or ERIC team)."""
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
