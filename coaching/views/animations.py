"""Animations: a record, its plan, its documentation, its photos and videos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.views import get_allowed_or_403
from organisations.models import Organisation

from .. import services
from ..enums import (
    AnimationStatus,
)
from ..forms import (
    AnimationDocumentForm,
    AnimationForm,
)
from ..models import (
    Animation,
    AnimationMedia,
)
from ..perms import (
    can_document_animation,
    can_log_journal,
    can_manage_animation,
    can_view_animation,
    can_write_code_source_sheet,
)
from .media import media_add_page, media_file_response


def _local(value):
    return timezone.localtime(value) if value else None


def get_animation(request, pk):
    """The animation, if the user may see it (404, 403 otherwise)."""
    return get_allowed_or_403(
        Animation.objects.with_counting()
        .select_related(
            "accompaniment__eric", "accompaniment__programme", "resource_person", "created_by"
        )
        .prefetch_related(
            Prefetch("co_organisers", queryset=Organisation.objects.order_by("name")),
            # « publication »: the public site's copy (cms.MediaItem), named, not imported
            Prefetch(
                "media",
                queryset=AnimationMedia.objects.select_related("publication").order_by(
                    "created_at", "pk"
                ),
            ),
        ),
        can_view_animation,
        request.user,
        pk=pk,
    )


@login_required
def animation_detail(request, pk):
    animation = get_animation(request, pk)
    return render(
        request,
        "coaching/animation_detail.html",
        {
            "animation": animation,
            "can_manage": can_manage_animation(request.user, animation),
            "can_document": can_document_animation(request.user, animation),
            "is_held": animation.status == AnimationStatus.HELD,
            # A held and documented animation is worth a sheet (written in the cms app).
            "can_write_sheet": animation.status == AnimationStatus.HELD
            and animation.is_documented
            and can_write_code_source_sheet(request.user, animation.accompaniment.eric_id),
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
    animation = get_animation(request, pk) if pk else None
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
    animation = get_animation(request, pk)
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
    animation = get_animation(request, pk)
    if not can_document_animation(request.user, animation):
        raise PermissionDenied
    record_url = reverse("coaching:animation_detail", args=[animation.pk])
    return media_add_page(
        request,
        add=lambda **fields: services.animation_media_add(
            by=request.user, animation=animation, **fields
        ),
        record_url=record_url,
        crumbs=[
            (reverse("coaching:animation_list"), _("Animations")),
            (record_url, animation.title),
        ],
        success_message=_("Le fichier est ajouté à l'animation."),
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
    return media_file_response(media)
