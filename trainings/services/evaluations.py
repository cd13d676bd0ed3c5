"""The participants' evaluation of a training, asked once after its last half-day."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import AttendanceStatus
from ..models import (
    Evaluation,
    Registration,
    Training,
)
from ..perms import can_manage_training
from .changes import announce_training
from .mails import mail_evaluation_requests


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
        announce_training(registration.training)
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
        transaction.on_commit(lambda: mail_evaluation_requests(ids))
    return len(ids)


def evaluation_requests_due(*, now: datetime.datetime) -> int:
    """Send the questionnaire once, after a training's last half-day (daily command).

    Trainings never asked before whose last half-day has ended; returns how many
    participants were asked.
    """
    trainings = (
        Training.objects.filter(evaluation_requested_at__isnull=True)
        .annotate(last_end=Max("sessions__ends_at"))
        .filter(last_end__lte=now)
    )
    return sum(_request_evaluations(training) for training in trainings)
