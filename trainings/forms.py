import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching.models import Programme
from core.widgets import DateInput
from organisations.models import Organisation

from .enums import AttendanceStatus, SessionSlot
from .models import Evaluation, Material, Training


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class TrainingForm(forms.ModelForm):
    remote_url = forms.URLField(
        label=_("lien de visioconférence"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Training
        fields = [
            "programme",
            "title",
            "kind",
            "quarter",
            "place",
            "remote_url",
            "trainer_organisations",
            "objectives",
            "agenda",
            "capacity",
            "public_registration",
        ]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "trainer_organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["trainer_organisations"].queryset = Organisation.objects.partners()
        if self.instance.pk:
            del self.fields["programme"]


class SessionForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=DateInput())
    slot = forms.ChoiceField(label=_("demi-journée"), choices=SessionSlot.choices)
    start_time = forms.TimeField(label=_("début"), widget=TimeInput())
    end_time = forms.TimeField(label=_("fin"), widget=TimeInput())
    activity = forms.CharField(
        label=_("contenu"),
        required=False,
        max_length=200,
        help_text=_("Par exemple : formation le matin, jeu l'après-midi."),
    )

    def clean(self):
        cleaned = super().clean()
        date, start, end = (cleaned.get(key) for key in ("date", "start_time", "end_time"))
        if date and start and end:
            if end <= start:
                self.add_error("end_time", _("La fin doit suivre le début."))
            else:
                tz = timezone.get_current_timezone()
                cleaned["starts_at"] = datetime.datetime.combine(date, start, tzinfo=tz)
                cleaned["ends_at"] = datetime.datetime.combine(date, end, tzinfo=tz)
        return cleaned


class MaterialForm(forms.ModelForm):
    url = forms.URLField(label=_("lien"), required=False, assume_scheme="https")

    class Meta:
        model = Material
        fields = ["title", "file", "url", "licence"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url"):
            raise forms.ValidationError(_("Joignez un fichier ou indiquez un lien."))
        return cleaned


class ExternalRegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("nom et prénom"), max_length=200)
    email = forms.EmailField(label=_("e-mail"))
    organisation_name = forms.CharField(
        label=_("organisation"),
        max_length=200,
        required=False,
        help_text=_("Association, service de la ville, habitant·e… Laissez vide si aucune."),
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que mon nom, mon e-mail et mon organisation servent à organiser "
            "cette formation : inscription, feuille d'émargement et attestation de présence."
        ),
        required=True,
        error_messages={
            "required": _(
                "L'inscription demande l'accord de la personne sur l'usage de ses données."
            )
        },
    )


class AttendanceForm(forms.Form):
    """One radio group per participant of a half-day."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            current = row.session_attendance[0].status if row.session_attendance else None
            self.fields["r%d" % row.pk] = forms.ChoiceField(
                label=row.full_name,
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                initial=current,
                required=False,
            )

    def statuses(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if value}

    def bound_rows(self):
        for row in self.rows:
            yield row, self["r%d" % row.pk]


SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = [*Evaluation.CRITERIA, "comment"]
        widgets = {
            **{
                criterion: forms.RadioSelect(choices=SCORE_CHOICES)
                for criterion in Evaluation.CRITERIA
            },
            "comment": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in Evaluation.CRITERIA:
            field = self.fields[criterion]
            field.widget.choices = SCORE_CHOICES
            field.help_text = _("1 : pas du tout satisfait·e — 5 : tout à fait satisfait·e")


def programmes_for_creation(reach):
    programmes = Programme.objects.order_by("-start_date", "name")
    if reach.is_administrator or reach.is_partner:
        return programmes
    return programmes.filter(pk__in=reach.managed_programme_ids)
