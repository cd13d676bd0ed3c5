"""Every write of the trainings, each in a transaction, announced after commit.

Registration takes a row lock on the training (``select_for_update``) before counting
the seats, so two people taking the last seat at the same moment are served one after
the other: one gets the seat, the other the waiting list. Mails leave after commit.
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coaching.models import Accompaniment
from core.changes import ChangeKind, announce
from core.services import apply_changes
from organisations.enums import OrganisationKind, Role
from organisations.models import Membership

from .enums import AttendanceStatus, ParticipantRole, RegistrationStatus
from .ics import absolute_url, training_calendar
from .models import (
    Attendance,
    Evaluation,
    Invitation,
    Material,
    Registration,
    Training,
    TrainingSession,
)
from .perms import can_create_training, can_manage_training, can_register_self, training_reach

logger = logging.getLogger(__name__)


def _announce(training: Training) -> None:
    announce(ChangeKind.TRAINING, pk=training.pk, programme_id=training.programme_id)


# --- Trainings -----------------------------------------------------------------------


def training_create(
    *,
    by,
    programme,
    title: str,
    kind: str,
    capacity: int,
    quarter: int | None = None,
    place: str = "",
    remote_url: str = "",
    objectives: str = "",
    agenda: str = "",
    public_registration: bool = False,
    trainer_organisations=(),
    trainers=(),
) -> Training:
    if not can_create_training(by, programme):
        raise PermissionDenied
    reach = training_reach(by)
    with transaction.atomic():
        training = Training(
            programme=programme,
            title=title,
            kind=kind,
            capacity=capacity,
            quarter=quarter,
            place=place,
            remote_url=remote_url,
            objectives=objectives,
            agenda=agenda,
            public_registration=public_registration,
            created_by=by,
        )
        training.full_clean()
        training.save()
        organisations = {org.pk for org in trainer_organisations}
        if not (reach.is_administrator or programme.pk in reach.managed_programme_ids):
            # A partner who creates a training gives it: their organisation trains.
            organisations |= set(reach.partner_organisation_ids)
        training.trainer_organisations.set(organisations)
        training.trainers.set(trainers)
        _announce(training)
    return training


TRAINING_EDITABLE_FIELDS = (
    "title",
    "kind",
    "quarter",
    "place",
    "remote_url",
    "objectives",
    "agenda",
    "capacity",
    "public_registration",
)


def training_update(
    *, by, training: Training, trainer_organisations=None, trainers=None, **changes
) -> Training:
    if not can_manage_training(by, training):
        raise PermissionDenied
    with transaction.atomic():
        locked = Training.objects.select_for_update().get(pk=training.pk)
        confirmed = locked.registrations.confirmed().count()
        if "capacity" in changes and changes["capacity"] < confirmed:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)s personnes sont déjà inscrites : la capacité ne peut pas "
                        "descendre en dessous."
                    )
                    % {"count": confirmed}
                }
            )
        apply_changes(training, changes, TRAINING_EDITABLE_FIELDS)
        training.full_clean()
        if changes:
            training.save(update_fields=list(changes))
        if trainer_organisations is not None:
            training.trainer_organisations.set(trainer_organisations)
            training.__dict__.pop("_trainer_organisation_ids", None)
        if trainers is not None:
            training.trainers.set(trainers)
        if "capacity" in changes:
            _fill_from_waiting_list(locked_training=training)
        sync_training_agenda(training)
        _announce(training)
    return training


def sync_training_agenda(training: Training) -> None:
    """Each half-day owns an event in the programme's agenda, kept in step with it.

    Trainings open to the public appear in the public agenda; the others in the agenda
    of the programme's members.
    """
    from django.urls import reverse

    from agenda.enums import EntryKind, Visibility
    from agenda.services import sync_record_entry

    link = reverse("trainings:training_detail", args=[training.pk])
    visibility = Visibility.PUBLIC if training.public_registration else Visibility.PROGRAMME
    for session in training.sessions.all():
        sync_record_entry(
            session,
            programme=training.programme,
            kind=EntryKind.TRAINING_SESSION,
            title="%s — %s" % (training.title, session.get_slot_display()),
            description=session.activity or training.objectives,
            start=session.starts_at,
            end=session.ends_at,
            visibility=visibility,
            location=training.place or training.remote_url,
            link=link,
        )


def session_create(
    *,
    by,
    training: Training,
    slot: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    activity: str = "",
) -> TrainingSession:
    if not can_manage_training(by, training):
        raise PermissionDenied
    with transaction.atomic():
        session = TrainingSession(
            training=training, slot=slot, starts_at=starts_at, ends_at=ends_at, activity=activity
        )
        session.full_clean()
        session.save()
        sync_training_agenda(training)
        _announce(training)
    return session


def material_create(
    *, by, training: Training, title: str, licence: str, file=None, url: str = ""
) -> Material:
    if not can_manage_training(by, training):
        raise PermissionDenied
    with transaction.atomic():
        material = Material(training=training, title=title, licence=licence, url=url, added_by=by)
        if file:
            material.file = file
        material.full_clean()
        material.save()
        _announce(training)
    return material


# --- Invitations ---------------------------------------------------------------------


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
        transaction.on_commit(lambda: _mail_invitations(invitation_ids))
        _announce(training)
    return created


# --- Registration --------------------------------------------------------------------


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
        transaction.on_commit(lambda: _mail_registration(pk))
        _announce(locked)
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


def waiting_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        Registration.objects.waiting()
        .filter(training_id=registration.training_id)
        .filter(created_at__lte=registration.created_at)
        .exclude(created_at=registration.created_at, pk__gt=registration.pk)
        .count()
    )


def _fill_from_waiting_list(*, locked_training: Training) -> list[Registration]:
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
        transaction.on_commit(lambda pk=pk: _mail_registration(pk, promoted=True))
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
        promoted = _fill_from_waiting_list(locked_training=locked)
        _announce(locked)
    return promoted


# --- Attendance ----------------------------------------------------------------------


def not_started_message(session: TrainingSession) -> str:
    local = timezone.localtime(session.starts_at)
    return _(
        "Cette demi-journée n'a pas encore commencé : l'émargement ouvrira le %(date)s à %(time)s."
    ) % {"date": date_format(local.date(), "j F Y"), "time": local.strftime("%H:%M")}


def attendance_record(*, by, session: TrainingSession, statuses: dict[int, str]) -> int:
    """Record who attended a half-day: {registration id: status}. Returns how many changed."""
    training = session.training
    if not can_manage_training(by, training):
        raise PermissionDenied
    if not session.has_started():
        raise ValidationError(not_started_message(session))
    valid = set(AttendanceStatus.values)
    with transaction.atomic():
        registrations = set(
            training.registrations.confirmed()
            .filter(pk__in=list(statuses))
            .values_list("pk", flat=True)
        )
        unknown = set(statuses) - registrations
        if unknown or not set(statuses.values()) <= valid:
            raise ValidationError(
                _("La feuille de présence a changé entre-temps : rechargez la page.")
            )
        existing = {a.registration_id: a for a in session.attendances.all()}
        now = timezone.now()
        to_create, to_update = [], []
        for registration_id, status in statuses.items():
            attendance = existing.get(registration_id)
            if attendance is None:
                to_create.append(
                    Attendance(
                        registration_id=registration_id,
                        session=session,
                        status=status,
                        marked_by=by,
                        marked_at=now,
                    )
                )
            elif attendance.status != status:
                attendance.status = status
                attendance.marked_by = by
                attendance.marked_at = now
                to_update.append(attendance)
        Attendance.objects.bulk_create(to_create)
        Attendance.objects.bulk_update(to_update, ["status", "marked_by", "marked_at"])
        _announce(training)
    return len(to_create) + len(to_update)


# --- Evaluation ----------------------------------------------------------------------


def evaluation_submit(
    *,
    registration: Registration,
    content_score: int,
    facilitation_score: int,
    usefulness_score: int,
    organisation_score: int,
    comment: str = "",
) -> Evaluation:
    """The participant's answers; whoever holds the registration's link may answer once."""
    if not registration.attendances.filter(status=AttendanceStatus.PRESENT).exists():
        raise ValidationError(
            _("Le questionnaire s'adresse aux personnes qui ont suivi la formation.")
        )
    with transaction.atomic():
        if Evaluation.objects.filter(registration=registration).exists():
            raise ValidationError(_("Vous avez déjà répondu à ce questionnaire : merci !"))
        evaluation = Evaluation(
            registration=registration,
            content_score=content_score,
            facilitation_score=facilitation_score,
            usefulness_score=usefulness_score,
            organisation_score=organisation_score,
            comment=comment,
        )
        evaluation.full_clean()
        evaluation.save()
        _announce(registration.training)
    return evaluation


def evaluation_requests_send(*, by, training: Training) -> int:
    """Send the questionnaire to every participant who attended and has not answered."""
    if not can_manage_training(by, training):
        raise PermissionDenied
    return _request_evaluations(training)


def _request_evaluations(training: Training) -> int:
    with transaction.atomic():
        ids = list(
            training.registrations.confirmed()
            .filter(attendances__status=AttendanceStatus.PRESENT, evaluation__isnull=True)
            .distinct()
            .values_list("pk", flat=True)
        )
        Training.objects.filter(pk=training.pk).update(evaluation_requested_at=timezone.now())
        transaction.on_commit(lambda: _mail_evaluation_requests(ids))
    return len(ids)


def evaluation_requests_due(*, now: datetime.datetime) -> int:
    """Send the questionnaire once, after a training's last half-day (daily command).

    Trainings never asked before whose last half-day has ended; returns how many
    participants were asked.
    """
    from django.db.models import Max

    trainings = (
        Training.objects.filter(evaluation_requested_at__isnull=True)
        .annotate(last_end=Max("sessions__ends_at"))
        .filter(last_end__lte=now)
    )
    return sum(_request_evaluations(training) for training in trainings)


# --- Mails (after commit) ------------------------------------------------------------


def _training_url(training: Training) -> str:
    return absolute_url(reverse("trainings:training_detail", args=[training.pk]))


def _when(training: Training, sessions) -> str:
    lines = []
    for session in sessions:
        start = timezone.localtime(session.starts_at)
        end = timezone.localtime(session.ends_at)
        lines.append(
            _("- %(date)s, %(slot)s : de %(start)s à %(end)s")
            % {
                "date": date_format(start.date(), "l j F Y"),
                "slot": session.get_slot_display(),
                "start": start.strftime("%H:%M"),
                "end": end.strftime("%H:%M"),
            }
        )
    where = training.place or training.remote_url
    if where:
        lines.append(_("Lieu : %(place)s") % {"place": where})
    return "\n".join(lines)


def _send(subject: str, body: str, to: str, *, training: Training, sessions=None) -> None:
    message = EmailMessage(subject=subject, body=body, to=[to])
    if sessions:
        message.attach(
            "formation-%d.ics" % training.pk,
            training_calendar(training, sessions, url=_training_url(training)),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    try:
        message.send()
    except Exception:  # the registration stands; the page shows it and the .ics link
        logger.exception("Training mail to %s not sent", to)


def _mail_registration(registration_id: int, *, promoted: bool = False) -> None:
    registration = Registration.objects.select_related("training").get(pk=registration_id)
    training = registration.training
    sessions = list(training.sessions.all())
    context = {
        "name": registration.full_name,
        "title": training.title,
        "when": _when(training, sessions),
        "url": _training_url(training),
    }
    if registration.status == RegistrationStatus.WAITING:
        context["position"] = waiting_position(registration)
        subject = _("Liste d'attente : %(title)s") % context
        body = (
            _(
                "Bonjour %(name)s,\n\nLa formation « %(title)s » est complète : vous êtes "
                "inscrit·e sur la liste d'attente, en position %(position)s. Si une place se "
                "libère, elle vous revient et vous recevrez l'invitation par e-mail.\n\n"
                "%(when)s\n\n%(url)s\n"
            )
            % context
        )
        _send(subject, body, registration.email, training=training)
        return
    if promoted:
        subject = _("Une place s'est libérée : %(title)s") % context
        intro = _("Une place s'est libérée à la formation « %(title)s » : elle est pour vous.")
    else:
        subject = _("Inscription confirmée : %(title)s") % context
        intro = _("Votre inscription à la formation « %(title)s » est confirmée.")
    body = (
        _("Bonjour %(name)s,") % context
        + "\n\n"
        + intro % context
        + "\n\n"
        + context["when"]
        + "\n\n"
        + _(
            "L'invitation est jointe à ce message (fichier .ics) : ouvrez-la pour "
            "l'ajouter à votre agenda.\n\n%(url)s\n"
        )
        % context
    )
    _send(subject, body, registration.email, training=training, sessions=sessions)


def _mail_invitations(invitation_ids: list[int]) -> None:
    invitations = Invitation.objects.filter(pk__in=invitation_ids).select_related(
        "user", "training"
    )
    for invitation in invitations:
        training = invitation.training
        sessions = list(training.sessions.all())
        context = {
            "name": invitation.user.get_full_name() or invitation.user.get_username(),
            "title": training.title,
            "when": _when(training, sessions),
            "url": _training_url(training),
            "role": invitation.get_role_display(),
        }
        body = (
            _(
                "Bonjour %(name)s,\n\nVous êtes invité·e (%(role)s) à la formation "
                "« %(title)s ».\n\n%(when)s\n\nInscrivez-vous depuis la page de la formation :\n"
                "%(url)s\n"
            )
            % context
        )
        if invitation.optional:
            body += "\n" + _("Selon vos disponibilités : votre présence est la bienvenue.") + "\n"
        _send(_("Invitation : %(title)s") % context, body, invitation.user.email, training=training)


def _mail_evaluation_requests(registration_ids: list[int]) -> None:
    for registration in Registration.objects.filter(pk__in=registration_ids).select_related(
        "training"
    ):
        url = absolute_url(reverse("trainings:evaluation", args=[registration.token]))
        context = {"name": registration.full_name, "title": registration.training.title, "url": url}
        body = (
            _(
                "Bonjour %(name)s,\n\nMerci d'avoir suivi la formation « %(title)s ». "
                "Quatre notes de 1 à 5 et un commentaire libre, deux minutes en tout :\n"
                "%(url)s\n"
            )
            % context
        )
        _send(
            _("Votre avis sur la formation : %(title)s") % context,
            body,
            registration.email,
            training=registration.training,
        )


# --- Personal data ----------------------------------------------------------------------

ANONYMISED_NAME = "Participant·e anonymisé·e"


def anonymise_expired_registrations(*, now: datetime.datetime, months: int) -> int:
    """Erase the name and e-mail of external participants ``months`` after their training.

    Attendance and the organisation's name stay, so attendance rates and summaries keep
    their figures; account holders (ERIC teams, partners…) are not touched, their
    details live with their account. Returns how many registrations were anonymised.
    """
    from dateutil.relativedelta import relativedelta
    from django.db.models import CharField, Max, Value
    from django.db.models.functions import Cast, Concat

    cutoff = now - relativedelta(months=months)
    expired_trainings = (
        Training.objects.annotate(last_end=Max("sessions__ends_at"))
        .filter(last_end__lt=cutoff)
        .values("pk")
    )
    return (
        Registration.objects.filter(training__in=expired_trainings, user__isnull=True)
        .exclude(full_name=ANONYMISED_NAME)
        .update(
            full_name=ANONYMISED_NAME,
            email=Concat(
                Value("anonyme-"),
                Cast("pk", output_field=CharField()),
                Value("@invalid.example"),
                output_field=CharField(),
            ),
        )
    )
