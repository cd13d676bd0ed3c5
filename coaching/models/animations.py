"""The monthly animations co-organised with an ERIC: planned → held → documented.

The animation counting rule lives here, once: :meth:`AnimationQuerySet.counted` says it
in SQL, :meth:`Animation.missing_pieces` says it in French, and both read the same
definitions (:data:`ATTENDANCE_FIELDS`, :data:`REPORT_FIELD`, the programme's
``animation_min_partners``).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.dates import local_day

from ..enums import AnimationFormat, AnimationStage, AnimationStatus
from ..scope import get_scope
from .records import CLOCK_TOLERANCE, MAX_DURATION_MINUTES

#: Attendance by audience type; "attendance entered" means these add up to at least one.
ATTENDANCE_FIELDS = (
    "attendance_residents",
    "attendance_young",
    "attendance_professionals",
    "attendance_officials",
    "attendance_other",
)
#: The report is written when this section is filled in.
REPORT_FIELD = "report_what_happened"


def attendance_total_expression():
    total = Value(0)
    for field in ATTENDANCE_FIELDS:
        total = total + Coalesce(F(field), Value(0))
    return total


class AnimationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Host ERIC's team, its coach, the Region, and partners who co-organised it."""
        scope = get_scope(user)
        if scope.sees_everything:
            return self
        partner = Q(pk__in=[])
        if scope.partner_organisation_ids:
            partner = Q(
                pk__in=Animation.co_organisers.through.objects.filter(
                    organisation_id__in=scope.partner_organisation_ids
                ).values("animation_id")
            )
        return self.filter(
            Q(accompaniment__programme_id__in=scope.region_programme_ids)
            | Q(accompaniment_id__in=scope.coached_accompaniment_ids)
            | Q(accompaniment__eric_id__in=scope.team_eric_ids)
            | partner
        )

    def with_counting(self):
        """Annotate what the counting rule reads: partners, attendance, report, counted."""
        partners = Count(
            "co_organisers",
            filter=~Q(co_organisers=F("accompaniment__eric_id")),
            distinct=True,
        )
        return self.annotate(
            partner_count=partners,
            attendance_total=attendance_total_expression(),
            min_partners=F("accompaniment__programme__animation_min_partners"),
            programme_start=F("accompaniment__programme__start_date"),
            programme_end=F("accompaniment__programme__end_date"),
        )

    def documented(self):
        """Report written and attendance entered (whatever the status)."""
        return (
            self.alias(attendance_sum=attendance_total_expression())
            .filter(attendance_sum__gte=1)
            .exclude(**{REPORT_FIELD: ""})
        )

    def undocumented(self):
        """The complement of :meth:`documented`: no report, or no attendance entered."""
        return self.alias(attendance_sum=attendance_total_expression()).filter(
            Q(**{REPORT_FIELD: ""}) | Q(attendance_sum__lt=1)
        )

    def in_programme_period(self):
        """Held on a day of their programme's period (Europe/Paris days)."""
        return self.filter(
            starts_at__date__gte=F("accompaniment__programme__start_date"),
            starts_at__date__lte=F("accompaniment__programme__end_date"),
        )

    def counted_by_rule(self):
        """The counting rule: held within the programme's period, multi-partner and
        documented (computed)."""
        return (
            self.in_programme_period()
            .documented()
            .with_counting()
            .filter(status=AnimationStatus.HELD, partner_count__gte=F("min_partners"))
        )

    def counted(self):
        """Animations that count toward the target, read from the stored flag.

        ``counts_toward_target`` caches :meth:`counted_by_rule` so that indicators over
        hundreds of thousands of animations read an index instead of aggregating the
        co-organisers of each; the services keep it in step (:meth:`refresh_counting`).
        """
        return self.filter(counts_toward_target=True)

    def refresh_counting(self) -> int:
        """Store the counting rule's verdict on these animations; return how many changed."""
        rule = Animation.objects.counted_by_rule().values("pk")
        changed = self.filter(counts_toward_target=False, pk__in=rule).update(
            counts_toward_target=True
        )
        changed += (
            self.filter(counts_toward_target=True)
            .exclude(pk__in=rule)
            .update(counts_toward_target=False)
        )
        return changed

    def counting_drift(self):
        """Animations whose stored flag disagrees with the rule (empty when in step)."""
        rule = Animation.objects.counted_by_rule().values("pk")
        return self.filter(
            Q(counts_toward_target=True) & ~Q(pk__in=rule)
            | Q(counts_toward_target=False, pk__in=rule)
        )

    def at_stage(self, stage: str):
        """Filter on a list's « statut »: the stored status, or documented/counted."""
        if stage == AnimationStage.COUNTED:
            return self.counted()
        if stage == AnimationStage.DOCUMENTED:
            return self.documented().filter(status=AnimationStatus.HELD)
        if stage == AnimationStage.HELD:
            return self.filter(status=AnimationStatus.HELD).undocumented()
        return self.filter(status=stage)


