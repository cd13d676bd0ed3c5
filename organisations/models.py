from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import OrganisationKind, Pilot, Role


class OrganisationQuerySet(models.QuerySet):
    def erics(self):
        return self.filter(kind=OrganisationKind.ERIC)

    def partners(self):
        return self.exclude(kind=OrganisationKind.ERIC)


class Organisation(models.Model):
    """An ERIC, a partner, the funder: anyone taking part in a programme."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=32, choices=OrganisationKind.choices)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    town = models.CharField(_("commune"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # ERIC only.
    host_structure = models.CharField(
        _("structure porteuse"),
        max_length=200,
        blank=True,
        help_text=_("Pour un ERIC : la structure qui l'héberge (centre social, médiathèque…)."),
    )
    pilot = models.CharField(_("pilote"), max_length=20, choices=Pilot.choices, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="organisation_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="organisation_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_eric(self):
        return self.kind == OrganisationKind.ERIC

    def clean(self):
        errors = {}
        if not self.is_eric and (self.pilot or self.host_structure):
            errors["pilot"] = _("Seul un ERIC a une structure porteuse et un pilote.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Indiquez la latitude et la longitude, ou aucune des deux.")
        if errors:
            raise ValidationError(errors)


class Membership(models.Model):
    """A user belongs to an organisation with a role; one user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("utilisateur·rice"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("rôle"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("appartenance")
        verbose_name_plural = _("appartenances")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self):
        return "%(user)s — %(role)s, %(organisation)s" % {
            "user": self.user,
            "role": self.get_role_display(),
            "organisation": self.organisation,
        }

    def clean(self):
        if self.role == Role.ERIC_TEAM and self.organisation_id and not self.organisation.is_eric:
            raise ValidationError(
                {"organisation": _("Une équipe ERIC appartient à une organisation de type ERIC.")}
            )
