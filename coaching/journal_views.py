"""The coaching journal's pages: quick log, lists with filters and exports, records,
their history and media. Every view asks coaching.perms; every write goes through
coaching.services."""

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.uploads import content_type_of
from organisations.models import Organisation

from . import history, services
from .enums import (
    AnimationStage,
    AnimationStatus,
    CallChannel,
    Indicator,
    Visibility,
)
from .forms import (
    AnimationDocumentForm,
    AnimationForm,
    CoachingSessionForm,
    FollowUpForm,
    HotlineCallForm,
    MediaForm,
    managed_accompaniments,
)
from .journal_lists import (
    ANIMATIONS,
    COACHING_SESSIONS,
    HOTLINE_CALLS,
    LISTS,
    export,
    list_page,
    require_journal,
)
from .models import (
    Accompaniment,
    Animation,
    AnimationMedia,
    CoachingSession,
    FederatingEvent,
    HotlineCall,
    HotlineFollowUp,
    HotlineSlot,
    Programme,
    Target,
)
from .perms import (
    can_document_animation,
    can_hold_hotline,
    can_log_journal,
    can_manage_animation,
    can_manage_coaching_session,
    can_manage_hotline_call,
    can_view_animation,
    can_view_coaching_session,
    can_view_hotline_call,
    get_scope,
)


@login_required
def journal_home(request):
    """The journal at a glance, for what the user may see."""
    require_journal(request.user)
    scope = get_scope(request.user)
    animations = Animation.objects.visible_to(request.user)
    context = {
        "scope": scope,
        "can_log": can_log_journal(request.user),
        "call_count": HotlineCall.objects.visible_to(request.user).count(),
        "held_weeks": HotlineSlot.objects.visible_to(request.user).held_weeks(),
        "session_count": CoachingSession.objects.visible_to(request.user).count(),
        "animation_count": animations.count(),
        "counted_count": animations.counted().count(),
        "to_document": animations.at_stage(AnimationStage.HELD).count(),
        "event_count": FederatingEvent.objects.visible_to(request.user).count(),
        "animation_targets": list(
            Target.objects.filter(
                indicator=Indicator.ANIMATIONS,
                programme__in=Programme.objects.filter(
                    pk__in=Accompaniment.objects.visible_to(request.user).values("programme_id")
                )
                | Programme.objects.filter(pk__in=animations.values("accompaniment__programme_id")),
            ).select_related("programme")
        ),
        "shows_slots": scope.sees_everything or scope.is_region_officer or scope.coached_pairs,
    }
    return render(request, "coaching/journal_home.html", context)


@login_required
def hotline_call_list(request):
    return list_page(request, HOTLINE_CALLS)


@login_required
def coaching_session_list(request):
    return list_page(request, COACHING_SESSIONS)


@login_required
def animation_list(request):
    thresholds = set(
        Programme.objects.filter(
            pk__in=Animation.objects.visible_to(request.user).values("accompaniment__programme_id")
        ).values_list("animation_min_partners", flat=True)
    )
    min_partners = thresholds.pop() if len(thresholds) == 1 else None
    return list_page(request, ANIMATIONS, extra={"min_partners": min_partners})


@login_required
def journal_export(request, kind, fmt):
    from .event_views import FEDERATING_EVENTS

    spec = LISTS.get(kind) or {FEDERATING_EVENTS.kind: FEDERATING_EVENTS}.get(kind)
    if spec is None or fmt not in ("csv", "xlsx"):
        raise Http404
    return export(request, spec, fmt)


# --- Hotline -------------------------------------------------------------------------


