"""Federating events of the territory (fêtes, festivals, forums, meet-ups) the ERIC join.

An event belongs to a programme; the ERIC taking part are listed with their role. The
resource persons of the programme record them; the teams of the participating ERIC see
them and add photos; the Region reads them all.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..enums import FederatingEventKind, ParticipationRole
from ..scope import get_scope


class FederatingEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = get_scope(user)
        if scope.sees_everything:
            return self
        return self.filter(
            Q(programme_id__in=scope.region_programme_ids | scope.coached_programme_ids)
            | Q(
                pk__in=FederatingEventParticipation.objects.filter(
                    accompaniment__eric_id__in=scope.team_eric_ids
                ).values("event_id")
            )
        )


class FederatingEvent(models.Model):
    programme = models.ForeignKey(
        "coaching.Programme",
        on_delete=models.CASCADE,
        related_name="federating_events",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=FederatingEventKind.choices,
        default=FederatingEventKind.FESTIVAL,
    )
    starts_on = models.DateField(_("du"))
    ends_on = models.DateField(_("au"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    account = models.TextField(_("récit"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = FederatingEventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("événement fédérateur")
        verbose_name_plural = _("événements fédérateurs")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="federating_event_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("La fin de l'événement précède son début.")})


class FederatingEventParticipation(models.Model):
    event = models.ForeignKey(
        FederatingEvent,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("événement"),
    )
    accompaniment = models.ForeignKey(
        "coaching.Accompaniment",
        on_delete=models.CASCADE,
        related_name="federating_event_participations",
        verbose_name=_("ERIC"),
    )
    role = models.CharField(_("rôle"), max_length=20, choices=ParticipationRole.choices)

    class Meta:
        ordering = ["accompaniment__eric__name"]
        verbose_name = _("participation à un événement fédérateur")
        verbose_name_plural = _("participations à des événements fédérateurs")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "accompaniment"], name="federating_event_eric_once"
            )
        ]

    def __str__(self):
        return f"{self.accompaniment.eric.name} — {self.get_role_display()}"
