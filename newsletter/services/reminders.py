"""Contributors reminded by e-mail: a few days before their section's deadline and the
day after it, once each, by the worker's periodic run (``newsletter.tasks``)."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from organisations.models import Membership

from ..models import Section
from ..selectors import sections_to_remind
from .subscribers import absolute_url


def days_before() -> int:
    return getattr(settings, "NEWSLETTER_REMIND_DAYS_BEFORE", 3)


def _recipients(section: Section) -> list[str]:
    return sorted(
        {
            email
            for email in Membership.objects.filter(organisation_id=section.organisation_id)
            .exclude(user__email="")
            .filter(user__is_active=True)
            .values_list("user__email", flat=True)
        }
    )


def _mail(section: Section, *, late: bool) -> bool:
    to = _recipients(section)
    if not to:
        return False
    context = {
        "issue": section.issue.number,
        "title": section.title,
        "deadline": date_format(section.deadline, "l j F Y"),
        "url": absolute_url(reverse("newsletter:section_edit", args=[section.pk])),
    }
    if late:
        subject = _("Lettre n° %(issue)s : votre rubrique « %(title)s » est attendue") % context
        body = (
            _(
                "Bonjour,\n\nLa rubrique « %(title)s » de la lettre n° %(issue)s devait être "
                "remise le %(deadline)s. L'équipe éditoriale l'attend toujours : vous pouvez "
                "l'écrire et la remettre ici :\n%(url)s\n"
            )
            % context
        )
    else:
        subject = _("Lettre n° %(issue)s : rubrique « %(title)s » à remettre le %(deadline)s") % (
            context
        )
        body = (
            _(
                "Bonjour,\n\nPetit rappel : la rubrique « %(title)s » de la lettre n° %(issue)s "
                "est à remettre le %(deadline)s. Écrivez-la et remettez-la ici :\n%(url)s\n"
            )
            % context
        )
    EmailMessage(subject=subject, body=body, to=to).send()
    return True


def send_reminders(today: datetime.date | None = None) -> dict:
    """Send the reminders due on ``today``; each section gets each reminder once (the
    row is marked before the mail leaves, so a crash never sends one twice)."""
    today = today or timezone.localdate()
    before, after = sections_to_remind(today, days_before=days_before())
    sent = {"before": 0, "after": 0}
    for key, sections, field in (
        ("before", before, "reminded_before_at"),
        ("after", after, "reminded_after_at"),
    ):
        for section in sections:
            marked = Section.objects.filter(pk=section.pk, **{field + "__isnull": True}).update(
                **{field: timezone.now()}
            )
            if marked and _mail(section, late=key == "after"):
                sent[key] += 1
    return sent
