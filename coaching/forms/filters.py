"""The filters of the journal's lists and of the hotline's weeks, read from the query
string."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.dates import FIRST_DAY, LAST_DAY
from organisations.enums import Pilot
from organisations.models import Organisation

# The days a filter accepts (``core.dates``): the form refuses the others instead of
# the page failing.
DAY_OUT_OF_RANGE = _("Indiquez une date entre 2000 et 2099.")
MONTH_OUT_OF_RANGE = _("Indiquez un mois entre 2000 et 2099.")


def month_field():
    """« Mois », typed AAAA-MM: the day it holds is the month's first. A text field,
    as its help and its error say: ``type="month"`` shows a date picker in some
    browsers and a bare text field in others."""
    return forms.DateField(
        label=_("Mois"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(
            attrs={
                "placeholder": "AAAA-MM",
                "pattern": r"\d{4}-\d{2}",
                "maxlength": 7,
                "autocomplete": "off",
            },
            format="%Y-%m",
        ),
        help_text=_("Au format AAAA-MM, par exemple 2026-10."),
        error_messages={"invalid": _("Indiquez un mois au format AAAA-MM.")},
        validators=[
            MinValueValidator(FIRST_DAY, message=MONTH_OUT_OF_RANGE),
            MaxValueValidator(LAST_DAY, message=MONTH_OUT_OF_RANGE),
        ],
    )


def until_field():
    """« Jusqu'au », AAAA-MM-JJ: the day the figures are « arrêtés au »."""
    return forms.DateField(
        label=_("Jusqu'au"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(
            attrs={"type": "date", "placeholder": "AAAA-MM-JJ"}, format="%Y-%m-%d"
        ),
        error_messages={"invalid": _("Indiquez une date au format AAAA-MM-JJ.")},
        validators=[
            MinValueValidator(FIRST_DAY, message=DAY_OUT_OF_RANGE),
            MaxValueValidator(LAST_DAY, message=DAY_OUT_OF_RANGE),
        ],
    )


def programme_field(programmes, *, empty_label):
    """A programme chosen by its slug among ``programmes``: hidden when there is a
    single one to choose (one query to know it)."""
    field = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=programmes,
        to_field_name="slug",
        required=False,
        empty_label=empty_label,
    )
    if programmes.count() <= 1:
        field.widget = forms.HiddenInput()
    return field


class JournalFilterForm(forms.Form):
    """The filters of a journal list, read from the query string."""

    q = forms.CharField(label=_("Rechercher"), required=False)
    eric = forms.ModelChoiceField(
        label=_("ERIC"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Tous les ERIC"),
    )
    month = month_field()
    until = until_field()
    pilot = forms.ChoiceField(
        label=_("Pilote"),
        required=False,
        choices=[("", _("Tous les pilotes")), *Pilot.choices],
    )
    status = forms.ChoiceField(label=_("Statut"), required=False)
    topic = forms.ChoiceField(label=_("Sujet"), required=False)

    def __init__(
        self,
        *args,
        erics,
        programmes=None,
        pilots=False,
        status_choices=None,
        status_label=None,
        topic_choices=None,
        topic_label=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["eric"].queryset = erics
        if programmes is not None:
            self.fields["programme"] = programme_field(
                programmes, empty_label=_("Tous les programmes")
            )
            self.order_fields(["q", "programme", "eric"])
        if not pilots:
            del self.fields["pilot"]
        if status_choices:
            self.fields["status"].choices = [("", _("Tous"))] + list(status_choices)
            self.fields["status"].label = status_label or self.fields["status"].label
        else:
            del self.fields["status"]
        if topic_choices:
            self.fields["topic"].choices = [("", _("Tous"))] + list(topic_choices)
            self.fields["topic"].label = topic_label or self.fields["topic"].label
        else:
            del self.fields["topic"]

    def title_parts(self) -> list[str]:
        """What the filters chose, for the page's title (RGAA 8.6: a filtered list has
        its own title), e.g. ``["mois de novembre 2026", "Made in la Boate"]``."""
        if not self.is_bound or not self.is_valid():
            return []
        data = self.cleaned_data
        parts = []
        if data.get("q"):
            parts.append(_("recherche « %(q)s »") % {"q": data["q"]})
        if data.get("month"):
            parts.append(_("mois de %(month)s") % {"month": date_format(data["month"], "F Y")})
        if data.get("until"):
            parts.append(_("jusqu'au %(day)s") % {"day": date_format(data["until"], "j F Y")})
        if data.get("eric"):
            parts.append(data["eric"].name)
        for name in ("pilot", "status", "topic"):
            value = data.get(name)
            if value and name in self.fields:
                parts.append(str(dict(self.fields[name].choices).get(value, value)))
        return parts


class HotlineWeekFilterForm(forms.Form):
    """The filters of the hotline's weeks: the programme, the day they are « arrêtées
    au », held or missed, a month of the programme."""

    STATE_CHOICES = [
        ("", _("Toutes")),
        ("held", _("tenues")),
        ("missed", _("non tenues")),
    ]

    until = until_field()
    state = forms.ChoiceField(label=_("État"), required=False, choices=STATE_CHOICES)
    month = month_field()

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"] = programme_field(programmes, empty_label=None)
        self.order_fields(["programme", "until", "state", "month"])
