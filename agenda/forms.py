import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching.models import Programme
from core.forms import DateField, DateTimeField
from core.widgets import DateInput, DateTimeInput, TimeInput
from organisations.models import Organisation

from .enums import EntryKind, Visibility
from .services import recurrence_end


class RepeatMixin(forms.Form):
    """A weekly repetition that must end: a last day or a number of occurrences."""

    until = DateField(label=_("Dernier jour de la répétition"), required=False, widget=DateInput())
    count = forms.IntegerField(
        label=_("Ou nombre de créneaux"), required=False, min_value=1, max_value=260
    )

    def repeat_until(self, start):

        try:
            return recurrence_end(
                start=start,
                until=self.cleaned_data.get("until"),
                count=self.cleaned_data.get("count"),
            )
        except ValidationError as error:
            for message in error.messages:
                self.add_error("until", message)
            return None


class HotlineSlotForm(RepeatMixin):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    first_day = DateField(label=_("Premier jour de permanence"), widget=DateInput())
    start_time = forms.TimeField(label=_("Début"), initial=datetime.time(9, 0), widget=TimeInput())
    end_time = forms.TimeField(label=_("Fin"), initial=datetime.time(12, 30), widget=TimeInput())

    field_order = ["programme", "first_day", "start_time", "end_time", "until", "count"]

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        if programmes.count() == 1:
            self.fields["programme"].initial = programmes.first()

    def clean(self):
        cleaned = super().clean()
        first_day, start_time, end_time = (
            cleaned.get("first_day"),
            cleaned.get("start_time"),
            cleaned.get("end_time"),
        )
        if start_time and end_time and end_time <= start_time:
            self.add_error("end_time", _("La fin doit venir après le début."))
        if first_day and start_time and not self.errors:
            start = timezone.make_aware(datetime.datetime.combine(first_day, start_time))
            self.repeat_until(start)
        return cleaned


class EntryForm(RepeatMixin):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    eric = forms.ModelChoiceField(
        label=_("ERIC"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Laisser vide pour un événement de tout le programme."),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[
            (EntryKind.MEETING, EntryKind.MEETING.label),
            (EntryKind.NEWSLETTER_DEADLINE, EntryKind.NEWSLETTER_DEADLINE.label),
        ],
    )
    title = forms.CharField(label=_("Intitulé"), max_length=255)
    start = DateTimeField(label=_("Début"), widget=DateTimeInput())
    end = DateTimeField(label=_("Fin"), widget=DateTimeInput())
    location = forms.CharField(label=_("Lieu"), max_length=255, required=False)
    visibility = forms.ChoiceField(
        label=_("Qui le voit"), choices=Visibility.choices, initial=Visibility.PROGRAMME
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    weekly = forms.BooleanField(label=_("Répéter chaque semaine"), required=False)

    field_order = [
        "programme",
        "eric",
        "kind",
        "title",
        "start",
        "end",
        "location",
        "visibility",
        "description",
        "weekly",
        "until",
        "count",
    ]

    def __init__(self, *args, programmes, erics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["eric"].queryset = erics
        if programmes.count() == 1:
            self.fields["programme"].initial = programmes.first()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("La fin doit venir après le début."))
        cleaned["repeat_until"] = None
        if cleaned.get("weekly") and start and not self.errors:
            cleaned["repeat_until"] = self.repeat_until(start)
        return cleaned


class OccurrenceMoveForm(forms.Form):
    start = DateTimeField(label=_("Nouveau début"), widget=DateTimeInput())
    end = DateTimeField(label=_("Nouvelle fin"), widget=DateTimeInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("La fin doit venir après le début."))
        return cleaned