def _last_accompaniment_id(user):
    return (
        HotlineCall.objects.filter(created_by=user)
        .order_by("-created_at", "-pk")
        .values_list("accompaniment_id", flat=True)
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def hotline_quick_log(request):
    """Log a call in seconds, from a phone: defaults for everything but the topics."""
    if not can_log_journal(request.user):
        raise PermissionDenied
    accompaniments = list(managed_accompaniments(request.user))
    initial = {
        "started_at": timezone.localtime().replace(second=0, microsecond=0),
        "duration_minutes": 15,
        "channel": CallChannel.PHONE,
        "visibility": Visibility.SHARED,
        "accompaniment": _last_accompaniment_id(request.user)
        or (accompaniments[0].pk if accompaniments else None),
    }
    form = HotlineCallForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            call = services.hotline_call_create(by=request.user, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Appel de %(eric)s enregistré.") % {"eric": call.accompaniment.eric.name},
            )
            return redirect("coaching:hotline_quick_log")
    programmes = sorted({a.programme for a in accompaniments}, key=lambda p: p.name)
    return render(
        request,
        "coaching/hotlinecall_quick.html",
        {"form": form, "programmes": programmes, "today": timezone.localdate()},
    )


@login_required
@require_POST
def hotline_slot_hold(request, programme_pk):
    """« Permanence tenue, aucun appel » in one tap."""
    programme = get_object_or_404(Programme, pk=programme_pk)
    if not can_hold_hotline(request.user, programme):
        raise PermissionDenied
    slot = services.hotline_slot_hold(
        by=request.user, programme=programme, held_on=timezone.localdate()
    )
    messages.success(
        request,
        _("Permanence du %(date)s enregistrée comme tenue.")
        % {"date": slot.held_on.strftime("%d/%m/%Y")},
    )
    return redirect("coaching:hotline_quick_log")


def _get_call(request, pk):
    call = get_object_or_404(
        HotlineCall.objects.select_related(
            "accompaniment__eric", "accompaniment__programme", "caller_member", "created_by"
        ).prefetch_related("topics", "follow_ups"),
        pk=pk,
    )
    if not can_view_hotline_call(request.user, call):
        raise PermissionDenied
    return call


@login_required
def hotline_call_detail(request, pk):
    call = _get_call(request, pk)
    can_manage = can_manage_hotline_call(request.user, call)
    return render(
        request,
        "coaching/hotlinecall_detail.html",
        {
            "call": call,
            "can_manage": can_manage,
            "follow_up_form": FollowUpForm() if can_manage else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hotline_call_update(request, pk):
    call = _get_call(request, pk)
    if not can_manage_hotline_call(request.user, call):
        raise PermissionDenied
    initial = {
        "accompaniment": call.accompaniment_id,
        "started_at": timezone.localtime(call.started_at),
        "duration_minutes": call.duration_minutes,
        "channel": call.channel,
        "topics": [t.topic for t in call.topics.all()],
        "summary": call.summary,
        "caller_member": call.caller_member_id,
        "caller_name": call.caller_name,
        "caller_role": call.caller_role,
        "visibility": call.visibility,
    }
    form = HotlineCallForm(request.POST or None, initial=initial, user=request.user)
    form.fields["accompaniment"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("accompaniment")
        topics = data.pop("topics")
        try:
            services.hotline_call_update(by=request.user, call=call, topics=topics, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("L'appel est enregistré."))
            return redirect("coaching:hotline_call_detail", pk=call.pk)
    return render(request, "coaching/hotlinecall_form.html", {"form": form, "call": call})


@login_required
@require_POST
def hotline_follow_up_add(request, pk):
    call = _get_call(request, pk)
    if not can_manage_hotline_call(request.user, call):
        raise PermissionDenied
    form = FollowUpForm(request.POST)
    if form.is_valid():
        services.hotline_follow_up_add(by=request.user, call=call, **form.cleaned_data)
        messages.success(request, _("La suite à donner est ajoutée."))
        return redirect("coaching:hotline_call_detail", pk=call.pk)
    return render(
        request,
        "coaching/hotlinecall_detail.html",
        {"call": call, "can_manage": True, "follow_up_form": form},
    )


@login_required
@require_POST
def hotline_follow_up_toggle(request, pk):
    follow_up = get_object_or_404(
        HotlineFollowUp.objects.select_related("call__accompaniment"), pk=pk
    )
    if not can_view_hotline_call(request.user, follow_up.call):
        raise PermissionDenied
    if not can_manage_hotline_call(request.user, follow_up.call):
        raise PermissionDenied
    services.hotline_follow_up_set_done(
        by=request.user, follow_up=follow_up, done=not follow_up.done
    )
    return redirect("coaching:hotline_call_detail", pk=follow_up.call_id)


# --- Coaching sessions ---------------------------------------------------------------


def _get_session(request, pk):
    session = get_object_or_404(
        CoachingSession.objects.select_related(
            "accompaniment__eric", "accompaniment__programme", "milestone", "created_by"
        ),
        pk=pk,
    )
    if not can_view_coaching_session(request.user, session):
        raise PermissionDenied
    return session


@login_required
def coaching_session_detail(request, pk):
    session = _get_session(request, pk)
    return render(
        request,
        "coaching/coachingsession_detail.html",
        {"session": session, "can_manage": can_manage_coaching_session(request.user, session)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def coaching_session_form(request, pk=None):
    session = _get_session(request, pk) if pk else None
    if session is None and not can_log_journal(request.user):
        raise PermissionDenied
    if session is not None and not can_manage_coaching_session(request.user, session):
        raise PermissionDenied
    if session:
        initial = {
            name: getattr(session, name)
            for name in (
                "accompaniment",
                "duration_minutes",
                "format",
                "participants",
                "objectives",
                "notes",
                "next_steps",
                "milestone",
                "visibility",
            )
        }
        initial["started_at"] = timezone.localtime(session.started_at)
    else:
        initial = {
            "started_at": timezone.localtime().replace(second=0, microsecond=0),
            "duration_minutes": 60,
            "visibility": Visibility.SHARED,
        }
    form = CoachingSessionForm(request.POST or None, initial=initial, user=request.user)
    if session:
        form.fields["accompaniment"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        accompaniment = data.pop("accompaniment")
        try:
            if session:
                services.coaching_session_update(by=request.user, session=session, **data)
            else:
                session = services.coaching_session_create(
                    by=request.user, accompaniment=accompaniment, **data
                )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("La séance est enregistrée."))
            return redirect("coaching:coaching_session_detail", pk=session.pk)
    return render(request, "coaching/coachingsession_form.html", {"form": form, "session": session})


# --- Animations ----------------------------------------------------------------------


def _local(value):
    return timezone.localtime(value) if value else None


def _get_animation(request, pk):
    animation = get_object_or_404(
        Animation.objects.with_counting()
        .select_related(
            "accompaniment__eric", "accompaniment__programme", "resource_person", "created_by"
        )
        .prefetch_related(
            Prefetch("co_organisers", queryset=Organisation.objects.order_by("name")),
            Prefetch("media", queryset=AnimationMedia.objects.order_by("created_at", "pk")),
        ),
        pk=pk,
    )
    if not can_view_animation(request.user, animation):
        raise PermissionDenied
    return animation


@login_required
def animation_detail(request, pk):
    animation = _get_animation(request, pk)
    return render(
        request,
        "coaching/animation_detail.html",
        {
            "animation": animation,
            "can_manage": can_manage_animation(request.user, animation),
            "can_document": can_document_animation(request.user, animation),
        },
    )


ANIMATION_FORM_FIELDS = (
    "title",
    "place",
    "format",
    "intended_audiences",
    "skema_present",
    "public_announcement",
    "status",
    "cancellation_reason",
)


@login_required
@require_http_methods(["GET", "POST"])
def animation_form(request, pk=None):
    animation = _get_animation(request, pk) if pk else None
    if animation is None and not can_log_journal(request.user):
        raise PermissionDenied
    if animation is not None and not can_manage_animation(request.user, animation):
        raise PermissionDenied
    if animation:
        initial = {name: getattr(animation, name) for name in ANIMATION_FORM_FIELDS}
        initial.update(
            accompaniment=animation.accompaniment_id,
            starts_at=timezone.localtime(animation.starts_at),
            ends_at=_local(animation.ends_at),
            co_organisers=[org.pk for org in animation.co_organisers.all()],
        )
    else:
        initial = {"status": AnimationStatus.PLANNED}
    form = AnimationForm(request.POST or None, initial=initial, user=request.user)
    if animation:
        form.fields["accompaniment"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        accompaniment = data.pop("accompaniment")
        co_organisers = list(data.pop("co_organisers"))
        try:
            if animation:
                services.animation_update(
                    by=request.user, animation=animation, co_organisers=co_organisers, **data
                )
            else:
                animation = services.animation_create(
                    by=request.user,
                    accompaniment=accompaniment,
                    co_organisers=co_organisers,
                    **data,
                )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("L'animation est enregistrée."))
            return redirect("coaching:animation_detail", pk=animation.pk)
    return render(request, "coaching/animation_form.html", {"form": form, "animation": animation})


@login_required
@require_http_methods(["GET", "POST"])
def animation_document(request, pk):
    """Report and attendance: the resource person and the host ERIC's team."""
    animation = _get_animation(request, pk)
    if not can_document_animation(request.user, animation):
        raise PermissionDenied
    fields = (*AnimationDocumentForm.report_fields, *AnimationDocumentForm.attendance_fields)
    initial = {name: getattr(animation, name) for name in fields}
    initial["skema_present"] = animation.skema_present
    form = AnimationDocumentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.animation_document(by=request.user, animation=animation, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("La documentation de l'animation est enregistrée."))
            return redirect("coaching:animation_detail", pk=animation.pk)
    return render(
        request,
        "coaching/animation_document.html",
        {"form": form, "animation": animation, "is_held": animation.status == AnimationStatus.HELD},
    )


@login_required
@require_http_methods(["GET", "POST"])
def animation_media_add(request, pk):
    animation = _get_animation(request, pk)
    if not can_document_animation(request.user, animation):
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
            services.animation_media_add(
                by=request.user, animation=animation, upload=upload, **data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Le fichier est ajouté à l'animation."))
            return redirect("coaching:animation_detail", pk=animation.pk)
    return render(
        request, "coaching/animation_media_form.html", {"form": form, "animation": animation}
    )


@login_required
def animation_media_file(request, pk):
    """Serve a photo or video only to those who may see its animation."""
    media = get_object_or_404(
        AnimationMedia.objects.select_related("animation__accompaniment"), pk=pk
    )
    animation = (
        Animation.objects.select_related("accompaniment")
        .prefetch_related("co_organisers")
        .get(pk=media.animation_id)
    )
    if not can_view_animation(request.user, animation):
        raise PermissionDenied
    try:
        handle = media.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type=content_type_of(media.file.name, media.kind))
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = "inline"
    return response


# --- History -------------------------------------------------------------------------


def _history_target(request, kind, pk):
    """The record, the records whose changes belong to its history, and its page."""
    if kind == "appel":
        call = _get_call(request, pk)
        related = [*call.topics.all(), *call.follow_ups.all()]
        return call, related, reverse("coaching:hotline_call_detail", args=[pk])
    if kind == "seance":
        session = _get_session(request, pk)
        return session, [], reverse("coaching:coaching_session_detail", args=[pk])
    if kind == "animation":
        animation = _get_animation(request, pk)
        return (
            animation,
            list(animation.media.all()),
            reverse("coaching:animation_detail", args=[pk]),
        )
    if kind == "evenement":
        from .event_views import get_event

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
