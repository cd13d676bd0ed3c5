"""Registration, the waiting list and cancellation.

Registration takes a row lock on the training (``select_for_update``) before counting
the seats, so two people taking the last seat at the same moment are served one after
the other: one gets the seat, the other the waiting list. Mails leave after commit.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.enums import OrganisationKind, Role

from ..enums import AttendanceStatus, ParticipantRole, RegistrationStatus
from ..models import (
    Registration,
    Training,
)
from ..perms import can_manage_training, can_register_self, training_reach
from .changes import announce_training
from .mails import mail_registration


def _role_for(user, training: Training):
    """The role and organisation a platform user comes to a training in."""
    reach = training_reach(user)
    memberships = list(user.memberships.select_related("organisation"))
    trainer_ids = set(training.trainer_organisations.values_list("pk", flat=True))
    by_role = {}
    for membership in memberships:
        by_role.setdefault(membership.role, membership.organisation)
    for membership in memberships:
        if membership.role == Role.PARTNER and membership.organisation_id in trainer_ids:
            return ParticipantRole.TRAINER, membership.organisation
    if training.programme_id in reach.managed_programme_ids and Role.RESOURCE_PERSON in by_role:
        return ParticipantRole.RESOURCE_PERSON, by_role[Role.RESOURCE_PERSON]
    if Role.ERIC_TEAM in by_role:
        return ParticipantRole.ERIC_TEAM, by_role[Role.ERIC_TEAM]
    if Role.REGION_OFFICER in by_role:
        return ParticipantRole.REGION_OFFICER, by_role[Role.REGION_OFFICER]
    if Role.PARTNER in by_role:
        organisation = by_role[Role.PARTNER]
        if organisation.kind == OrganisationKind.NETWORK:
            return ParticipantRole.NETWORK_DELEGATE, organisation
        return ParticipantRole.PARTNER, organisation
    organisation = memberships[0].organisation if memberships else None
    return ParticipantRole.PARTNER, organisation


def duplicate_message(email: str) -> str:
    return _("L'adresse %(email)s est déjà inscrite à cette formation.") % {"email": email}


def registration_create(
    *,
    by,
    training: Training,
    full_name: str,
    email: str,
    organisation=None,
    organisation_name: str = "",
    role: str = ParticipantRole.EXTERNAL,
    user=None,
    consent: bool = False,
) -> Registration:
    """Register someone; a full training puts them on its waiting list.

    ``by`` is the person acting: the participant themselves (a user, or ``None`` for
    the public form of a training open to the public), or a manager of the training.
    """
    acting_for_self = user is not None and by is not None and by.pk == user.pk
    if acting_for_self:
        if not can_register_self(by, training):
            raise PermissionDenied
    elif by is None or not getattr(by, "is_authenticated", False):
        if not training.public_registration:
            raise PermissionDenied
    elif not can_manage_training(by, training):
        raise PermissionDenied
    if user is None and not consent:
        raise ValidationError(
            {
                "consent": _(
                    "L'inscription demande l'accord de la personne sur l'usage de ses données."
                )
            }
        )
    email = email.strip()
    with transaction.atomic():
        # One registration at a time per training: the seat count below stays true.
        locked = Training.objects.select_for_update().get(pk=training.pk)
        if locked.registrations.active().filter(email__iexact=email).exists():
            raise ValidationError({"email": duplicate_message(email)})
        confirmed = locked.registrations.confirmed().count()
        status = (
            RegistrationStatus.CONFIRMED
            if confirmed < locked.capacity
            else RegistrationStatus.WAITING
        )
        registration = Registration(
            training=locked,
            user=user,
            full_name=full_name.strip(),
            email=email,
            organisation=organisation,
            organisation_name=organisation_name.strip(),
            role=role,
            status=status,
            consented_at=timezone.now() if consent else None,
        )
        registration.full_clean(exclude=["training"], validate_constraints=False)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:  # the same e-mail in a race: the constraint says no
            raise ValidationError({"email": duplicate_message(email)}) from error
        pk = registration.pk
        transaction.on_commit(lambda: mail_registration(pk))
        announce_training(locked)
    return registration


def registration_self(*, by, training: Training) -> Registration:
    """A platform user registers themselves, in the role they hold in the programme."""
    if not by.email:
        raise ValidationError(
            _("Votre compte n'a pas d'adresse e-mail : demandez à un administrateur de l'ajouter.")
        )
    role, organisation = _role_for(by, training)
    return registration_create(
        by=by,
        training=training,
        user=by,
        full_name=by.get_full_name() or by.get_username(),
        email=by.email,
        organisation=organisation,
        role=role,
    )


def fill_from_waiting_list(*, locked_training: Training) -> list[Registration]:
    """Give free seats to the waiting list, first come first served. Caller holds the lock."""
    free = locked_training.capacity - locked_training.registrations.confirmed().count()
    if free <= 0:
        return []
    promoted = list(locked_training.registrations.waiting()[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        pk = registration.pk
        transaction.on_commit(lambda pk=pk: mail_registration(pk, promoted=True))
    return promoted


def registration_cancel(*, by, registration: Registration) -> list[Registration]:
    """Cancel a registration; return who came off the waiting list into the freed seat."""
    training = registration.training
    if not (
        (registration.user_id is not None and registration.user_id == getattr(by, "pk", None))
        or can_manage_training(by, training)
    ):
        raise PermissionDenied
    with transaction.atomic():
        locked = Training.objects.select_for_update().get(pk=training.pk)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            return []
        if current.attendances.filter(status=AttendanceStatus.PRESENT).exists():
            raise ValidationError(
                _("Cette personne a déjà émargé : son inscription ne peut plus être annulée.")
            )
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        registration.status = current.status
        registration.cancelled_at = current.cancelled_at
        promoted = fill_from_waiting_list(locked_training=locked)
        announce_training(locked)
    return promoted
