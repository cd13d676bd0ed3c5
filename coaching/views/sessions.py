"""Coaching sessions: a record, its form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import guard_edit
from core.views import get_visible_or_404

from .. import services
from ..enums import (
    Visibility,
)
from ..forms import (
    CoachingSessionForm,
)
from ..models import (
    CoachingSession,
)
from ..perms import (
    can_log_journal,
    can_manage_coaching_session,
    can_view_coaching_session,
)

SESSION_FORM_FIELDS = (
    "duration_minutes",
    "format",
    "participants",
    "objectives",
    "notes",
    "next_steps",
    "visibility",
)


def session_values(session) -> dict:
    """The session's values as its form shows them (ids for related records)."""
    values = {name: getattr(session, name) for name in SESSION_FORM_FIELDS}
    values.update(
        accompaniment=session.accompaniment_id,
        milestone=session.milestone_id,
        started_at=timezone.localtime(session.started_at),
    )
    return values


def get_session(request, pk):
    """The session, if the user may see it (404 otherwise)."""
    return get_visible_or_404(
        CoachingSession.objects.select_related(
            "accompaniment__eric", "accompaniment__programme", "milestone", "created_by"
        ),
        can_view_coaching_session,
        request.user,
        pk=pk,
    )


@login_required
def coaching_session_detail(request, pk):
    session = get_session(request, pk)
    return render(
        request,
        "coaching/coachingsession_detail.html",
        {"session": session, "can_manage": can_manage_coaching_session(request.user, session)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def coaching_session_form(request, pk=None):
    session = get_session(request, pk) if pk else None
    if session is None and not can_log_journal(request.user):
        raise PermissionDenied
    if session is not None and not can_manage_coaching_session(request.user, session):
        raise PermissionDenied
    if session:
        initial = session_values(session)
    else:
        initial = {
            "started_at": timezone.localtime().replace(second=0, microsecond=0),
            "duration_minutes": 60,
            "visibility": Visibility.SHARED,
        }
    form = CoachingSessionForm(request.POST or None, initial=initial, user=request.user)
    if session:
        form.fields["accompaniment"].disabled = True
    # another person's save meanwhile: told, not overwritten
    with guard_edit(form, session, session_values) as locked:
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            accompaniment = data.pop("accompaniment")
            try:
                if session:
                    services.coaching_session_update(by=request.user, session=locked, **data)
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
