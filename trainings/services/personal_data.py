"""Personal data: external participants' names and e-mails erased after a while."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import CharField, Max, Value
from django.db.models.functions import Cast, Concat

from ..models import (
    Registration,
    Training,
)

ANONYMISED_NAME = "Participant·e anonymisé·e"


def anonymise_expired_registrations(*, now: datetime.datetime, months: int) -> int:
    """Erase the name and e-mail of external participants ``months`` after their training.

    Attendance and the organisation's name stay, so attendance rates and summaries keep
    their figures; account holders (ERIC teams, partners…) are not touched, their
    details live with their account. Returns how many registrations were anonymised.
    """
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
