"""A record's history, from the audit log, scoped like the record."""

from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from core import history

from .animations import get_animation
from .events import get_event
from .hotline import get_call
from .sessions import get_session


def _history_target(request, kind, pk):
    """The record, the records whose changes belong to its history, and its page."""
    if kind == "appel":
        call = get_call(request, pk)
        related = [*call.topics.all(), *call.follow_ups.all()]
        return call, related, reverse("coaching:hotline_call_detail", args=[pk])
    if kind == "seance":
        session = get_session(request, pk)
        return session, [], reverse("coaching:coaching_session_detail", args=[pk])
    if kind == "animation":
        animation = get_animation(request, pk)
        return (
            animation,
            list(animation.media.all()),
            reverse("coaching:animation_detail", args=[pk]),
        )
    if kind == "evenement":
        event = get_event(request, pk)
        related = [*event.participations.all(), *event.media.all()]
        return event, related, reverse("coaching:federating_event_detail", args=[pk])
    raise Http404


@login_required
def record_history(request, kind, pk):
    """Who changed what, when — from the audit log, scoped like the record."""
    record, related, back_url = _history_target(request, kind, pk)
    condition = Q(content_type=ContentType.objects.get_for_model(record), object_pk=str(record.pk))
    for item in related:
        condition |= Q(content_type=ContentType.objects.get_for_model(item), object_pk=str(item.pk))
    entries = list(
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:200]
    )
    for entry in entries:
        model = entry.content_type.model_class()
        entry.record_label = model._meta.verbose_name if model else ""
        entry.action_label = history.action_label(entry.action)
        entry.rows = history.describe_changes(entry)
    return render(
        request,
        "coaching/record_history.html",
        {"record": record, "entries": entries, "back_url": back_url},
    )
