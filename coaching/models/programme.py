import datetime
import math

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.dates import long_date
from organisations.enums import OrganisationKind, Pilot

from ..enums import AccompanimentStatus, Basis, Indicator, MilestoneStatus
from ..scope import get_scope


class Programme(models.Model):
    """A programme of accompaniment, funded by one organisation, with its targets."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=200, unique=True)
    funder = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="funded_programmes",
        verbose_name=_("financeur"),
    )
    start_date = models.DateField(_("date de début"))
    duration_months = models.PositiveSmallIntegerField(
        _("durée en mois"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    #: The last day, kept from the start and the duration by :meth:`save` so that the
    #: counting rule can compare a record's date with it in SQL.
    end_date = models.DateField(_("date de fin"), editable=False)
    description = models.TextField(_("description"), blank=True)
    animation_min_partners = models.PositiveSmallIntegerField(
        _("partenaires minimum par animation"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_(
            "Une animation compte quand elle réunit au moins ce nombre d'organisations "
            "partenaires en plus de l'ERIC qui l'accueille."
        ),
    )

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.end_date = self.last_day(self.start_date, self.duration_months)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"start_date", "duration_months"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "end_date"}
        super().save(*args, **kwargs)

    @staticmethod
    def last_day(start_date: datetime.date, duration_months: int) -> datetime.date:
        """The last day of a programme starting on ``start_date``."""
        return start_date + relativedelta(months=duration_months, days=-1)

    def contains(self, day: datetime.date) -> bool:
        """Whether ``day`` falls within the programme's period."""
        return self.start_date <= day <= self.end_date

    def period_label(self) -> str:
        """« du 1er septembre 2026 au 30 juin 2027 »."""
        return _("du %(start)s au %(end)s") % {
            "start": long_date(self.start_date),
            "end": long_date(self.end_date),
        }

    @property
    def weeks(self) -> int:
        """Number of weeks the programme spans (a started week counts)."""
        return math.ceil(((self.end_date - self.start_date).days + 1) / 7)

    def months(self) -> list[datetime.date]:
        """The first day of each month of the programme."""
        first = self.start_date.replace(day=1)
        return [first + relativedelta(months=n) for n in range(self.duration_months)]

    def month_number(self, day: datetime.date) -> int | None:
        """1 for the programme's first month … ``duration_months`` for its last."""
        if day < self.start_date or day > self.end_date:
            return None
        delta = relativedelta(day.replace(day=1), self.start_date.replace(day=1))
        return delta.years * 12 + delta.months + 1


class Target(models.Model):
    """One expected result of a programme: a number, and how that number counts.

    A target applies to the ERIC of its ``pilot`` (every ERIC when blank): pilot 1's
    ephemeral tiers-lieu is not judged on pilot 2's monthly animations."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="targets", verbose_name=_("programme")
    )
    indicator = models.CharField(_("indicateur"), max_length=32, choices=Indicator.choices)
    value = models.PositiveIntegerField(_("objectif"), validators=[MinValueValidator(1)])
    basis = models.CharField(_("se compte"), max_length=32, choices=Basis.choices)
    pilot = models.CharField(
        _("pilote"),
        max_length=20,
        choices=Pilot.choices,
        blank=True,
        help_text=_("Les ERIC auxquels l'objectif s'applique ; vide : tous les ERIC."),
    )
    counting_rule = models.TextField(
        _("règle de comptage"),
        blank=True,
        help_text=_("Ce qui compte pour cet objectif, écrit pour les utilisateurs."),
    )

    class Meta:
        ordering = ["programme", "indicator", "pilot"]
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "indicator", "pilot"], name="target_one_per_indicator"
            )
        ]

    def __str__(self):
        text = f"{self.value} {self.get_indicator_display()} {self.get_basis_display()}"
        return f"{text} ({self.get_pilot_display()})" if self.pilot else text

    @property
    def key(self) -> str:
        """Names the target among the programme's: ``animations`` or ``animations-ephemeral``."""
        return f"{self.indicator}-{self.pilot}" if self.pilot else self.indicator

    def applies_to(self, pilot: str) -> bool:
        """Whether the target applies to an ERIC of ``pilot``."""
        return not self.pilot or self.pilot == pilot

    def total(self, *, eric_count: int) -> int:
        """What the target amounts to over the whole programme."""
        programme = self.programme
        factor = {
            Basis.PROGRAMME: lambda: 1,
            Basis.PER_ERIC: lambda: eric_count,
            Basis.PER_MONTH: lambda: programme.duration_months,
            Basis.PER_ERIC_PER_MONTH: lambda: eric_count * programme.duration_months,
            Basis.PER_WEEK: lambda: programme.weeks,
        }[self.basis]
        return self.value * factor()


class AccompanimentQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = get_scope(user)
        if scope.sees_everything:
            return self
        return self.filter(
            Q(programme_id__in=scope.region_programme_ids)
            | Q(pk__in=scope.coached_accompaniment_ids)
            | Q(eric_id__in=scope.team_eric_ids)
        )

    def active(self):
        return self.filter(status=AccompanimentStatus.ACTIVE)


class Accompaniment(models.Model):
    """One ERIC accompanied in one programme by its resource person(s)."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="accompaniments",
        verbose_name=_("programme"),
    )
    eric = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="accompaniments",
        limit_choices_to={"kind": OrganisationKind.ERIC},
        verbose_name=_("ERIC"),
    )
    resource_persons = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="coached_accompaniments",
        blank=True,
        verbose_name=_("personnes ressources"),
    )
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"))
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=AccompanimentStatus.choices,
        default=AccompanimentStatus.PLANNED,
    )

    objects = AccompanimentQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "eric__name"]
        verbose_name = _("accompagnement")
        verbose_name_plural = _("accompagnements")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "eric"], name="accompaniment_one_per_eric"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="accompaniment_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.eric} — {self.programme}"

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La fin de l'accompagnement précède son début.")
        if self.eric_id and not self.eric.is_eric:
            errors["eric"] = _("Seul un ERIC peut être accompagné.")
        if errors:
            raise ValidationError(errors)


class MilestoneQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS])

    def late(self, today: datetime.date):
        return self.open().filter(due_date__lt=today)


class Milestone(models.Model):
    """A step on an ERIC's trajectory towards a tiers-lieu."""

    accompaniment = models.ForeignKey(
        Accompaniment,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("accompagnement"),
    )
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("échéance"))
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    evidence_note = models.TextField(
        _("preuve"),
        blank=True,
        help_text=_("Ce qui montre que le jalon est atteint : compte rendu, lien, décision…"),
    )
    completed_on = models.DateField(_("atteint le"), null=True, blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")

    def __str__(self):
        return self.title

    def is_late(self, today: datetime.date) -> bool:
        return (
            self.status in (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)
            and self.due_date < today
        )
