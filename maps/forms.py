from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, EditConflictMixin
from core.widgets import DateInput
from organisations.models import Organisation

from .models import TrustCircleEntry, in_france


class TrustCircleEntryForm(EditConflictMixin, forms.ModelForm):
    confirm_outside_france = forms.BooleanField(
        label=_("Je confirme que cette entrée se trouve hors de France métropolitaine et de Corse"),
        required=False,
    )

    class Meta:
        model = TrustCircleEntry
        fields = [
            "name",
            "kind",
            "circle",
            "relation",
            "description",
            "since",
            "until",
            "town",
            "latitude",
            "longitude",
            "organisation",
        ]
        widgets = {"since": DateInput(), "until": DateInput()}
        field_classes = {"since": DateField, "until": DateField}
        help_texts = {
            "latitude": _("En degrés décimaux, par exemple 43.2947 pour Marseille."),
            "longitude": _("En degrés décimaux, par exemple 5.3770 pour Marseille."),
        }

    def __init__(self, *args, eric, **kwargs):
        self.eric = eric
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(pk=eric.pk)

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (
            latitude is not None
            and longitude is not None
            and not in_france(latitude, longitude)
            and not cleaned.get("confirm_outside_france")
        ):
            self.add_error(
                "confirm_outside_france",
                _(
                    "Ce point est hors de France métropolitaine et de Corse : vérifiez la "
                    "latitude et la longitude (ne sont-elles pas inversées ?), puis cochez la "
                    "case pour confirmer."
                ),
            )
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("La fin de la relation précède son début."))
        return cleaned

    def entry_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
