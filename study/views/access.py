"""Fetching the study's records for a request: 404 for what the user may not reach."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from coaching.models import Accompaniment
from core.views import get_visible_or_404

from ..models import Study, StudyEvent
from ..perms import can_lead_study, can_run_event, can_view_study_data


def event_or_404(request, pk) -> StudyEvent:
    queryset = StudyEvent.objects.select_related("study", "eric", "questionnaire")
    return get_visible_or_404(queryset, can_run_event, request.user, pk=pk)


def accompanied_eric_ids(programme_id) -> set:
    return set(
        Accompaniment.objects.filter(programme_id=programme_id).values_list("eric_id", flat=True)
    )


def study_or_404(request, pk) -> Study:
    """A study whose shared data the user may read."""
    study = get_object_or_404(Study.objects.select_related("programme", "partner"), pk=pk)
    event_ids = list(
        StudyEvent.objects.filter(study=study).visible_to(request.user).values_list("pk", flat=True)
    )
    if not can_view_study_data(
        request.user,
        study,
        accompanied_eric_ids=accompanied_eric_ids(study.programme_id),
        event_ids=event_ids,
    ):
        raise Http404
    return study


def led_study_or_404(request, pk) -> Study:
    """A study the user leads (SKEMA, administrators): questionnaire, categories, coding."""
    study = get_object_or_404(Study.objects.select_related("programme", "partner"), pk=pk)
    if not can_lead_study(request.user, study):
        raise Http404
    return study
