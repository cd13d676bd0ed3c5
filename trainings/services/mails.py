"""The trainings' mails, sent after commit: invitations, registrations, the questionnaire.
A mail that fails is logged; the registration stands (the page shows it and its .ics)."""

import logging

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..enums import RegistrationStatus
from ..ics import absolute_url, training_calendar
from ..models import (
    Invitation,
    Registration,
    Training,
)
from ..selectors import waiting_position

logger = logging.getLogger(__name__)


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


def mail_registration(registration_id: int, *, promoted: bool = False) -> None:
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


def mail_invitations(invitation_ids: list[int]) -> None:
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


def mail_evaluation_requests(registration_ids: list[int]) -> None:
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
