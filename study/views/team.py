"""The team's pages: the study's home, an event (spaces, team, kiosks), enrolling and
revoking a kiosk, the live view, remote counts, a later wave."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coaching.models import Accompaniment, Programme
from coaching.perms import can_view_programme
from core.params import day_param
from core.views import get_visible_or_404
from organisations.models import Organisation

from .. import selectors, services
from ..enums import SpaceKind
from ..forms import EventForm, KioskForm, RemoteCountForm
from ..models import Kiosk, Study, StudyEvent
from ..perms import can_create_event, can_lead_study, can_view_study_data
from .access import accompanied_eric_ids, event_or_404


def _counted_events(request):
    """With ``?programme=<slug>&until=AAAA-MM-JJ`` (and ``pilot``, ``month=AAAA-MM``),
    exactly the events the dashboard's « étude des visiteurs » figure counts
    (``selectors.counted_study_events``), with their visitors; None without."""
    slug = request.GET.get("programme")
    if not slug:
        return None
    programme = get_visible_or_404(Programme.objects, can_view_programme, request.user, slug=slug)
    until = day_param(request.GET.get("until")) or timezone.localdate()
    events = selectors.counted_study_events(programme, until)
    pilot = request.GET.get("pilot")
    if pilot:
        events = events.filter(
            Exists(
                Accompaniment.objects.filter(
                    programme=programme, eric_id=OuterRef("eric_id"), eric__pilot=pilot
                )
            )
        )
    month = day_param("%s-01" % request.GET["month"]) if request.GET.get("month") else None
    if month is not None:
        events = events.filter(end_date__year=month.year, end_date__month=month.month)
    events = list(
        selectors.with_visitors(
            events.filter(pk__in=StudyEvent.objects.visible_to(request.user).values("pk"))
        ).select_related("eric")
    )
    return {
        "programme": programme,
        "until": until,
        "events": events,
        "visitors": sum(event.visitors for event in events),
    }


@login_required
def study_home(request):
    """The studies the user reads and the events they run; with the dashboard's filters,
    the events its visitor-study figure counts first."""
    user = request.user
    counted = _counted_events(request)
    events = list(
        StudyEvent.objects.visible_to(user)
        .select_related("study", "eric")
        .order_by("-start_date", "pk")
    )
    studies = []
    all_studies = list(Study.objects.select_related("programme", "partner").order_by("pk"))
    accompanied_by_programme = defaultdict(set)  # one query, whatever the number of studies
    for programme_id, eric_id in Accompaniment.objects.filter(
        programme_id__in={study.programme_id for study in all_studies}
    ).values_list("programme_id", "eric_id"):
        accompanied_by_programme[programme_id].add(eric_id)
    for study in all_studies:
        accompanied = accompanied_by_programme[study.programme_id]
        if not can_view_study_data(
            user,
            study,
            accompanied_eric_ids=accompanied,
            event_ids=[e.pk for e in events if e.study_id == study.pk],
        ):
            continue
        own_erics = [
            eric_id
            for eric_id in accompanied
            if can_create_event(user, study, eric_id, accompanied_eric_ids=accompanied)
        ]
        studies.append(
            {
                "study": study,
                "leads": can_lead_study(user, study),
                "events": [e for e in events if e.study_id == study.pk],
                "may_create": bool(own_erics),
            }
        )
    if not studies:
        raise Http404
    return render(
        request,
        "study/study_home.html",
        {
            "studies": studies,
            "counted": counted,
            "counted_events": counted["events"] if counted else None,
        },
    )


def _event_page(request, event, *, remote_form=None, status=200):
    """The event's page (spaces, team, kiosks, remote counts), with the remote count's
    form as posted when it was refused."""
    return render(
        request,
        "study/study_event.html",
        {
            "event": event,
            "spaces": list(event.spaces.all()),
            "team": list(event.team_on_duty.order_by("name")),
            "kiosks": list(
                event.kiosks.select_related("enrolled_by", "revoked_by").order_by("-enrolled_at")
            ),
            "kiosk_form": KioskForm(),
            "remote_form": remote_form or RemoteCountForm(event=event),
            "remote_counts": list(event.remote_counts.order_by("-counted_at")[:20]),
            "contact_count": event.contact_requests.count(),
        },
        status=status,
    )


@login_required
def event_detail(request, pk):
    return _event_page(request, event_or_404(request, pk))


@login_required
@require_POST
def kiosk_enrol(request, pk):
    """Enrol a kiosk; the answer shows its start link once (the token is in the link's
    fragment, never sent back to the server in a URL)."""
    event = event_or_404(request, pk)
    form = KioskForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Donnez un nom à la borne (80 signes au plus)."))
        return redirect("study:event_detail", pk=event.pk)
    kiosk, token = services.kiosk_enrol(
        by=request.user, event=event, label=form.cleaned_data["label"]
    )
    response = render(
        request,
        "study/kiosk_enrolled.html",
        {
            "event": event,
            "kiosk": kiosk,
            "start_url": request.build_absolute_uri(reverse("kiosk:shell")) + "#jeton=" + token,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def kiosk_revoke(request, pk):
    kiosk = get_object_or_404(Kiosk.objects.select_related("event"), pk=pk)
    event_or_404(request, kiosk.event_id)
    services.kiosk_revoke(by=request.user, kiosk=kiosk)
    messages.success(request, _("La borne « %(label)s » est révoquée.") % {"label": kiosk.label})
    return redirect("study:event_detail", pk=kiosk.event_id)


@login_required
def live(request, pk):
    event = event_or_404(request, pk)
    return render(
        request,
        "study/study_live.html",
        {"event": event, "summary": selectors.live_summary(event)},
    )


@login_required
def live_figures(request, pk):
    """The live figures as JSON, for a page whose websocket is down."""
    event = event_or_404(request, pk)
    return JsonResponse({"event": event.pk, "summary": selectors.live_summary(event)})


@login_required
@require_POST
def remote_count_add(request, pk):
    event = event_or_404(request, pk)
    form = RemoteCountForm(request.POST, event=event)
    if form.is_valid():
        services.remote_count_add(by=request.user, event=event, **form.cleaned_data)
        messages.success(request, _("Le comptage des participants en ligne est enregistré."))
        return redirect("study:event_detail", pk=event.pk)
    return _event_page(request, event, remote_form=form, status=400)


@login_required
def event_create(request, pk):
    """A later wave of the same questionnaire, in one's own place."""
    study = get_object_or_404(Study.objects.select_related("programme", "partner"), pk=pk)
    accompanied = accompanied_eric_ids(study.programme_id)
    erics = [
        eric
        for eric in Organisation.objects.filter(pk__in=accompanied).order_by("name")
        if can_create_event(request.user, study, eric.pk, accompanied_eric_ids=accompanied)
    ]
    if not erics:
        raise Http404
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kinds = dict(SpaceKind.choices)
        try:
            event = services.event_create(
                by=request.user,
                study=study,
                eric=erics[0],
                name=data["name"],
                place=data["place"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                spaces=[(kind, str(kinds[kind]).capitalize()) for kind in data["spaces"]],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("L'événement est créé : enrôlez ses bornes."))
            return redirect("study:event_detail", pk=event.pk)
    return render(
        request,
        "study/event_form.html",
        {"study": study, "form": form, "eric": erics[0]},
        status=400 if form.errors else 200,
    )
