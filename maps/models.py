import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.enums import OrganisationKind

from .enums import Circle, EntryKind, Relation

# Metropolitan France and Corsica, with a little margin: an entry outside this box is
# possible (a national partner abroad, a mistyped coordinate…) but must be confirmed.
FRANCE_BOUNDS = {
    "min_latitude": Decimal("41.3"),
    "max_latitude": Decimal("51.2"),
    "min_longitude": Decimal("-5.3"),
    "max_longitude": Decimal("9.7"),
}


def in_france(latitude, longitude) -> bool:
    return (
        FRANCE_BOUNDS["min_latitude"] <= Decimal(str(latitude)) <= FRANCE_BOUNDS["max_latitude"]
        and FRANCE_BOUNDS["min_longitude"]
        <= Decimal(str(longitude))
        <= FRANCE_BOUNDS["max_longitude"]
    )


CIRCLE_ORDER = Case(
    When(circle=Circle.CORE, then=Value(0)),
    When(circle=Circle.CLOSE, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


class TrustCircleEntryQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """Entries in the circles on ``on`` (today by default): started, not ended."""
        on = on or timezone.localdate()
        return self.filter(since__lte=on).filter(Q(until__isnull=True) | Q(until__gt=on))

    def for_eric(self, eric):
        return self.filter(eric=eric)

    def in_circle_order(self):
        return self.annotate(circle_order=CIRCLE_ORDER).order_by("circle_order", "name", "pk")


class TrustCircleEntry(models.Model):
    """One organisation or group of users in an ERIC's trust circles, over a period.

    Ended relations are kept with an ``until`` date rather than deleted: the history
    shows how the circles grew.
    """

    eric = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="trust_circle_entries",
        limit_choices_to={"kind": OrganisationKind.ERIC},
        verbose_name=_("ERIC"),
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(
        _("type d'entrée"),
        max_length=20,
        choices=EntryKind.choices,
        default=EntryKind.ORGANISATION,
    )
    circle = models.CharField(_("cercle"), max_length=20, choices=Circle.choices)
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("Ce que vous faites ensemble, en une phrase. Public."),
    )
    since = models.DateField(_("depuis le"))
    until = models.DateField(
        _("jusqu'au"),
        null=True,
        blank=True,
        help_text=_(
            "Laissez vide tant que la relation dure. Une relation terminée reste dans l'historique."
        ),
    )
    town = models.CharField(_("commune"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trust_circle_appearances",
        verbose_name=_("organisation liée"),
        help_text=_("Si l'entrée est une organisation déjà connue de la plateforme."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = TrustCircleEntryQuerySet.as_manager()

    class Meta:
        ordering = ["eric", "name", "pk"]
        verbose_name = _("entrée des cercles de confiance")
        verbose_name_plural = _("entrées des cercles de confiance")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="trust_circle_entry_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90),
                name="trust_circle_entry_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180),
                name="trust_circle_entry_longitude_range",
            ),
        ]
        indexes = [models.Index(fields=["eric", "since"])]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.since and self.until and self.until < self.since:
            errors["until"] = _("La fin de la relation précède son début.")
        if self.eric_id and not self.eric.is_eric:
            errors["eric"] = _("Les cercles de confiance sont ceux d'un ERIC.")
        if errors:
            raise ValidationError(errors)

    def is_current(self, on: datetime.date) -> bool:
        return self.since <= on and (self.until is None or self.until > on)
