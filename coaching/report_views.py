"""The committee's progress report (PDF), downloaded from the Region dashboard."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import reports
from .models import Programme
from .perms import can_view_dashboard


class ReportDateForm(forms.Form):
    """``?au=``: the day the report is stopped at (AAAA-MM-JJ, or JJ/MM/AAAA)."""

    au = forms.DateField(required=False)

    def __init__(self, *args, programme, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.today = today
        self.fields["au"].error_messages["invalid"] = _(
            "« %(value)s » n'est pas une date : indiquez-la au format AAAA-MM-JJ, "
            "par exemple %(example)s."
        ) % {"value": self.data.get("au", "")[:40], "example": today.isoformat()}

    def clean_au(self):
        day = self.cleaned_data["au"]
        if day is None:
            return self.today
        first, last = reports.as_of_range(self.programme, today=self.today)
        if day < first:
            raise forms.ValidationError(
                _("Le rapport ne peut pas être arrêté avant le début du programme, le %(start)s.")
                % {"start": date_format(first, "j F Y")}
            )
        if day > last:
            raise forms.ValidationError(
                _(
                    "Le rapport ne peut pas être arrêté à une date à venir : "
                    "au plus tard aujourd'hui, le %(today)s."
                )
                % {"today": date_format(last, "j F Y")}
            )
        return day


@login_required
def programme_report_pdf(request, slug):
    """``?au=AAAA-MM-JJ`` (default today). A date that is not one, or outside the
    programme, sends the user back to the dashboard with the reason in French."""
    programme = get_object_or_404(Programme.objects.select_related("funder"), slug=slug)
    if not can_view_dashboard(request.user, programme):
        raise PermissionDenied
    form = ReportDateForm(request.GET, programme=programme, today=timezone.localdate())
    if not form.is_valid():
        for error in form.errors["au"]:
            messages.error(request, error)
        return redirect("coaching:programme_dashboard", slug=programme.slug)
    as_of = form.cleaned_data["au"]
    content = reports.programme_report_pdf(programme, as_of=as_of)
    response = HttpResponse(content, content_type="application/pdf")
    filename = "rapport-%s-%s.pdf" % (programme.slug, as_of.isoformat())
    response["Content-Disposition"] = 'attachment; filename="%s"' % filename
    return response
