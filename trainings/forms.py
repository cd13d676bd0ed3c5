import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coaching.forms.filters import month_field, until_field
from coaching.models import Programme
from core.dates import long_date
from core.forms import DateField, EditConflictMixin
from core.uploads import inspect_document
from core.widgets import DateInput
from organisations.models import Organisation

from .enums import AttendanceStatus, SessionSlot
from .models import Evaluation, Material, Training
from .perms import training_reach


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class TrainingForm(EditConflictMixin, forms.ModelForm):
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
        self.fields["trainer_organisations"].queryset = Organisation.objects.programme_partners()
        if self.instance.pk:
            del self.fields["programme"]


class SessionForm(forms.Form):
    date = DateField(label=_("date"), widget=DateInput())
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

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            inspect_document(upload)  # type from the content, size, pixels; no SVG
        return upload

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


def programmes_for_list(user):
    """The programmes whose trainings the user sees: every one for those who see every
    training; otherwise those they read, and those of the trainings they see."""
    reach = training_reach(user)
    programmes = Programme.objects.order_by("-start_date", "name")
    if reach.sees_all_trainings:
        return programmes
    return programmes.filter(
        Q(pk__in=reach.readable_programme_ids)
        | Q(pk__in=Training.objects.visible_to(user).values("programme_id"))
    )


class TrainingFilterForm(forms.Form):
    """The filters of the trainings' list, read from the query string.

    A figure of a dashboard opens the list on its programme, the trainings that count
    and the day it is « arrêté au »: ``?programme=<slug>&counted=1&until=AAAA-MM-JJ``
    (and ``month=AAAA-MM``, the month of the first half-day, for a month's figure)."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les programmes"),
        error_messages={
            "invalid_choice": _("Ce programme n'existe pas, ou vous ne suivez pas ses formations.")
        },
    )
    counted = forms.TypedChoiceField(
        label=_("Formations"),
        choices=[("", _("Toutes")), ("1", _("Celles qui comptent dans l'objectif"))],
        coerce=lambda value: value == "1",
        empty_value=False,
        required=False,
        error_messages={
            "invalid_choice": _(
                "Indiquez 1 pour ne garder que les formations qui comptent dans l'objectif."
            )
        },
    )
    until = until_field()
    month = month_field()

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["month"].label = _("Mois de la première demi-journée")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("counted")
            and not cleaned.get("programme")
            and "programme" not in self.errors
        ):
            self.add_error(
                "programme",
                _("Choisissez le programme : une formation compte dans l'objectif d'un programme."),
            )
        if cleaned.get("until") and not cleaned.get("counted") and "counted" not in self.errors:
            self.add_error(
                "until",
                _(
                    "La date « jusqu'au » s'applique aux formations qui comptent dans "
                    "l'objectif d'un programme : choisissez-les aussi."
                ),
            )
        return cleaned

    def is_filtered(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())

    def summary(self, *, today: datetime.date) -> list[str]:
        """The active filters, in plain French: « Formations qui comptent dans l'objectif
        du programme « … », jusqu'au 30 juin 2027. »"""
        if not self.is_filtered():
            return []
        data = self.cleaned_data
        lines = []
        programme = data.get("programme")
        if programme and data.get("counted"):
            lines.append(
                gettext(
                    "Formations qui comptent dans l'objectif du programme « %(programme)s », "
                    "jusqu'au %(until)s : tenues, émargement saisi, la première demi-journée "
                    "dans la période du programme."
                )
                % {
                    "programme": programme.name,
                    "until": long_date(min(data.get("until") or today, programme.end_date)),
                }
            )
        elif programme:
            lines.append(
                gettext("Formations du programme « %(programme)s ».")
                % {"programme": programme.name}
            )
        if data.get("month"):
            lines.append(
                gettext("Première demi-journée en %(month)s.")
                % {"month": date_format(data["month"], "F Y")}
            )
        return lines
