"""Invitations: everyone a training is meant for, by role, invited once."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from coaching.models import Accompaniment
from organisations.enums import OrganisationKind, Role
from organisations.models import Membership

from ..enums import ParticipantRole
from ..models import (
    Invitation,
    Training,
)
from ..perms import can_manage_training
from .changes import announce_training
from .mails import mail_invitations


def invitees(training: Training) -> list[tuple]:
    """(user, role, optional) for each person the training is meant for, by role.

    The teams of the ERIC accompanied in the programme, the trainer organisations'
    contributors, the programme's resource persons, the network's delegates and, "selon
    ses disponibilités", the funder's programme officer.
    """
    programme = training.programme
    trainer_ids = set(training.trainer_organisations.values_list("pk", flat=True))
    accompaniments = Accompaniment.objects.filter(programme=programme)
    eric_ids = set(accompaniments.values_list("eric_id", flat=True))
    found: dict[int, tuple] = {}

    def add(user, role, optional=False):
        if user.pk not in found and user.email:
            found[user.pk] = (user, role, optional)

    for person in training.trainers.all():
        add(person, ParticipantRole.TRAINER)
    for accompaniment in accompaniments.prefetch_related("resource_persons"):
        for person in accompaniment.resource_persons.all():
            add(person, ParticipantRole.RESOURCE_PERSON)
    memberships = Membership.objects.select_related("user", "organisation").order_by("pk")
    for membership in memberships.filter(organisation_id__in=trainer_ids, role=Role.PARTNER):
        add(membership.user, ParticipantRole.TRAINER)
    for membership in memberships.filter(organisation_id__in=eric_ids, role=Role.ERIC_TEAM):
        add(membership.user, ParticipantRole.ERIC_TEAM)
    for membership in memberships.filter(
        organisation__kind=OrganisationKind.NETWORK, role=Role.PARTNER
    ):
        add(membership.user, ParticipantRole.NETWORK_DELEGATE)
    for membership in memberships.filter(
        organisation_id=programme.funder_id, role=Role.REGION_OFFICER
    ):
        add(membership.user, ParticipantRole.REGION_OFFICER, optional=True)
    return list(found.values())


def invitations_send(*, by, training: Training) -> list[Invitation]:
    """Invite everyone the training is meant for who has not been invited yet."""
    if not can_manage_training(by, training):
        raise PermissionDenied
    with transaction.atomic():
        already = set(training.invitations.values_list("user_id", flat=True))
        created = Invitation.objects.bulk_create(
            [
                Invitation(training=training, user=user, role=role, optional=optional)
                for user, role, optional in invitees(training)
                if user.pk not in already
            ]
        )
        invitation_ids = [invitation.pk for invitation in created]
        transaction.on_commit(lambda: mail_invitations(invitation_ids))
        announce_training(training)
    return created
