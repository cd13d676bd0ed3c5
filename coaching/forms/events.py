"""A federating event, and for each accompanied ERIC whether and how it took part."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, EditConflictMixin
from core.widgets import DateInput

from ..enums import (
    FederatingEventKind,
    ParticipationRole,
)
from ..models import Programme
from .journal import JournalForm, managed_accompaniments


class FederatingEventForm(EditConflictMixin, JournalForm):
    """An event, and for each accompanied ERIC of the programme whether and how it took part."""

    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), empty_label=None
    )
    name = forms.CharField(label=_("Nom"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=FederatingEventKind.choices)
    starts_on = DateField(label=_("Du"), widget=DateInput())
    ends_on = DateField(label=_("Au"), widget=DateInput(), required=False)
    place = forms.CharField(label=_("Lieu"), max_length=255, required=False)
    account = forms.CharField(
        label=_("Récit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Quelques lignes : ce que les ERIC y ont fait, qui ils ont rencontré."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        accompaniments = list(managed_accompaniments(user))
        programme_ids = {a.programme_id for a in accompaniments}
        self.fields["programme"].queryset = Programme.objects.filter(pk__in=programme_ids)
        if len(programme_ids) == 1:
            self.fields["programme"].widget = forms.HiddenInput()
            self.fields["programme"].initial = next(iter(programme_ids))
        self.accompaniments = {a.pk: a for a in accompaniments}
        self.role_field_names = []
        for accompaniment in accompaniments:
            name = f"role_{accompaniment.pk}"
            self.fields[name] = forms.ChoiceField(
                label=accompaniment.eric.name,
                choices=[("", _("ne participe pas"))] + list(ParticipationRole.choices),
                required=False,
            )
            self.role_field_names.append(name)

    def role_fields(self):
        return [self[name] for name in self.role_field_names]

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("La fin de l'événement précède son début."))
        programme = cleaned.get("programme")
        participations = {}
        for name in self.role_field_names:
            role = cleaned.get(name)
            if not role:
                continue
            accompaniment = self.accompaniments[int(name.split("_")[1])]
            if programme and accompaniment.programme_id != programme.pk:
                self.add_error(name, _("Cet ERIC n'est pas accompagné dans ce programme."))
            participations[accompaniment] = role
        cleaned["participations"] = participations
        return cleaned

    def service_data(self) -> dict:
        data = {
            name: self.cleaned_data[name]
            for name in ("name", "kind", "starts_on", "ends_on", "place", "account")
        }
        data["participations"] = self.cleaned_data["participations"]
        return data
