from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import guard_edit, model_form_values
from organisations.models import Organisation

from . import services
from .forms import TrustCircleEntryForm
from .models import TrustCircleEntry
from .perms import can_edit_trust_circles


def _eric(slug):
    return get_object_or_404(Organisation.objects.erics(), slug=slug)


@login_required
def entry_list(request, slug):
    """An ERIC's circles as its team edits them: current entries and history."""
    eric = _eric(slug)
    if not can_edit_trust_circles(request.user, eric):
        raise PermissionDenied
    today = timezone.localdate()
    entries = list(
        TrustCircleEntry.objects.for_eric(eric).select_related("organisation").in_circle_order()
    )
    context = {
        "eric": eric,
        "current": [entry for entry in entries if entry.is_current(today)],
        "history": [entry for entry in entries if not entry.is_current(today)],
    }
    return render(request, "maps/trust_circle_entry_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request, slug):
    eric = _eric(slug)
    if not can_edit_trust_circles(request.user, eric):
        raise PermissionDenied
    form = TrustCircleEntryForm(
        request.POST or None, eric=eric, initial={"since": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        services.trust_circle_entry_create(by=request.user, eric=eric, **form.entry_fields())
        messages.success(request, _("L'entrée est ajoutée aux cercles de confiance."))
        return redirect("maps:entry_list", slug=eric.slug)
    return render(
        request, "maps/trust_circle_entry_form.html", {"form": form, "eric": eric, "entry": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_update(request, pk):
    entry = get_object_or_404(TrustCircleEntry.objects.select_related("eric"), pk=pk)
    eric = entry.eric
    if not can_edit_trust_circles(request.user, eric):
        raise Http404  # another ERIC's entry answers as a missing one
    form = TrustCircleEntryForm(request.POST or None, instance=entry, eric=eric)
    # another person's save meanwhile: told, not overwritten
    with guard_edit(form, entry, model_form_values(TrustCircleEntryForm)) as locked:
        if request.method == "POST" and form.is_valid():
            changes = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name in TrustCircleEntryForm.Meta.fields
            }
            if changes:
                services.trust_circle_entry_update(by=request.user, entry=locked, **changes)
            messages.success(request, _("L'entrée est enregistrée."))
            return redirect("maps:entry_list", slug=eric.slug)
    return render(
        request, "maps/trust_circle_entry_form.html", {"form": form, "eric": eric, "entry": entry}
    )
