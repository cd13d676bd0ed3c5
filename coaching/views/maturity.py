"""The tiers-lieu maturity grid's pages: the grid over time, one phase's assessment (with
the resource person's review), the team's form.

Every URL first asks whether the user may see the accompaniment (403 otherwise, like the
trajectory page): another ERIC's team never reaches anything here. An assessment the
user may not see (a draft, for the Region) answers 404, as if it did not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.dates import long_date
from core.forms import guard_edit
from core.views import get_visible_or_404

from .. import services
from ..enums import MATURITY_DESCRIPTORS, AssessmentStatus, MaturityCriterion, MaturityLevel
from ..forms import MaturityAssessmentForm, MaturityOpeningForm, MaturityReviewForm
from ..forms.maturity import assessment_values
from ..models import Accompaniment, MaturityAssessment
from ..models.maturity import openable_windows, phase_window
from ..perms import (
    can_fill_maturity_grid,
    can_review_maturity_assessment,
    can_review_maturity_grid,
    can_view_accompaniment,
    can_view_maturity_assessment,
)
from ..selectors import PHASE_SLUGS, PHASES_BY_SLUG, trajectory_section


def _accompaniment(request, pk) -> Accompaniment:
    return get_visible_or_404(
        Accompaniment.objects.select_related("programme", "eric"),
        can_view_accompaniment,
        request.user,
        pk=pk,
    )


def _phase(slug: str) -> str:
    try:
        return PHASES_BY_SLUG[slug]
    except KeyError:
        raise Http404 from None


def _assessment(accompaniment, phase) -> MaturityAssessment | None:
    assessment = (
        MaturityAssessment.objects.filter(accompaniment=accompaniment, phase=phase)
        .select_related("submitted_by", "reviewed_by")
        .prefetch_related("scores")
        .first()
    )
    if assessment is not None:
        assessment.accompaniment = accompaniment
    return assessment


def _trajectory_url(accompaniment) -> str:
    return reverse("progress:accompaniment_detail", args=[accompaniment.pk]) + "#maturite"


@login_required
def maturity_overview(request, pk):
    """The grid over time on its own page; ``?fragment=section`` is the section alone,
    which the trajectory page swaps in when a change is announced."""
    accompaniment = _accompaniment(request, pk)
    context = {
        "accompaniment": accompaniment,
        **trajectory_section(accompaniment, request.user, today=timezone.localdate()),
    }
    if request.GET.get("fragment") == "section":
        return render(request, "coaching/maturity/includes/section_body.html", context)
    return render(request, "coaching/maturity/overview.html", context)


def _detail_context(request, accompaniment, assessment, review_form=None):
    levels = assessment.levels()
    comments = {score.criterion: score.comment for score in assessment.scores.all()}
    rows = []
    for criterion in MaturityCriterion:
        level = levels.get(criterion.value)
        rows.append(
            {
                "label": criterion.label,
                "level": level,
                "level_name": MaturityLevel(level).label if level is not None else "",
                "descriptor": MATURITY_DESCRIPTORS[criterion][level] if level is not None else "",
                "comment": comments.get(criterion.value, ""),
            }
        )
    can_review = can_review_maturity_assessment(request.user, assessment)
    return {
        "accompaniment": accompaniment,
        "assessment": assessment,
        "phase_slug": PHASE_SLUGS[assessment.phase],
        "window": phase_window(accompaniment, assessment.phase),
        "rows": rows,
        "can_edit": can_fill_maturity_grid(request.user, accompaniment) and assessment.is_editable,
        "can_review": can_review,
        "review_form": review_form or (MaturityReviewForm() if can_review else None),
    }


@login_required
def maturity_assessment_detail(request, pk, phase):
    """One phase's answers, read-only; the resource person's review form below them."""
    accompaniment = _accompaniment(request, pk)
    assessment = _assessment(accompaniment, _phase(phase))
    if assessment is None or not can_view_maturity_assessment(request.user, assessment):
        raise Http404
    return render(
        request,
        "coaching/maturity/assessment_detail.html",
        _detail_context(request, accompaniment, assessment),
    )


@login_required
@require_http_methods(["GET", "POST"])
def maturity_assessment_form(request, pk, phase):
    """The team fills in its self-assessment: save a draft, or submit it."""
    accompaniment = _accompaniment(request, pk)
    slug, phase = phase, _phase(phase)
    if not can_fill_maturity_grid(request.user, accompaniment):
        raise PermissionDenied
    assessment = _assessment(accompaniment, phase)
    window = phase_window(accompaniment, phase)
    today = timezone.localdate()
    if assessment is None and not window.is_open(today):
        messages.error(
            request,
            _("La grille « %(phase)s » s'ouvre le %(date)s.")
            % {"phase": window.label, "date": long_date(window.starts_on)},
        )
        return redirect(_trajectory_url(accompaniment))
    if assessment is not None and not assessment.is_editable:
        messages.info(
            request,
            _("Cette grille est %(status)s : elle ne se modifie plus.")
            % {"status": assessment.get_status_display()},
        )
        return redirect("coaching:maturity_assessment_detail", pk=accompaniment.pk, phase=slug)

    data = request.POST if request.method == "POST" else None
    form = MaturityAssessmentForm(data, assessment=assessment)
    # another person's save meanwhile: told, not overwritten
    with guard_edit(form, assessment, assessment_values):
        if data is not None and form.is_valid():
            try:
                with transaction.atomic():  # save and submit together, or nothing at all
                    assessment = services.maturity_assessment_save_draft(
                        by=request.user,
                        accompaniment=accompaniment,
                        phase=phase,
                        levels=form.levels(),
                        comments=form.comments(),
                    )
                    if form.submitting:
                        services.maturity_assessment_submit(by=request.user, assessment=assessment)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                if form.submitting:
                    messages.success(
                        request,
                        _(
                            "La grille « %(phase)s » est soumise : la personne ressource va la "
                            "relire et la valider."
                        )
                        % {"phase": window.label},
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Le brouillon est enregistré. Vous pouvez le reprendre à tout moment "
                            "avant de le soumettre."
                        ),
                    )
                return redirect(_trajectory_url(accompaniment))
    return render(
        request,
        "coaching/maturity/assessment_form.html",
        {
            "accompaniment": accompaniment,
            "assessment": assessment,
            "window": window,
            "form": form,
            "criteria": form.criteria(),
        },
    )


@login_required
@require_POST
def maturity_assessment_review(request, pk, phase):
    """The resource person validates the submitted grid, or sends it back with a comment."""
    accompaniment = _accompaniment(request, pk)
    if not can_review_maturity_grid(request.user, accompaniment):
        raise PermissionDenied
    assessment = _assessment(accompaniment, _phase(phase))
    if assessment is None:
        raise Http404
    if assessment.status != AssessmentStatus.SUBMITTED:
        messages.error(request, assessment.review_refusal())
        return redirect("coaching:maturity_assessment_detail", pk=accompaniment.pk, phase=phase)
    form = MaturityReviewForm(request.POST)
    if form.is_valid():
        comment = form.cleaned_data["review_comment"]
        try:
            if form.cleaned_data["decision"] == MaturityReviewForm.VALIDATE:
                services.maturity_assessment_validate(
                    by=request.user, assessment=assessment, comment=comment
                )
                message = _("La grille « %(phase)s » est validée.")
            else:
                services.maturity_assessment_send_back(
                    by=request.user, assessment=assessment, comment=comment
                )
                message = _(
                    "La grille « %(phase)s » est renvoyée à l'équipe avec votre commentaire."
                )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, message % {"phase": assessment.get_phase_display()})
            return redirect(_trajectory_url(accompaniment))
    return render(
        request,
        "coaching/maturity/assessment_detail.html",
        _detail_context(request, accompaniment, assessment, review_form=form),
    )


@login_required
@require_POST
def maturity_assessment_open(request, pk):
    """The resource person opens a phase before its window, with a reason; the team then
    finds it to fill in on its trajectory."""
    accompaniment = _accompaniment(request, pk)
    if not can_review_maturity_grid(request.user, accompaniment):
        raise PermissionDenied
    today = timezone.localdate()
    started = set(
        MaturityAssessment.objects.filter(accompaniment=accompaniment).values_list(
            "phase", flat=True
        )
    )
    openable = openable_windows(accompaniment, today, started)
    form = MaturityOpeningForm(request.POST, windows=openable)
    if form.is_valid():
        try:
            assessment = services.maturity_assessment_open(
                by=request.user,
                accompaniment=accompaniment,
                phase=form.cleaned_data["phase"],
                reason=form.cleaned_data["reason"],
                today=today,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("La grille « %(phase)s » est ouverte : l'équipe de %(eric)s peut la remplir.")
                % {"phase": assessment.get_phase_display(), "eric": accompaniment.eric.name},
            )
            return redirect(_trajectory_url(accompaniment))
    section = trajectory_section(accompaniment, request.user, today=today)
    section["maturity"]["opening_form"] = form
    return render(
        request,
        "coaching/maturity/overview.html",
        {"accompaniment": accompaniment, **section},
        status=400,
    )
