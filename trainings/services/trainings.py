"""Trainings, their half-days and materials; each half-day kept in the programme's agenda."""

import datetime
from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from agenda.enums import EntryKind, Visibility
from agenda.services import sync_record_entry
from core.services import apply_changes
from core.uploads import inspect_document

from ..models import (
    Material,
    Training,
    TrainingSession,
)
from ..perms import can_create_training, can_manage_training, training_reach
from .changes import announce_training
from .registrations import fill_from_waiting_list


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
        announce_training(training)
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
            fill_from_waiting_list(locked_training=training)
        sync_training_agenda(training)
        announce_training(training)
    return training


def sync_training_agenda(training: Training) -> None:
    """Each half-day owns an event in the programme's agenda, kept in step with it.

    Trainings open to the public appear in the public agenda; the others in the agenda
    of the programme's members.
    """
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
        announce_training(training)
    return session


def material_create(
    *, by, training: Training, title: str, licence: str, file=None, url: str = ""
) -> Material:
    if not can_manage_training(by, training):
        raise PermissionDenied
    if file:
        try:
            inspect_document(file)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
    with transaction.atomic():
        material = Material(training=training, title=title, licence=licence, url=url, added_by=by)
        if file:
            material.file = file
            # stored under a random name; the original one is given back on download
            material.original_name = PurePosixPath(file.name or "").name[:255]
        material.full_clean()
        material.save()
        announce_training(training)
    return material
