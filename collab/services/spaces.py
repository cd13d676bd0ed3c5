"""The spaces and their invitations."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coaching.models import Accompaniment, Programme
from core.slugs import free_slug
from trainings.models import Training

from ..enums import SpaceKind
from ..membership import can_manage_space, can_view_space, forget_collab_reach
from ..models import Space, SpaceInvitation

#: First segments of collab/urls.py that are not a space.
RESERVED_SLUGS = frozenset({"recherche", "notifications"})


def _free_slug(text: str, taken: set) -> str:
    slug = free_slug(text, taken, max_length=66, default="espace")
    taken.add(slug)
    return slug


@transaction.atomic
def sync_spaces() -> list[Space]:
    """Create the missing spaces: one per programme, per accompaniment (an ERIC in a
    programme) and per training. Idempotent; returns the spaces it created."""
    # the platform's own addresses beside the spaces' (collab/urls.py) are never a space's
    taken = set(Space.objects.values_list("slug", flat=True)) | RESERVED_SLUGS
    have_programme = set(
        Space.objects.filter(kind=SpaceKind.PROGRAMME).values_list("programme_id", flat=True)
    )
    have_accompaniment = set(
        Space.objects.filter(kind=SpaceKind.ERIC).values_list("accompaniment_id", flat=True)
    )
    have_training = set(
        Space.objects.filter(kind=SpaceKind.TRAINING).values_list("training_id", flat=True)
    )
    new = []
    for programme in Programme.objects.exclude(pk__in=have_programme):
        new.append(
            Space(
                kind=SpaceKind.PROGRAMME,
                programme=programme,
                title=programme.name,
                slug=_free_slug(programme.slug, taken),
            )
        )
    accompaniments = Accompaniment.objects.exclude(pk__in=have_accompaniment).select_related("eric")
    for accompaniment in accompaniments:
        new.append(
            Space(
                kind=SpaceKind.ERIC,
                programme_id=accompaniment.programme_id,
                accompaniment=accompaniment,
                title=accompaniment.eric.name,
                slug=_free_slug(accompaniment.eric.slug, taken),
            )
        )
    for training in Training.objects.exclude(pk__in=have_training):
        new.append(
            Space(
                kind=SpaceKind.TRAINING,
                programme_id=training.programme_id,
                training=training,
                title=training.title,
                slug=_free_slug(training.title, taken),
            )
        )
    # One by one, not bulk_create: the audit log records each creation.
    for space in new:
        space.save()
    return new


def find_user(identifier: str):
    """The active account whose username or e-mail is exactly ``identifier``, or None:
    a manager invites someone they know, the form lists no accounts."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    users = get_user_model().objects.filter(is_active=True)
    return (
        users.filter(username=identifier).first()
        or users.filter(email__iexact=identifier).order_by("pk").first()
    )


@transaction.atomic
def invitation_create(*, by, space: Space, user) -> SpaceInvitation:
    if not can_manage_space(by, space):
        raise ValidationError(_("Seuls les gestionnaires de l'espace invitent."))
    forget_collab_reach(user)
    if can_view_space(user, space):
        raise ValidationError(
            _("%(name)s fait déjà partie de l'espace.")
            % {"name": user.get_full_name() or user.get_username()}
        )
    invitation = SpaceInvitation.objects.create(space=space, user=user, invited_by=by)
    forget_collab_reach(user)
    return invitation


@transaction.atomic
def invitation_revoke(*, by, invitation: SpaceInvitation) -> SpaceInvitation:
    if not can_manage_space(by, invitation.space):
        raise ValidationError(_("Seuls les gestionnaires de l'espace retirent une invitation."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.revoked_by = by
        invitation.save(update_fields=["revoked_at", "revoked_by"])
    forget_collab_reach(invitation.user)
    return invitation