class Animation(models.Model):
    """A monthly animation co-organised with an ERIC: planned → held → documented."""

    accompaniment = models.ForeignKey(
        "coaching.Accompaniment",
        on_delete=models.PROTECT,
        related_name="animations",
        verbose_name=_("ERIC hôte"),
    )
    title = models.CharField(_("titre"), max_length=200)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=AnimationFormat.choices,
        default=AnimationFormat.WORKSHOP,
    )
    intended_audiences = models.CharField(_("publics visés"), max_length=255, blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=AnimationStatus.choices, default=AnimationStatus.PLANNED
    )
    cancellation_reason = models.TextField(_("motif d'annulation"), blank=True)
    resource_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="co_organised_animations",
        verbose_name=_("personne ressource co-organisatrice"),
    )
    co_organisers = models.ManyToManyField(
        "organisations.Organisation",
        related_name="co_organised_animations",
        blank=True,
        verbose_name=_("organisations partenaires co-organisatrices"),
    )
    skema_present = models.BooleanField(_("SKEMA présente"), default=False)
    public_announcement = models.BooleanField(
        _("annoncée dans l'agenda public"),
        default=False,
        help_text=_(
            "Le titre, la date et le lieu paraissent dans l'agenda du site et le flux public."
        ),
    )
    # Attendance by audience type (see ATTENDANCE_FIELDS).
    attendance_residents = models.PositiveIntegerField(
        _("habitants et usagers"), null=True, blank=True
    )
    attendance_young = models.PositiveIntegerField(_("jeunes"), null=True, blank=True)
    attendance_professionals = models.PositiveIntegerField(
        _("professionnels et associations"), null=True, blank=True
    )
    attendance_officials = models.PositiveIntegerField(
        _("élus et institutions"), null=True, blank=True
    )
    attendance_other = models.PositiveIntegerField(_("autres publics"), null=True, blank=True)
    # The report (see REPORT_FIELD).
    report_what_happened = models.TextField(_("ce qui s'est passé"), blank=True)
    report_what_worked = models.TextField(_("ce qui a marché"), blank=True)
    report_what_to_change = models.TextField(_("ce qu'il faudrait changer"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("créée par"),
    )
    # The counting rule's verdict, stored (see AnimationQuerySet.counted).
    counts_toward_target = models.BooleanField(
        _("compte dans l'objectif"), default=False, editable=False
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = AnimationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("animation")
        verbose_name_plural = _("animations")
        indexes = [
            models.Index(
                fields=["accompaniment", "starts_at"],
                condition=Q(counts_toward_target=True),
                name="animation_counted_idx",
            ),
            # held and not counted: where the undocumented ones are looked for (alerts)
            models.Index(
                fields=["starts_at"],
                condition=Q(counts_toward_target=False, status="held"),
                name="animation_held_uncounted_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="animation_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at:
            if self.ends_at < self.starts_at:
                errors["ends_at"] = _("La fin de l'animation précède son début.")
            elif self.ends_at - self.starts_at > datetime.timedelta(minutes=MAX_DURATION_MINUTES):
                errors["ends_at"] = _("Une animation ne peut pas durer plus de 12 heures.")
        if (
            self.status == AnimationStatus.HELD
            and self.starts_at
            and self.starts_at > timezone.now() + CLOCK_TOLERANCE
        ):
            errors["status"] = _(
                "Une animation datée dans le futur ne peut pas être déjà tenue : "
                "corrigez la date ou laissez-la « prévue »."
            )
        if self.status == AnimationStatus.CANCELLED and not self.cancellation_reason.strip():
            errors["cancellation_reason"] = _("Indiquez pourquoi l'animation est annulée.")
        if errors:
            raise ValidationError(errors)

    # The counting rule, in French, from the same definitions as the QuerySet.

    @property
    def attendance_total_value(self) -> int:
        total = getattr(self, "attendance_total", None)
        if total is None:
            total = sum(getattr(self, field) or 0 for field in ATTENDANCE_FIELDS)
        return total

    @property
    def partner_count_value(self) -> int:
        count = getattr(self, "partner_count", None)
        if count is None:
            count = sum(
                1 for org in self.co_organisers.all() if org.pk != self.accompaniment.eric_id
            )
        return count

    @property
    def min_partners_value(self) -> int:
        value = getattr(self, "min_partners", None)
        if value is None:
            value = self.accompaniment.programme.animation_min_partners
        return value

    @property
    def report_written(self) -> bool:
        return bool(getattr(self, REPORT_FIELD).strip())

    @property
    def attendance_entered(self) -> bool:
        return self.attendance_total_value >= 1

    @property
    def is_documented(self) -> bool:
        return self.report_written and self.attendance_entered

    @property
    def in_programme_period(self) -> bool:
        """Whether it is dated within its programme (bounds annotated by ``with_counting``)."""
        start = getattr(self, "programme_start", None)
        end = getattr(self, "programme_end", None)
        if start is None or end is None:
            programme = self.accompaniment.programme
            start, end = programme.start_date, programme.end_date
        return start <= local_day(self.starts_at) <= end

    def missing_pieces(self) -> list[str]:
        """What the animation still lacks to count, in French; empty when it counts."""
        if self.status == AnimationStatus.CANCELLED:
            return [str(_("l'animation est annulée"))]
        if not self.in_programme_period:
            return [str(_("une date dans la période du programme"))]
        pieces = []
        if self.status != AnimationStatus.HELD:
            pieces.append(str(_("que l'animation soit tenue")))
        lacking = self.min_partners_value - self.partner_count_value
        if lacking > 0:
            pieces.append(
                ngettext("un partenaire", "%(count)d partenaires", lacking) % {"count": lacking}
            )
        if not self.report_written:
            pieces.append(str(_("le compte rendu")))
        if not self.attendance_entered:
            pieces.append(str(_("la fréquentation")))
        return pieces

    @property
    def counts(self) -> bool:
        return not self.missing_pieces()

    def counting_summary(self) -> str:
        """« compte dans l'objectif » or « il manque : un partenaire, le compte rendu »."""
        if self.status == AnimationStatus.CANCELLED:
            return str(_("annulée : ne compte pas"))
        if not self.in_programme_period:
            return str(_("hors période : ne compte pas"))
        pieces = self.missing_pieces()
        if not pieces:
            return str(_("compte dans l'objectif"))
        return _("il manque : %(pieces)s") % {"pieces": ", ".join(pieces)}

    @property
    def stage(self) -> str:
        if self.status == AnimationStatus.HELD:
            if self.counts:
                return AnimationStage.COUNTED
            if self.is_documented:
                return AnimationStage.DOCUMENTED
        return AnimationStage(self.status).value

    def get_stage_display(self) -> str:
        return str(AnimationStage(self.stage).label)
