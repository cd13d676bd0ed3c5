"""SKEMA's tools: the questionnaire, the categories and the coding of free text (the
study's partner), the typology (page and PDF) and the anonymised export (whoever reads
the shared data)."""

import operator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import csv_response
from core.params import id_param
from core.pdf import css_string, render_pdf

from .. import services
from ..export import export_columns, export_rows
from ..forms import CategoryForm, QuestionnaireForm
from ..models import MotivationCategory, Questionnaire, VisitorEntry
from ..typology import typology_summary_for_study
from .access import led_study_or_404, study_or_404

#: Free-text answers shown per page of the coding.
CODING_PAGE = 25


@login_required
def questionnaire_edit(request, pk):
    study = led_study_or_404(request, pk)
    current = Questionnaire.objects.current_for(study)
    form = QuestionnaireForm(
        request.POST or None, initial=QuestionnaireForm.initial_for(current) if current else None
    )
    if request.method == "POST" and form.is_valid():
        saved = services.questionnaire_save(by=request.user, study=study, **form.cleaned_data)
        if current is not None and saved.pk != current.pk:
            messages.success(
                request,
                _(
                    "La version %(old)s a déjà des réponses : vos changements forment la "
                    "version %(new)s, pour les prochaines vagues. Les réponses gardent leur version."
                )
                % {"old": current.version, "new": saved.version},
            )
        else:
            messages.success(request, _("Le questionnaire est enregistré."))
        return redirect("study:questionnaire_edit", pk=study.pk)
    versions = list(Questionnaire.objects.filter(study=study).order_by("-version"))
    return render(
        request,
        "study/questionnaire_form.html",
        {"study": study, "form": form, "current": current, "versions": versions},
        status=400 if form.errors else 200,
    )


@login_required
def categories(request, pk):
    study = led_study_or_404(request, pk)
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(by=request.user, study=study, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La catégorie est ajoutée."))
            return redirect("study:coding", pk=study.pk)
    return _coding_page(request, study, category_form=form, status=400 if form.errors else 200)


@login_required
def coding(request, pk):
    study = led_study_or_404(request, pk)
    if request.method == "POST":
        entry = get_object_or_404(
            VisitorEntry.objects.select_related("event"),
            pk=id_param(request.POST.get("entry")) or 0,
            event__study=study,
        )
        category = MotivationCategory.objects.filter(
            study=study,
            pk=id_param(request.POST.get("category")) or 0,
        ).first()
        if category is None:
            messages.error(request, _("Choisissez une catégorie."))
        else:
            try:
                services.motivation_code(by=request.user, entry=entry, category=category)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("La réponse est codée « %(name)s ».") % {"name": category.name}
                )
        return redirect("study:coding", pk=study.pk)
    return _coding_page(request, study, category_form=CategoryForm())


def _coding_page(request, study, *, category_form, status=200):
    uncoded = (
        VisitorEntry.objects.filter(event__study=study, coding__isnull=True)
        .exclude(motivation_text="")
        .select_related("event")
        .order_by("arrived_at", "pk")
    )
    return render(
        request,
        "study/coding.html",
        {
            "study": study,
            "categories": list(study.categories.all()),
            "uncoded": list(uncoded[:CODING_PAGE]),
            "uncoded_count": uncoded.count(),
            "coded": list(
                VisitorEntry.objects.filter(event__study=study, coding__isnull=False)
                .select_related("coding__category", "coding__coded_by")
                .order_by("-coding__coded_at")[:CODING_PAGE]
            ),
            "category_form": category_form,
        },
        status=status,
    )


@login_required
def export(request, pk):
    study = study_or_404(request, pk)
    columns = [
        (label, operator.itemgetter(index)) for index, (_key, label) in enumerate(export_columns())
    ]
    return csv_response(
        filename="etude-visiteurs-anonymisee-%s" % timezone.localdate().isoformat(),
        columns=columns,
        records=export_rows(study),
    )


@login_required
def typology(request, pk):
    study = study_or_404(request, pk)
    return render(
        request,
        "study/typology.html",
        {"study": study, "summary": typology_summary_for_study(study)},
    )


@login_required
def typology_pdf(request, pk):
    study = study_or_404(request, pk)
    summary = typology_summary_for_study(study)
    if summary is None:
        raise Http404
    title = _("Typologie des usages — %(study)s") % {"study": study.title}
    pdf = render_pdf(
        "study/typology_pdf.html",
        {
            "study": study,
            "summary": summary,
            "title": title,
            "css_header": css_string(title),
            "generated_at": timezone.localtime(),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="typologie-des-usages.pdf"'
    return response
