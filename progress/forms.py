"""The progress pages' forms: the day the committee's report is stopped at, a report
asked for, the end-of-programme narrative, a version to freeze."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.dates import long_date
from core.forms import DateField
from organisations.models import Organisation

from . import report
from .models import ProgrammeEndNarrative, ReportFormat, ReportKind
from .periods import report_period


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


class ReportRequestForm(forms.Form):
    """Ask for a report: its kind, a day in its period (the day it is stopped at for the
    committee's report), its format and, optionally, one ERIC."""

    kind = forms.ChoiceField(label=_lazy("Rapport"))
    day = DateField(
        label=_lazy("Jour"),
        help_text=_lazy(
            "Le rapport au comité est arrêté à ce jour ; le rapport du mois ou du trimestre "
            "couvre la période qui contient ce jour."
        ),
    )
    format = forms.ChoiceField(label=_lazy("Format"), choices=ReportFormat.choices)
    eric = forms.ModelChoiceField(
        label=_lazy("ERIC"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, programme, today, erics, whole_programme: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.today = today
        self.whole_programme = whole_programme
        kinds = [(k, label) for k, label in ReportKind.choices if k != ReportKind.PROGRAMME_END]
        self.fields["kind"].choices = kinds
        self.fields["eric"].queryset = erics
        self.fields["eric"].empty_label = _lazy("Tout le programme")
        if not whole_programme:
            self.fields["eric"].required = True
            self.fields["eric"].empty_label = None
        self.fields["day"].error_messages["invalid"] = _(
            "Ce n'est pas une date : indiquez-la au format AAAA-MM-JJ, par exemple %(example)s."
        ) % {"example": today.isoformat()}
        self.fields["day"].initial = today

    def clean_day(self):
        day = self.cleaned_data["day"]
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

    def period(self):
        return report_period(
            self.cleaned_data["kind"], self.programme, self.cleaned_data["day"], today=self.today
        )


class EndNarrativeForm(forms.ModelForm):
    """The end-of-programme narrative; one recommendation field per ERIC is added."""

    class Meta:
        model = ProgrammeEndNarrative
        fields = ["users", "uses", "events", "photos"]
        widgets = {
            "users": forms.Textarea(attrs={"rows": 8}),
            "uses": forms.Textarea(attrs={"rows": 8}),
            "events": forms.Textarea(attrs={"rows": 8}),
            "photos": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, accompaniments, recommendations, photos, **kwargs):
        super().__init__(*args, **kwargs)
        self.accompaniments = accompaniments
        self.fields["photos"].queryset = photos
        self.fields["photos"].label_from_instance = lambda item: (
            "%s — %s"
            % (
                item.title,
                item.credit,
            )
        )
        self.fields["photos"].help_text = _lazy(
            "Les photos publiées sous licence CC BY-SA du programme ; leur crédit est imprimé."
        )
        for acc in accompaniments:
            self.fields["recommendation_%d" % acc.eric_id] = forms.CharField(
                label=_("Recommandations pour %(eric)s") % {"eric": acc.eric.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=recommendations.get(acc.eric_id, ""),
            )

    def recommendation_fields(self):
        return [self["recommendation_%d" % acc.eric_id] for acc in self.accompaniments]

    def recommendations(self) -> dict:
        return {
            acc.eric_id: self.cleaned_data["recommendation_%d" % acc.eric_id]
            for acc in self.accompaniments
        }


class FreezeForm(forms.Form):
    format = forms.ChoiceField(label=_lazy("Format"), choices=ReportFormat.choices)
