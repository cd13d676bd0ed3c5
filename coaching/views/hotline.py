"""The hotline's pages: the quick log from a phone, « permanence tenue » in one tap, a
call, its changes and its follow-ups."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.french import of_name
from core.views import get_visible_or_404

from .. import services
from ..enums import (
    CallChannel,
    Visibility,
)
from ..forms import (
    FollowUpForm,
    HotlineCallForm,
    managed_accompaniments,
)
from ..models import (
    HotlineCall,
    HotlineFollowUp,
    HotlineSlot,
    Programme,
)
from ..perms import (
    can_hold_hotline,
    can_log_journal,
    can_manage_hotline_call,
    can_view_hotline_call,
)


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
                # Translators: of_eric is « du Hublot »… (core.french.of_name).
                _("Appel %(of_eric)s enregistré.")
                % {"of_eric": of_name(call.accompaniment.eric.name)},
            )
            return redirect("coaching:hotline_quick_log")
    today = timezone.localdate()
    programmes = sorted({a.programme for a in accompaniments}, key=lambda p: p.name)
    # « aucun appel » only where today's half-day is not recorded yet: a day with calls,
    # or already marked held, says so instead of offering a button it would refuse.
    held_today = {
        slot.programme_id: slot
        for slot in HotlineSlot.objects.filter(programme__in=programmes, held_on=today)
        .annotate(call_count=Count("calls"))
        .order_by()
    }
    for programme in programmes:
        programme.slot_today = held_today.get(programme.pk)
    return render(
        request,
        "coaching/hotlinecall_quick.html",
        {"form": form, "programmes": programmes, "today": today},
    )


@login_required
@require_POST
def hotline_slot_hold(request, programme_pk):
    """« Permanence tenue, aucun appel » in one tap."""
    programme = get_object_or_404(Programme, pk=programme_pk)
    if not can_hold_hotline(request.user, programme):
        raise PermissionDenied
    try:
        slot = services.hotline_slot_hold(
            by=request.user, programme=programme, held_on=timezone.localdate(), without_calls=True
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Permanence du %(date)s enregistrée comme tenue.")
            % {"date": slot.held_on.strftime("%d/%m/%Y")},
        )
    return redirect("coaching:hotline_quick_log")


def get_call(request, pk):
    """The call, if the user may see it (404 otherwise)."""
    return get_visible_or_404(
        HotlineCall.objects.select_related(
            "accompaniment__eric", "accompaniment__programme", "caller_member", "created_by"
        ).prefetch_related("topics", "follow_ups"),
        can_view_hotline_call,
        request.user,
        pk=pk,
    )


@login_required
def hotline_call_detail(request, pk):
    call = get_call(request, pk)
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
    call = get_call(request, pk)
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
    form.expect_unchanged(initial)  # another person's save meanwhile: told, not overwritten
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
    call = get_call(request, pk)
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
        raise Http404
    if not can_manage_hotline_call(request.user, follow_up.call):
        raise PermissionDenied
    services.hotline_follow_up_set_done(
        by=request.user, follow_up=follow_up, done=not follow_up.done
    )
    return redirect("coaching:hotline_call_detail", pk=follow_up.call_id)
