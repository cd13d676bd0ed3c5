"""The journal at a glance, its lists and their exports."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from core.dates import day_after

from ..enums import (
    AnimationStage,
    Indicator,
)
from ..models import (
    Accompaniment,
    Animation,
    CoachingSession,
    FederatingEvent,
    FederatingEventParticipation,
    HotlineCall,
    Programme,
    Target,
)
from ..perms import (
    can_log_journal,
    can_view_hotline_weeks,
    get_scope,
)
from ..selectors.hotline import hotline_weeks_held
from .hotline_weeks import hotline_week_programmes
from .lists import (
    ANIMATIONS,
    COACHING_SESSIONS,
    FEDERATING_EVENTS,
    HOTLINE_CALLS,
    LISTS,
    export,
    list_page,
    require_journal,
)


@login_required
def journal_home(request):
    """The journal at a glance, for what the user may see."""
    require_journal(request.user)
    scope = get_scope(request.user)
    today = timezone.localdate()
    animations = Animation.objects.visible_to(request.user)
    events = FederatingEvent.objects.visible_to(request.user)
    shows_hotline_weeks = can_view_hotline_weeks(request.user)
    hotline_programme = (
        hotline_week_programmes(request.user).first() if shows_hotline_weeks else None
    )
    context = {
        "scope": scope,
        "can_log": can_log_journal(request.user),
        "call_count": HotlineCall.objects.visible_to(request.user).count(),
        # the weeks page's figure: its programme (the most recent the user sees), by today
        "hotline_programme": hotline_programme,
        "held_weeks": len(hotline_weeks_held(hotline_programme, today=today))
        if hotline_programme
        else 0,
        "session_count": CoachingSession.objects.visible_to(request.user).count(),
        "animation_count": animations.count(),
        # the dashboard's definition: counted (within the programme's period) by today
        "counted_count": animations.counted().filter(starts_at__lt=day_after(today)).count(),
        "today": today,
        "to_document": animations.at_stage(AnimationStage.HELD).count(),
        "event_count": events.count(),
        "participation_count": FederatingEventParticipation.objects.filter(
            event__in=events
        ).count(),
        "animation_targets": list(
            Target.objects.filter(
                indicator=Indicator.ANIMATIONS,
                programme__in=Programme.objects.filter(
                    pk__in=Accompaniment.objects.visible_to(request.user).values("programme_id")
                )
                | Programme.objects.filter(pk__in=animations.values("accompaniment__programme_id")),
            ).select_related("programme")
        ),
        "shows_hotline_weeks": shows_hotline_weeks,
    }
    return render(request, "coaching/journal_home.html", context)


@login_required
def hotline_call_list(request):
    return list_page(request, HOTLINE_CALLS)


@login_required
def coaching_session_list(request):
    return list_page(request, COACHING_SESSIONS)


@login_required
def federating_event_list(request):
    return list_page(request, FEDERATING_EVENTS)


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
    spec = LISTS.get(kind)
    if spec is None or fmt not in ("csv", "xlsx"):
        raise Http404
    return export(request, spec, fmt)
