"""Federating events: a record, its form, its photos and videos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import guard_edit
from core.views import get_visible_or_404

from .. import services
from ..forms import FederatingEventForm
from ..models import (
    FederatingEvent,
    FederatingEventMedia,
)
from ..perms import (
    can_document_federating_event,
    can_log_journal,
    can_manage_federating_event,
    can_view_federating_event,
)
from .lists import PARTICIPATIONS
from .media import media_add_page, media_file_response


def get_event(request, pk):
    """The event, if the user may see it (404 otherwise)."""
    return get_visible_or_404(
        FederatingEvent.objects.select_related("programme", "created_by").prefetch_related(
            PARTICIPATIONS,
            # « publication »: the public site's copy (cms.MediaItem), named, not imported
            Prefetch(
                "media",
                queryset=FederatingEventMedia.objects.select_related("publication").order_by(
                    "created_at", "pk"
                ),
            ),
        ),
        can_view_federating_event,
        request.user,
        pk=pk,
    )


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
            "has_started": event.starts_on <= timezone.localdate(),
        },
    )


def event_values(event) -> dict:
    """The event's values as its form shows them: its fields, each ERIC's part."""
    values = {
        name: getattr(event, name) for name in ("name", "kind", "starts_on", "ends_on", "place")
    }
    values.update(programme=event.programme_id, account=event.account)
    for participation in event.participations.all():
        values[f"role_{participation.accompaniment_id}"] = participation.role
    return values


@login_required
@require_http_methods(["GET", "POST"])
def federating_event_form(request, pk=None):
    event = get_event(request, pk) if pk else None
    if event is None and not can_log_journal(request.user):
        raise PermissionDenied
    if event is not None and not can_manage_federating_event(request.user, event):
        raise PermissionDenied
    initial = event_values(event) if event else {}
    form = FederatingEventForm(request.POST or None, initial=initial, user=request.user)
    if event:
        form.fields["programme"].disabled = True
    # another person's save meanwhile: told, not overwritten
    with guard_edit(form, event, event_values) as locked:
        if request.method == "POST" and form.is_valid():
            try:
                if event:
                    services.federating_event_update(
                        by=request.user, event=locked, **form.service_data()
                    )
                else:
                    event = services.federating_event_create(
                        by=request.user,
                        programme=form.cleaned_data["programme"],
                        **form.service_data(),
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
    record_url = reverse("coaching:federating_event_detail", args=[event.pk])
    return media_add_page(
        request,
        add=lambda **fields: services.federating_event_media_add(
            by=request.user, event=event, **fields
        ),
        record_url=record_url,
        crumbs=[
            (reverse("coaching:federating_event_list"), _("Événements fédérateurs")),
            (record_url, event.name),
        ],
        success_message=_("Le fichier est ajouté à l'événement."),
    )


@login_required
def federating_event_media_file(request, pk):
    media = get_object_or_404(FederatingEventMedia, pk=pk)
    get_event(request, media.event_id)  # the event's permission check
    return media_file_response(media)
