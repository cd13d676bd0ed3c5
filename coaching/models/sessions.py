"""Coaching sessions with an ERIC team: on site, remote, or a team meeting."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import SessionFormat, Visibility
from .records import (
    MAX_DURATION_MINUTES,
    SharedOrPrivateRecord,
    duration_validators,
    eric_records_visible_to,
)


class CoachingSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return eric_records_visible_to(self, user, private_field="visibility")


class CoachingSession(SharedOrPrivateRecord):
    """A coaching session with an ERIC team: on site, remote, or a team meeting."""

    accompaniment = models.ForeignKey(
        "coaching.Accompaniment",
        on_delete=models.PROTECT,
        related_name="coaching_sessions",
        verbose_name=_("ERIC"),
    )
    started_at = models.DateTimeField(_("date et heure"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), validators=duration_validators
    )
    format = models.CharField(
        _("format"), max_length=20, choices=SessionFormat.choices, default=SessionFormat.ON_SITE
    )
    participants = models.TextField(_("participants"), blank=True)
    objectives = models.TextField(_("objectifs"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    next_steps = models.TextField(_("prochaines étapes"), blank=True)
    milestone = models.ForeignKey(
        "coaching.Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coaching_sessions",
        verbose_name=_("jalon servi"),
    )

    objects = CoachingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("séance d'accompagnement")
        verbose_name_plural = _("séances d'accompagnement")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=MAX_DURATION_MINUTES),
                name="coaching_session_duration_range",
            )
        ]

    def __str__(self):
        return _("Séance avec %(eric)s le %(date)s") % {
            "eric": self.accompaniment.eric.name,
            "date": timezone.localtime(self.started_at).strftime("%d/%m/%Y"),
        }

    @property
    def is_shared(self) -> bool:
        return self.visibility == Visibility.SHARED
