"""The platform's home (the spaces one belongs to), a space, its invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..enums import MemberReason, SpaceKind
from ..forms import InvitationForm, SearchForm
from ..membership import can_manage_space, space_member_reasons, space_members
from ..models import Space, SpaceInvitation
from ..selectors import missing_pages, space_pages
from ..services import find_user, invitation_create, invitation_revoke
from .common import space_or_404


@login_required
def home(request):
    spaces = list(Space.objects.visible_to(request.user).select_related("programme"))
    groups = [
        (kind.label, [space for space in spaces if space.kind == kind])
        for kind in (SpaceKind.PROGRAMME, SpaceKind.ERIC, SpaceKind.TRAINING)
    ]
    return render(
        request,
        "collab/home.html",
        {
            "groups": [(label, items) for label, items in groups if items],
            "search_form": SearchForm(),
        },
    )


def _space_context(request, space, invitation_form=None):
    manages = can_manage_space(request.user, space)
    reasons = space_member_reasons(space)
    members = [
        (user, sorted(MemberReason(reason).label for reason in reasons.get(user.pk, ())))
        for user in space_members(space, reasons)
    ]
    context = {
        "space": space,
        "pages": space_pages(space),
        "missing": missing_pages(space),
        "members": members,
        "manages": manages,
    }
    if manages:
        context["invitations"] = (
            SpaceInvitation.objects.active()
            .filter(space=space)
            .select_related("user", "invited_by")
            .order_by("user__last_name", "user__first_name", "user__username")
        )
        context["invitation_form"] = invitation_form or InvitationForm()
    return context


@login_required
def space_detail(request, space):
    space = space_or_404(request.user, space)
    return render(request, "collab/space_detail.html", _space_context(request, space))


@login_required
@require_POST
def invitation_create_view(request, space):
    space = space_or_404(request.user, space)
    if not can_manage_space(request.user, space):
        messages.error(request, _("Seuls les gestionnaires de l'espace invitent."))
        return redirect("collab:space_detail", space.slug)
    form = InvitationForm(request.POST)
    if form.is_valid():
        user = find_user(form.cleaned_data["identifier"])
        if user is None:
            form.add_error("identifier", _("Aucun compte actif ne correspond à cet identifiant."))
        else:
            try:
                invitation_create(by=request.user, space=space, user=user)
            except ValidationError as error:
                form.add_error("identifier", error)
            else:
                messages.success(
                    request,
                    _("%(name)s est invité·e dans l'espace.")
                    % {"name": user.get_full_name() or user.get_username()},
                )
                return redirect("collab:space_detail", space.slug)
    return render(
        request,
        "collab/space_detail.html",
        _space_context(request, space, invitation_form=form),
        status=400,
    )


@login_required
@require_POST
def invitation_revoke_view(request, space, pk):
    space = space_or_404(request.user, space)
    invitation = get_object_or_404(
        SpaceInvitation.objects.active().select_related("user"), space=space, pk=pk
    )
    try:
        invitation_revoke(by=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("L'invitation de %(name)s est retirée.")
            % {"name": invitation.user.get_full_name() or invitation.user.get_username()},
        )
    return redirect("collab:space_detail", space.slug)
