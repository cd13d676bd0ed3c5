from django import forms
from django.utils.translation import gettext_lazy as _

from core.licences import PUBLICATION_LICENCES, licence_choices
from organisations.models import Organisation

from .models.themes import Theme
from .search import normalise_query


class SheetSearchForm(forms.Form):
    """Search and filters of the knowledge base (GET: a result page can be shared)."""

    q = forms.CharField(label=_("Rechercher"), max_length=200, required=False)
    theme = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les thèmes"),
    )
    eric = forms.ModelChoiceField(
        label=_("ERIC"),
        queryset=Organisation.objects.erics(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les ERIC"),
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=[("", _("Toutes les licences")), *licence_choices(PUBLICATION_LICENCES)],
        required=False,
    )
    month = forms.DateField(
        label=_("Mois"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("Au format AAAA-MM, par exemple 2026-10."),
        error_messages={"invalid": _("Indiquez un mois au format AAAA-MM, par exemple 2026-10.")},
    )

    def clean_q(self):
        raw = self.cleaned_data["q"]
        if raw.strip() and not normalise_query(raw):
            raise forms.ValidationError(
                _("Saisissez au moins un mot : la recherche ne tient pas compte de la ponctuation.")
            )
        return raw.strip()

    def has_criteria(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)
