"""A milestone of an ERIC's trajectory."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, EditConflictMixin
from core.widgets import DateInput

from ..enums import (
    MilestoneStatus,
)
from ..models import Milestone


class MilestoneForm(EditConflictMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "description", "due_date", "status", "evidence_note", "completed_on"]
        field_classes = {"due_date": DateField, "completed_on": DateField}
        widgets = {
            "due_date": DateInput(),
            "completed_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "evidence_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, accompaniment, **kwargs):
        self.accompaniment = accompaniment
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        programme = self.accompaniment.programme
        due_date = cleaned.get("due_date")
        if due_date and not (programme.start_date <= due_date <= programme.end_date):
            self.add_error(
                "due_date",
                _("L'échéance doit tomber pendant le programme, entre le %(start)s et le %(end)s.")
                % {
                    "start": programme.start_date.strftime("%d/%m/%Y"),
                    "end": programme.end_date.strftime("%d/%m/%Y"),
                },
            )
        status = cleaned.get("status")
        if status == MilestoneStatus.DONE and not cleaned.get("evidence_note", "").strip():
            self.add_error(
                "evidence_note",
                _("Un jalon atteint s'appuie sur une preuve : décrivez-la en quelques mots."),
            )
        completed_on = cleaned.get("completed_on")
        if completed_on and completed_on > timezone.localdate():
            self.add_error("completed_on", _("Un jalon ne peut pas être atteint dans le futur."))
        elif completed_on and status != MilestoneStatus.DONE:
            self.add_error(
                "completed_on",
                _("La date d'atteinte ne s'indique que pour un jalon atteint."),
            )
        return cleaned
