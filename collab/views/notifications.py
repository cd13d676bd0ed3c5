"""One's notifications (the list marks them read), the bell's count, the settings."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..models import Space
from ..notifications import clear_preference, mark_read, set_preference, unread_count
from ..threads_forms import INHERIT, PreferencesForm
from ..threads_models import DEFAULT_MODE, Notification, NotificationPreference

LIST_SIZE = 100


@login_required
def notification_list(request):
    notifications = list(
        Notification.objects.filter(user=request.user)
        .select_related("space", "actor")
        .order_by("-created_at", "-pk")[:LIST_SIZE]
    )
    response = render(request, "collab/notifications/list.html", {"notifications": notifications})
    # shown, hence read (the bell goes back to zero on every open page)
    mark_read(request.user, [n for n in notifications if n.read_at is None])
    return response


@never_cache
@login_required
def notification_count(request):
    return JsonResponse({"count": unread_count(request.user)})


@login_required
def notification_settings(request):
    spaces = Space.objects.visible_to(request.user).order_by("title")
    chosen = dict(
        NotificationPreference.objects.filter(user=request.user).values_list("space_id", "mode")
    )
    global_mode = chosen.pop(None, DEFAULT_MODE)
    form = PreferencesForm(
        request.POST or None, spaces=spaces, initial_modes=chosen, global_mode=global_mode
    )
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                set_preference(request.user, None, form.cleaned_data["global"])
                for space in form.spaces:
                    mode = form.cleaned_data["space_%d" % space.pk]
                    if mode == INHERIT:
                        clear_preference(request.user, space)
                    else:
                        set_preference(request.user, space, mode)
            flash.success(request, _("Vos réglages de notification sont enregistrés."))
            return redirect("collab:notification_settings")
    return render(
        request,
        "collab/notifications/settings.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )
