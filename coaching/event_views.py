"""Federating events: list, record, form, photos. Same machinery as the journal lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.uploads import content_type_of

from . import services
from .enums import FederatingEventKind
from .forms import FederatingEventForm, MediaForm
from .journal_lists import JournalList, list_page
from .models import (
    FederatingEvent,
    FederatingEventMedia,
    FederatingEventParticipation,
)
from .perms import (
    can_document_federating_event,
    can_log_journal,
    can_manage_federating_event,
    can_view_federating_event,
)

PARTICIPATIONS = Prefetch(
    "participations",
    queryset=FederatingEventParticipation.objects.select_related("accompaniment__eric").order_by(
        "accompaniment__eric__name"
    ),
)


def _participants(event):
    return ", ".join(
        f"{p.accompaniment.eric.name} ({p.get_role_display()})" for p in event.participations.all()
    )


class FederatingEventList(JournalList):
    def base_queryset(self, user):
        return (
            FederatingEvent.objects.visible_to(user)
            .select_related("programme")
            .prefetch_related(PARTICIPATIONS)
            .order_by("-starts_on", "-pk")
        )

    def filter_topic(self, queryset, value):
        return queryset.filter(kind=value)


FEDERATING_EVENTS = FederatingEventList(
    kind="evenements",
    title=gettext_lazy("Événements fédérateurs"),
    template="coaching/federatingevent_list.html",
    date_field="starts_on",
    date_only=True,
    eric_path="participations__accompaniment__eric_id",
    search_fields=("name", "place", "account"),
    topic_choices=FederatingEventKind.choices,
    topic_label=gettext_lazy("Type"),
    columns=[
        (gettext_lazy("Du"), lambda e: e.starts_on),
        (gettext_lazy("Au"), lambda e: e.ends_on),
        (gettext_lazy("Nom"), lambda e: e.name),
        (gettext_lazy("Type"), lambda e: e.get_kind_display()),
        (gettext_lazy("Lieu"), lambda e: e.place),
        (gettext_lazy("ERIC participants"), _participants),
        (gettext_lazy("Récit"), lambda e: e.account),
    ],
)


@login_required
def federating_event_list(request):
    return list_page(request, FEDERATING_EVENTS)


def get_event(request, pk):
    event = get_object_or_404(
        FederatingEvent.objects.select_related("programme", "created_by").prefetch_related(
            PARTICIPATIONS,
            Prefetch("media", queryset=FederatingEventMedia.objects.order_by("created_at", "pk")),
        ),
        pk=pk,
    )
    if not can_view_federating_event(request.user, event):
        raise PermissionDenied
    return event


@login_required
def federating_event_detail(request, pk):
    event = get_event(request, pk)
    return render(
        request,
        "coaching/federatingevent_detail.html",
        {
            "event": event,
            "can_manage": can_manage_federating_event(request.user, event),
            "can_document": can_document_federating_event(request.user, event),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def federating_event_form(request, pk=None):
    event = get_event(request, pk) if pk else None
    if event is None and not can_log_journal(request.user):
        raise PermissionDenied
    if event is not None and not can_manage_federating_event(request.user, event):
        raise PermissionDenied
    initial = {}
    if event:
        initial = {
            name: getattr(event, name)
            for name in ("programme", "name", "kind", "starts_on", "ends_on", "place", "account")
        }
        for participation in event.participations.all():
            initial[f"role_{participation.accompaniment_id}"] = participation.role
    form = FederatingEventForm(request.POST or None, initial=initial, user=request.user)
    if event:
        form.fields["programme"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            if event:
                services.federating_event_update(
                    by=request.user, event=event, **form.service_data()
                )
            else:
                event = services.federating_event_create(
                    by=request.user, programme=form.cleaned_data["programme"], **form.service_data()
                )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("L'événement est enregistré."))
            return redirect("coaching:federating_event_detail", pk=event.pk)
    return render(request, "coaching/federatingevent_form.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def federating_event_media_add(request, pk):
    event = get_event(request, pk)
    if not can_document_federating_event(request.user, event):
        raise PermissionDenied
    form = MediaForm(
        request.POST or None,
        request.FILES or None,
        initial={"author": request.user.get_full_name()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("upload")
        try:
            services.federating_event_media_add(by=request.user, event=event, upload=upload, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Le fichier est ajouté à l'événement."))
            return redirect("coaching:federating_event_detail", pk=event.pk)
    return render(
        request, "coaching/federatingevent_media_form.html", {"form": form, "event": event}
    )


@login_required
def federating_event_media_file(request, pk):
    media = get_object_or_404(FederatingEventMedia, pk=pk)
    get_event(request, media.event_id)  # the event's permission check
    try:
        handle = media.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type=content_type_of(media.file.name, media.kind))
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = "inline"
    return response
