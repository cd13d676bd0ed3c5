import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import OrganisationKind, Pilot, Role


def name_key(name: str) -> str:
    """The name without accents, case, punctuation or extra spaces: two organisations
    whose names give the same key are one (« Association  du QUARTIER » is
    « Association du quartier »)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


class OrganisationQuerySet(models.QuerySet):
    def erics(self):
        return self.filter(kind=OrganisationKind.ERIC)

    def partners(self):
        return self.exclude(kind=OrganisationKind.ERIC)

    def programme_partners(self):
        """Partners of the whole programme, not those an ERIC added for itself."""
        return self.partners().filter(local_to__isnull=True)


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
    # Duplicates are caught on this key (see name_key), kept by save().
    name_key = models.CharField(_("nom normalisé"), max_length=200, unique=True, editable=False)
    # A partner added on the spot by an ERIC's coach or team is local to that ERIC: the
    # animation forms offer it to that ERIC only. Blank: a partner of the whole programme.
    local_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_partners",
        limit_choices_to={"kind": OrganisationKind.ERIC},
        verbose_name=_("partenaire local de l'ERIC"),
        help_text=_(
            "Proposé dans les animations de cet ERIC seulement. Vide : partenaire de tout "
            "le programme."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ajoutée par"),
    )
    created_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True, null=True)

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

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    @property
    def is_eric(self):
        return self.kind == OrganisationKind.ERIC

    def clean(self):
        errors = {}
        duplicate = (
            Organisation.objects.filter(name_key=name_key(self.name)).exclude(pk=self.pk).first()
        )
        if duplicate is not None:
            errors["name"] = _(
                "« %(name)s » existe déjà (accents, majuscules et ponctuation mis à part)."
            ) % {"name": duplicate.name}
        if self.local_to_id and self.is_eric:
            errors["local_to"] = _("Un ERIC n'est le partenaire local d'aucun autre.")
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
