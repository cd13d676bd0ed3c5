"""The progress pages' one form: the day the committee's report is stopped at."""

from django import forms
from django.utils.translation import gettext as _

from core.dates import long_date
from core.forms import DateField

from . import report


class ReportDateForm(forms.Form):
    """``?au=``: the day the report is stopped at (AAAA-MM-JJ, or JJ/MM/AAAA)."""

    au = DateField(required=False)

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
        first, last = report.as_of_range(self.programme, today=self.today)
        if day < first:
            raise forms.ValidationError(
                _("Le rapport ne peut pas être arrêté avant le début du programme, le %(start)s.")
                % {"start": long_date(first)}
            )
        if day > last:
            raise forms.ValidationError(
                _(
                    "Le rapport ne peut pas être arrêté à une date à venir : "
                    "au plus tard aujourd'hui, le %(today)s."
                )
                % {"today": long_date(last)}
            )
        return day
