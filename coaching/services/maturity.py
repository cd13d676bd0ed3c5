"""The tiers-lieu maturity grid.

The team saves its answers as a draft and submits them; the resource person validates
(the assessment is then locked) or sends it back with a comment (the team edits again).
Status changes lock the row, so two clicks never validate and send back at once.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.changes import ChangeKind
from core.dates import long_date

from ..enums import (
    AssessmentStatus,
    MaturityCriterion,
    MaturityPhase,
)
from ..models import (
    Accompaniment,
)
from ..models.maturity import (
    OPENING_REASON_MAX_LENGTH,
    MaturityAssessment,
    MaturityScore,
    phase_window,
)
from ..perms import (
    can_fill_maturity_grid,
    can_review_maturity_grid,
)
from .records import announce_record


def _locked_assessment(assessment: MaturityAssessment) -> MaturityAssessment:
    return (
        MaturityAssessment.objects.select_for_update()
        .select_related("accompaniment__programme", "accompaniment__eric")
        .get(pk=assessment.pk)
    )


def _check_phase_open(accompaniment: Accompaniment, phase: str, today: datetime.date) -> None:
    if phase not in MaturityPhase.values:
        raise ValidationError(_("Cette phase de la grille n'existe pas."))
    window = phase_window(accompaniment, phase)
    if not window.is_open(today):
        raise ValidationError(
            _("La grille « %(phase)s » s'ouvre le %(date)s.")
            % {"phase": window.label, "date": long_date(window.starts_on)}
        )


def maturity_assessment_open(
    *,
    by,
    accompaniment: Accompaniment,
    phase: str,
    reason: str,
    today: datetime.date | None = None,
) -> MaturityAssessment:
    """The resource person opens a phase before its window, saying why (a team ready
    early, a late start, a diagnostic to redo): the team finds an empty draft to fill in.

    Refused when the phase is already open (the team can fill it in already) or already
    started: there is nothing to open then.
    """
    if not can_review_maturity_grid(by, accompaniment):
        raise PermissionDenied
    if phase not in MaturityPhase.values:
        raise ValidationError({"phase": _("Cette phase de la grille n'existe pas.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Dites pourquoi vous ouvrez la grille avant son calendrier.")}
        )
    if len(reason) > OPENING_REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("La raison tient en %(max)d caractères au plus.")
                % {"max": OPENING_REASON_MAX_LENGTH}
            }
        )
    window = phase_window(accompaniment, phase)
    today = today or timezone.localdate()
    with transaction.atomic():
        # The accompaniment's row is the lock: two clicks never open the phase twice.
        Accompaniment.objects.select_for_update().filter(pk=accompaniment.pk).first()
        existing = MaturityAssessment.objects.filter(
            accompaniment=accompaniment, phase=phase
        ).first()
        if existing is not None:
            raise ValidationError(
                {
                    "phase": _("La grille « %(phase)s » est déjà commencée (%(status)s).")
                    % {"phase": window.label, "status": existing.get_status_display()}
                }
            )
        if window.is_open(today):
            raise ValidationError(
                {
                    "phase": _(
                        "La grille « %(phase)s » est ouverte depuis le %(date)s : "
                        "l'équipe peut déjà la remplir."
                    )
                    % {"phase": window.label, "date": long_date(window.starts_on)}
                }
            )
        assessment = MaturityAssessment(
            accompaniment=accompaniment, phase=phase, created_by=by, opening_reason=reason
        )
        assessment.full_clean()
        assessment.save()
        announce_record(ChangeKind.MATURITY_ASSESSMENT, assessment)
    return assessment


def maturity_assessment_save_draft(
    *,
    by,
    accompaniment: Accompaniment,
    phase: str,
    levels: dict[str, int | None],
    comments: dict[str, str] | None = None,
    today: datetime.date | None = None,
) -> MaturityAssessment:
    """Create or update the team's draft for ``phase``: ``levels`` maps a criterion to
    its level (``None``: not answered yet), ``comments`` a criterion to a comment."""
    if not can_fill_maturity_grid(by, accompaniment):
        raise PermissionDenied
    unknown = (set(levels) | set(comments or {})) - set(MaturityCriterion.values)
    if unknown:
        raise ValidationError(
            _("Critère inconnu : %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    comments = {criterion: text.strip() for criterion, text in (comments or {}).items()}
    orphans = [c for c, text in comments.items() if text and levels.get(c) is None]
    if orphans:  # a comment is kept with its level, never dropped on the way
        raise ValidationError(
            _("Choisissez un niveau pour garder le commentaire sur : %(names)s.")
            % {"names": ", ".join(str(MaturityCriterion(c).label) for c in orphans)}
        )
    with transaction.atomic():
        existing = (
            MaturityAssessment.objects.filter(accompaniment=accompaniment, phase=phase)
            .select_for_update()
            .first()
        )
        if existing is None:
            _check_phase_open(accompaniment, phase, today or timezone.localdate())
            assessment, _created = MaturityAssessment.objects.get_or_create(
                accompaniment=accompaniment, phase=phase, defaults={"created_by": by}
            )
            assessment = _locked_assessment(assessment)
        else:
            assessment = existing
            assessment.accompaniment = accompaniment
        if not assessment.is_editable:
            raise ValidationError(
                _("Cette grille est %(status)s : elle ne se modifie plus.")
                % {"status": assessment.get_status_display()}
            )
        current = {score.criterion: score for score in assessment.scores.all()}
        for criterion in MaturityCriterion.values:
            level = levels.get(criterion)
            comment = comments.get(criterion, "")
            score = current.get(criterion)
            if level is None:
                if score is not None:
                    score.delete()  # one by one, so the history records it
                continue
            if score is None:
                score = MaturityScore(assessment=assessment, criterion=criterion)
            elif score.level == level and score.comment == comment:
                continue
            score.level = level
            score.comment = comment
            score.full_clean()
            score.save()
        # The assessment's own row changes (updated_at) so its history and pages follow.
        assessment.save(update_fields=["updated_at"])
        # No content travels; a draft's ping only makes Region pages re-read what they show.
        announce_record(ChangeKind.MATURITY_ASSESSMENT, assessment)
    return assessment


def maturity_assessment_submit(*, by, assessment: MaturityAssessment) -> MaturityAssessment:
    """The team hands its complete answers to the resource person."""
    if not can_fill_maturity_grid(by, assessment.accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        assessment = _locked_assessment(assessment)
        if not assessment.is_editable:
            raise ValidationError(
                _("Cette grille est déjà %(status)s.") % {"status": assessment.get_status_display()}
            )
        missing = assessment.missing_criteria()
        if missing:
            raise ValidationError(
                _("Notez chaque critère avant de soumettre la grille ; il manque : %(names)s.")
                % {"names": ", ".join(str(MaturityCriterion(c).label) for c in missing)}
            )
        assessment.status = AssessmentStatus.SUBMITTED
        assessment.submitted_by = by
        assessment.submitted_at = timezone.now()
        assessment.full_clean()
        assessment.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
        # No content travels; a draft's ping only makes Region pages re-read what they show.
        announce_record(ChangeKind.MATURITY_ASSESSMENT, assessment)
    return assessment


def _maturity_review(
    *, by, assessment: MaturityAssessment, status: str, comment: str
) -> MaturityAssessment:
    if not can_review_maturity_grid(by, assessment.accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        assessment = _locked_assessment(assessment)
        if assessment.status != AssessmentStatus.SUBMITTED:  # perhaps in the meantime
            raise ValidationError(assessment.review_refusal())
        assessment.status = status
        assessment.reviewed_by = by
        assessment.reviewed_at = timezone.now()
        assessment.review_comment = comment
        assessment.full_clean()
        assessment.save(
            update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"]
        )
        # No content travels; a draft's ping only makes Region pages re-read what they show.
        announce_record(ChangeKind.MATURITY_ASSESSMENT, assessment)
    return assessment


def maturity_assessment_validate(
    *, by, assessment: MaturityAssessment, comment: str = ""
) -> MaturityAssessment:
    """The resource person validates a submitted assessment; it is locked from then on."""
    return _maturity_review(
        by=by, assessment=assessment, status=AssessmentStatus.VALIDATED, comment=comment.strip()
    )


def maturity_assessment_send_back(
    *, by, assessment: MaturityAssessment, comment: str
) -> MaturityAssessment:
    """The resource person returns a submitted assessment to the team, saying why."""
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            {"review_comment": _("Dites à l'équipe ce qu'elle doit revoir avant de renvoyer.")}
        )
    return _maturity_review(
        by=by, assessment=assessment, status=AssessmentStatus.RETURNED, comment=comment
    )
