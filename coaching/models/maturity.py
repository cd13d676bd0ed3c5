"""The tiers-lieu maturity grid: an ERIC's self-assessment at the start, half-way and at
the end of its accompaniment, validated by its resource person.

One :class:`MaturityAssessment` per accompaniment and phase, one :class:`MaturityScore`
(level 0 to 4, optional comment) per criterion. The workflow::

    draft ──submit──▶ submitted ──validate──▶ validated (locked)
      ▲                   │
      └──── returned ◀────┘ send back, with a comment

The team edits a draft or a returned assessment; once submitted, only the resource
person acts on it. Writes go through ``coaching.services``; who sees what is in
``coaching.perms``.

When each phase is due is written once, in :func:`phase_windows`.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..enums import AssessmentStatus, MaturityCriterion, MaturityLevel, MaturityPhase
from ..scope import get_scope

#: Statuses the Region, administrators and everyone but the team and its coach may see.
SHARED_STATUSES = (AssessmentStatus.SUBMITTED, AssessmentStatus.VALIDATED)
#: Statuses in which the team may still change its answers.
EDITABLE_STATUSES = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)

#: How many months each phase stays open for filling in.
WINDOW_MONTHS = 2
#: The longest reason a resource person may give for opening a phase early.
OPENING_REASON_MAX_LENGTH = 1000


# --- When a phase is due ---------------------------------------------------------------


@dataclass(frozen=True)
class PhaseWindow:
    """The months during which a phase of the grid is due (month 1 = the start month)."""

    phase: str
    first_month: int
    last_month: int
    starts_on: datetime.date
    ends_on: datetime.date

    @property
    def label(self) -> str:
        return MaturityPhase(self.phase).label

    def is_due(self, today: datetime.date) -> bool:
        return self.starts_on <= today <= self.ends_on

    def is_open(self, today: datetime.date) -> bool:
        """From its first day on, a phase may be filled in (late is better than never)."""
        return today >= self.starts_on


def accompaniment_months(accompaniment) -> int:
    """How many calendar months the accompaniment touches (10 for September to June)."""
    delta = relativedelta(
        accompaniment.end_date.replace(day=1), accompaniment.start_date.replace(day=1)
    )
    return delta.years * 12 + delta.months + 1


def phase_windows(accompaniment) -> list[PhaseWindow]:
    """The rule, once: months are counted from the accompaniment's start month.

    - **début**: months 1 and 2;
    - **mi-parcours**: months *n*//2 and *n*//2 + 1 (months 5 and 6 of 10);
    - **fin**: the last two months (months 9 and 10 of 10).

    Windows never overlap: on an accompaniment shorter than six months the earlier phase
    keeps a shared month and the later one starts the month after.
    """
    months = accompaniment_months(accompaniment)
    middle = max(months // 2, 1)
    wanted = [
        (MaturityPhase.START, 1, WINDOW_MONTHS),
        (MaturityPhase.MIDDLE, middle, middle + WINDOW_MONTHS - 1),
        (MaturityPhase.END, months - WINDOW_MONTHS + 1, months),
    ]
    first_day = accompaniment.start_date.replace(day=1)
    windows = []
    previous_last = 0
    for phase, first, last in wanted:
        first = max(first, previous_last + 1, 1)
        last = max(last, first)
        starts_on = max(first_day + relativedelta(months=first - 1), accompaniment.start_date)
        ends_on = first_day + relativedelta(months=last, days=-1)
        if starts_on <= accompaniment.end_date:
            ends_on = min(ends_on, accompaniment.end_date)
        windows.append(PhaseWindow(phase, first, last, starts_on, ends_on))
        previous_last = last
    return windows


def phase_window(accompaniment, phase: str) -> PhaseWindow:
    return next(w for w in phase_windows(accompaniment) if w.phase == phase)


def openable_windows(accompaniment, today: datetime.date, started) -> list[PhaseWindow]:
    """The phases a resource person may open early: not open yet, and not ``started``
    (the phases that already have an assessment)."""
    return [
        window
        for window in phase_windows(accompaniment)
        if not window.is_open(today) and window.phase not in started
    ]


def phase_due(accompaniment, today: datetime.date) -> PhaseWindow | None:
    """The phase to fill in now, or ``None`` between windows."""
    return next((w for w in phase_windows(accompaniment) if w.is_due(today)), None)


# --- The records ---------------------------------------------------------------------


def _person_name(user) -> str:
    """A person's name as pages show it; « — » once their account is gone."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


class MaturityAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The team and its coach see every status; the Region (programmes it funds) and
        administrators see submitted and validated assessments only."""
        scope = get_scope(user)
        shared = Q(status__in=SHARED_STATUSES)
        reach = Q(accompaniment__eric_id__in=scope.team_eric_ids) | Q(
            accompaniment_id__in=scope.coached_accompaniment_ids
        )
        if scope.sees_everything:
            reach |= shared
        elif scope.region_programme_ids:
            reach |= shared & Q(accompaniment__programme_id__in=scope.region_programme_ids)
        return self.filter(reach)


class MaturityAssessment(models.Model):
    """An ERIC team's self-assessment on the maturity grid, for one phase."""

    accompaniment = models.ForeignKey(
        "coaching.Accompaniment",
        on_delete=models.CASCADE,
        related_name="maturity_assessments",
        verbose_name=_("accompagnement"),
    )
    phase = models.CharField(_("phase"), max_length=10, choices=MaturityPhase.choices)
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commencée par"),
    )
    created_at = models.DateTimeField(_("commencée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("soumise par"),
    )
    submitted_at = models.DateTimeField(_("soumise le"), null=True, blank=True)
    # The resource person's last decision: validated, or sent back (the status says which).
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("relue par"),
    )
    reviewed_at = models.DateTimeField(_("relue le"), null=True, blank=True)
    review_comment = models.TextField(_("commentaire de la personne ressource"), blank=True)
    # Set when the resource person opened the phase before its window (``created_by`` is
    # then the resource person, ``created_at`` the day it was opened).
    opening_reason = models.TextField(
        _("raison de l'ouverture hors calendrier"), max_length=OPENING_REASON_MAX_LENGTH, blank=True
    )

    objects = MaturityAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["accompaniment", "phase"]
        verbose_name = _("grille de maturité")
        verbose_name_plural = _("grilles de maturité")
        constraints = [
            models.UniqueConstraint(
                fields=["accompaniment", "phase"], name="maturity_one_per_phase"
            ),
            models.CheckConstraint(
                condition=Q(phase__in=MaturityPhase.values), name="maturity_phase_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AssessmentStatus.values), name="maturity_status_known"
            ),
            # Submitted, validated or returned: it was submitted at some point.
            models.CheckConstraint(
                condition=Q(status=AssessmentStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="maturity_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[AssessmentStatus.VALIDATED, AssessmentStatus.RETURNED])
                | Q(reviewed_at__isnull=False),
                name="maturity_reviewed_has_date",
            ),
        ]

    def __str__(self):
        return _("Grille de maturité « %(phase)s » — %(eric)s") % {
            "phase": self.get_phase_display(),
            "eric": self.accompaniment.eric,
        }

    @property
    def submitted_by_name(self) -> str:
        return _person_name(self.submitted_by)

    @property
    def reviewed_by_name(self) -> str:
        return _person_name(self.reviewed_by)

    @property
    def opened_early(self) -> bool:
        """Opened by the resource person before its window, with a reason."""
        return bool(self.opening_reason)

    @property
    def created_by_name(self) -> str:
        return _person_name(self.created_by)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_shared(self) -> bool:
        """Seen beyond the team and its coach (Region, administrators)."""
        return self.status in SHARED_STATUSES

    @property
    def is_validated(self) -> bool:
        return self.status == AssessmentStatus.VALIDATED

    def review_refusal(self) -> str:
        """Why the resource person cannot validate or send it back now, in French."""
        if self.is_validated:
            return _("Cette grille est déjà validée : elle ne se modifie plus.")
        return _("Cette grille n'est pas soumise : il n'y a rien à valider pour l'instant.")

    def levels(self) -> dict[str, int]:
        """``{criterion: level}`` of the criteria answered (uses prefetched scores)."""
        return {score.criterion: score.level for score in self.scores.all()}

    def missing_criteria(self) -> list[str]:
        answered = self.levels()
        return [c for c in MaturityCriterion.values if c not in answered]


class MaturityScore(models.Model):
    """One criterion of an assessment: its level (0–4) and the team's comment."""

    assessment = models.ForeignKey(
        MaturityAssessment,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("grille de maturité"),
    )
    criterion = models.CharField(_("critère"), max_length=20, choices=MaturityCriterion.choices)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=MaturityLevel.choices)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        ordering = ["assessment", "criterion"]
        verbose_name = _("note de maturité")
        verbose_name_plural = _("notes de maturité")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="maturity_score_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=MaturityLevel.ABSENT, level__lte=MaturityLevel.EXEMPLARY),
                name="maturity_score_level_0_to_4",
            ),
            models.CheckConstraint(
                condition=Q(criterion__in=MaturityCriterion.values),
                name="maturity_score_criterion_known",
            ),
        ]

    def __str__(self):
        return "%s : %s" % (self.get_criterion_display(), self.level)
