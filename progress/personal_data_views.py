"""Personal data pages (RGPD). « Mes données »: anyone logged in asks for the export of
what the platform holds about them. The administrators' page « Données personnelles »:
find a person, by account or by e-mail address, export or erase (after a confirmation
page) what is held about them (``progress.personal_data``, ``personal_data_export``).
Anyone else gets a 404: those pages are not told to exist. An export's page and file
answer the person it is about, who asked for it and administrators; 404 for others.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.params import id_param
from core.storage import private_file_response

from .models import PersonalDataExport, ReportStatus
from .personal_data import (
    can_erase_personal_data,
    erase_account,
    erase_by_email,
    held_by_email,
    is_anonymised,
)
from .personal_data_export import request_export

#: Accounts listed for a search (the closest first).
PEOPLE_LISTED = 20
#: A person's own exports listed on « Mes données » (the latest).
EXPORTS_LISTED = 10


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Nom, identifiant ou adresse électronique"),
        max_length=254,
        required=False,
    )


class EmailErasureForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Adresse électronique"),
        error_messages={"invalid": gettext_lazy("Saisissez une adresse électronique valide.")},
    )


def _admin_only(request):
    if not can_erase_personal_data(request.user):
        raise Http404


@login_required
def personal_data_home(request):
    _admin_only(request)
    form = PersonSearchForm(request.GET or None)
    people = []
    email_form = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        q = form.cleaned_data["q"].strip()
        people = (
            get_user_model()
            .objects.filter(
                Q(username__icontains=q)
                | Q(email__iexact=q)
                | Q(first_name__icontains=q)
                | Q(last_name__icontains=q)
            )
            .order_by("last_name", "first_name", "username")[:PEOPLE_LISTED]
        )
        email_form = EmailErasureForm({"email": q})
        if not email_form.is_valid():
            email_form = None
    return render(
        request,
        "progress/personal_data_home.html",
        {"form": form, "people": people, "email_form": email_form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_erasure(request, pk):
    _admin_only(request)
    person = get_object_or_404(
        get_user_model().objects.annotate(
            n_memberships=Count("memberships", distinct=True),
            n_registrations=Count("training_registrations", distinct=True),
        ),
        pk=pk,
    )
    if request.method == "POST":
        if is_anonymised(person):
            messages.info(request, _("Ce compte est déjà anonymisé."))
            return redirect("progress:personal_data_home")
        try:
            erase_account(by=request.user, person=person)
        except PermissionDenied:
            messages.error(
                request,
                _(
                    "Votre propre compte s'anonymise par un autre administrateur ou une "
                    "autre administratrice."
                ),
            )
        else:
            messages.success(
                request,
                _("Le compte est anonymisé : il apparaît désormais comme « %(name)s ».")
                % {"name": "Personne anonymisée n° %d" % person.pk},
            )
            return redirect("progress:personal_data_home")
    return render(
        request,
        "progress/personal_data_erase.html",
        {"person": person, "anonymised": is_anonymised(person), "held": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def email_erasure(request):
    _admin_only(request)
    form = EmailErasureForm(request.POST if request.method == "POST" else request.GET or None)
    held = None
    account = None
    if form.is_valid():
        email = form.cleaned_data["email"]
        account = get_user_model().objects.filter(email__iexact=email).first()
        held = held_by_email(email)
        if request.method == "POST" and account is None:
            summary = erase_by_email(by=request.user, email=email)
            messages.success(
                request,
                _(
                    "Données effacées pour cette adresse : %(subscriptions)s abonnement(s) "
                    "à la lettre, %(contacts)s demande(s) de contact de l'étude des "
                    "visiteurs, %(registrations)s inscription(s) à des formations "
                    "anonymisée(s) (les présences restent comptées)."
                )
                % {
                    "subscriptions": summary["newsletter_subscriptions"],
                    "contacts": summary["study_contact_requests"],
                    "registrations": summary["training_registrations"],
                },
            )
            return redirect("progress:personal_data_home")
    return render(
        request,
        "progress/personal_data_erase.html",
        {"email_form": form, "held": held, "account": account, "person": None},
        status=400 if request.method == "POST" else 200,
    )


def _visible_export_or_404(request, pk) -> PersonalDataExport:
    """An export: the person it is about, who asked for it, administrators; 404 for
    anyone else (its existence is not told)."""
    export = get_object_or_404(
        PersonalDataExport.objects.select_related("subject", "requested_by"), pk=pk
    )
    user = request.user
    if not (
        can_erase_personal_data(user)
        or export.requested_by_id == user.pk
        or (export.subject_id is not None and export.subject_id == user.pk)
    ):
        raise Http404
    return export


@login_required
@require_http_methods(["GET", "POST"])
def my_personal_data(request):
    """« Mes données »: anyone logged in asks for the export of what is held about them."""
    if request.method == "POST":
        export = request_export(by=request.user, subject=request.user)
        messages.success(
            request, _("Votre export est demandé : il se prépare, cette page se met à jour seule.")
        )
        return redirect("progress:personal_data_export", export.pk)
    exports = PersonalDataExport.objects.filter(subject=request.user)[:EXPORTS_LISTED]
    return render(request, "progress/personal_data_mine.html", {"exports": exports})


@login_required
@require_POST
def export_request(request):
    """An administrator asks for the export of an account (``person``) or of an address
    without one (``email``)."""
    _admin_only(request)
    person_id = id_param(request.POST.get("person"))
    if person_id is not None:
        person = get_object_or_404(get_user_model(), pk=person_id)
        export = request_export(by=request.user, subject=person)
    else:
        form = EmailErasureForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Saisissez une adresse électronique valide."))
            return redirect("progress:personal_data_home")
        export = request_export(by=request.user, email=form.cleaned_data["email"])
    return redirect("progress:personal_data_export", export.pk)


@login_required
def export_detail(request, pk):
    export = _visible_export_or_404(request, pk)
    context = {"export": export, "retention_days": settings.PERSONAL_DATA_EXPORT_RETENTION_DAYS}
    if request.GET.get("fragment") == "status":
        return render(request, "progress/includes/personal_data_export_status.html", context)
    return render(request, "progress/personal_data_export_detail.html", context)


@login_required
def export_download(request, pk):
    export = _visible_export_or_404(request, pk)
    if export.status != ReportStatus.READY or not export.file:
        raise Http404
    return private_file_response(
        export.file, filename=export.filename, content_type="application/zip"
    )
