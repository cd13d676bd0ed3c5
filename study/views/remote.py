"""« Je participe en ligne »: the public form for people following the open plateau."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.dates import local_day

from .. import services
from ..forms import RemoteParticipationForm
from ..models import StudyEvent


def participate(request, pk):
    event = get_object_or_404(StudyEvent.objects.select_related("questionnaire"), pk=pk)
    today = local_day(timezone.now())
    is_open = event.start_date <= today <= event.end_date
    form = None
    if is_open:
        form = RemoteParticipationForm(
            request.POST if request.method == "POST" else None,
            event=event,
            questionnaire=event.questionnaire,
        )
        if request.method == "POST" and form.is_valid():
            services.remote_participation_create(event=event, data=form.cleaned_data)
            return render(request, "study/participate_done.html", {"event": event})
    status = 400 if form is not None and form.errors else 200
    return render(
        request,
        "study/participate.html",
        {"event": event, "form": form, "is_open": is_open},
        status=status,
    )
