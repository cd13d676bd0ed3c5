"""Animations: a record, its plan, its documentation, its photos and videos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import guard_edit
from core.views import get_visible_or_404
from organisations.models import Organisation

from .. import services
from ..enums import (
    AnimationStatus,
)
from ..forms import (
    AnimationDocumentForm,
    AnimationForm,
    NewPartnerForm,
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
    """The animation, if the user may see it (404 otherwise)."""
    return get_visible_or_404(
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


def animation_values(animation) -> dict:
    """The animation's values as its form shows them (ids for related records)."""
    values = {name: getattr(animation, name) for name in ANIMATION_FORM_FIELDS}
    values.update(
        accompaniment=animation.accompaniment_id,
        starts_at=timezone.localtime(animation.starts_at),
        ends_at=_local(animation.ends_at),
        co_organisers=sorted(org.pk for org in animation.co_organisers.all()),
    )
    return values


def _as_typed(form) -> dict:
    """What was typed in a bound form, as the initial values of a fresh one."""
    return {name: form[name].value() for name in form.fields}


def _add_partner_step(request, form, partner_form, *, accompaniment, rebuild):
    """« Ajouter le partenaire »: add it (or find it) and show the same form again,
    everything typed kept and the partner checked. Returns ``(form, partner_form,
    added)``; on error the partner sub-form carries it."""
    typed = _as_typed(form)
    if not partner_form.is_valid():
        return rebuild(typed), partner_form, None
    if partner_form.partner is None:
        partner_form.add_error("name", _("Indiquez le nom du partenaire à ajouter."))
        return rebuild(typed), partner_form, None
    if accompaniment is None:
        partner_form.add_error(None, _("Choisissez d'abord l'ERIC hôte."))
        return rebuild(typed), partner_form, None
    try:
        partner, created = services.animation_partner_add(
            by=request.user, accompaniment=accompaniment, **partner_form.partner
        )
    except ValidationError as error:
        partner_form.add_service_errors(error)
        return rebuild(typed), partner_form, None
    chosen = [str(pk) for pk in typed.get("co_organisers") or []]
    if str(partner.pk) not in chosen:
        chosen.append(str(partner.pk))
    typed["co_organisers"] = chosen
    return rebuild(typed), NewPartnerForm(), {"partner": partner, "created": created}


def _chosen_accompaniment(form):
    field = form.fields["accompaniment"]
    try:
        return field.clean(form["accompaniment"].value())
    except ValidationError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def animation_form(request, pk=None):
    animation = get_animation(request, pk) if pk else None
    if animation is None and not can_log_journal(request.user):
        raise PermissionDenied
    if animation is not None and not can_manage_animation(request.user, animation):
        raise PermissionDenied
    if animation:
        initial = animation_values(animation)
    else:
        initial = {"status": AnimationStatus.PLANNED}
    data = request.POST if request.method == "POST" else None
    form = AnimationForm(data, initial=initial, user=request.user, animation=animation)
    partner_form = NewPartnerForm(data)
    added = None
    if data is not None and "add_partner" in data:
        form, partner_form, added = _add_partner_step(
            request,
            form,
            partner_form,
            accompaniment=animation.accompaniment if animation else _chosen_accompaniment(form),
            rebuild=lambda typed: AnimationForm(
                initial=typed, user=request.user, animation=animation
            ),
        )
    else:
        # another person's save meanwhile: told, not overwritten
        with guard_edit(form, animation, animation_values) as locked:
            if data is not None and form.is_valid() & partner_form.is_valid():
                fields = dict(form.cleaned_data)
                accompaniment = fields.pop("accompaniment")
                co_organisers = list(fields.pop("co_organisers"))
                try:
                    if animation:
                        services.animation_update(
                            by=request.user,
                            animation=locked,
                            co_organisers=co_organisers,
                            new_partner=partner_form.partner,
                            **fields,
                        )
                    else:
                        animation = services.animation_create(
                            by=request.user,
                            accompaniment=accompaniment,
                            co_organisers=co_organisers,
                            new_partner=partner_form.partner,
                            **fields,
                        )
                except ValidationError as error:
                    _show_service_errors(error, form, partner_form)
                else:
                    messages.success(request, _("L'animation est enregistrée."))
                    return redirect("coaching:animation_detail", pk=animation.pk)
    return render(
        request,
        "coaching/animation_form.html",
        {
            "form": form,
            "partner_form": partner_form,
            "added": added,
            "animation": animation,
        },
    )


def _show_service_errors(error, form, partner_form) -> None:
    """The new partner's errors (name, kind, town) beside its fields, the others on the
    main form."""
    if hasattr(error, "error_dict"):
        own = {k: v for k, v in error.error_dict.items() if k in partner_form.fields}
        if own:
            partner_form.add_service_errors(ValidationError(own))
        rest = {k: v for k, v in error.error_dict.items() if k not in partner_form.fields}
        if rest:
            form.add_service_errors(ValidationError(rest))
    else:
        form.add_service_errors(error)


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
    initial["co_organisers"] = [org.pk for org in animation.co_organisers.all()]
    data = request.POST if request.method == "POST" else None
    form = AnimationDocumentForm(data, initial=initial, animation=animation)
    partner_form = NewPartnerForm(data)
    added = None
    if data is not None and "add_partner" in data:
        form, partner_form, added = _add_partner_step(
            request,
            form,
            partner_form,
            accompaniment=animation.accompaniment,
            rebuild=lambda typed: AnimationDocumentForm(initial=typed, animation=animation),
        )
    elif data is not None and form.is_valid() & partner_form.is_valid():
        try:
            services.animation_document(
                by=request.user,
                animation=animation,
                new_partner=partner_form.partner,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _show_service_errors(error, form, partner_form)
        else:
            messages.success(request, _("La documentation de l'animation est enregistrée."))
            return redirect("coaching:animation_detail", pk=animation.pk)
    return render(
        request,
        "coaching/animation_document.html",
        {
            "form": form,
            "partner_form": partner_form,
            "added": added,
            "animation": animation,
            "is_held": animation.status == AnimationStatus.HELD,
        },
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
        raise Http404  # as a missing file: its id tells nothing
    return media_file_response(media)
