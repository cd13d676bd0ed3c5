"""The study's forms: a kiosk entry (validated one by one in a batch), the public
« je participe en ligne » form, the team's pages."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from core.dates import day_after, paris_midnight
from core.forms import DateField, DateTimeField

from .enums import AgeBand, Companions, Residence, Satisfaction, SpaceKind

#: A device's clock may run a little ahead of the server's.
CLOCK_SKEW = datetime.timedelta(minutes=5)
NO_CONSENT = _("Sans consentement, aucune réponse n'est enregistrée.")


#: The fields a kiosk sends as lists of strings, and those it sends as text only (an id,
#: a moment); every other one is a string, a whole number, a boolean or null.
LIST_FIELDS = ("motivations", "activities")
TEXT_FIELDS = ("id", "arrived_at", "day", "email", "first_name")
NOT_AN_ANSWER = _("Réponse illisible.")


def _kiosk_values(data):
    """The entry's JSON values that a form field can read; what cannot be an answer (a
    number where text is expected, a nested object…) is left out and named, so that the
    field says « Réponse illisible » instead of the form failing."""
    kept, unreadable = {}, []
    for name, value in data.items():
        if name in LIST_FIELDS:
            readable = isinstance(value, list) and all(isinstance(v, str) for v in value)
        elif name in TEXT_FIELDS:
            readable = isinstance(value, str)
        else:
            readable = value is None or isinstance(value, (str, bool, int))
        if readable:
            kept[name] = value
        else:
            unreadable.append(name)
    return kept, unreadable


class EntryForm(forms.Form):
    """One visitor's answers as a kiosk sends them (JSON), checked against the event's
    questionnaire: its lists, its days, the present."""

    id = forms.UUIDField()
    consent = forms.BooleanField(required=False)
    arrived_at = DateTimeField(input_formats=["iso-8601"])
    age_band = forms.ChoiceField(choices=AgeBand.choices)
    residence = forms.ChoiceField(choices=Residence.choices)
    first_visit = forms.NullBooleanField(required=False)
    heard_of = forms.ChoiceField(required=False)
    motivations = forms.MultipleChoiceField(required=False)
    motivation_text = forms.CharField(required=False, max_length=300)
    activities = forms.MultipleChoiceField(required=False)
    companions = forms.ChoiceField(choices=Companions.choices, required=False)
    satisfaction = forms.TypedChoiceField(
        choices=Satisfaction.choices, coerce=int, required=False, empty_value=None
    )
    would_return = forms.NullBooleanField(required=False)

    def __init__(self, data, *, event, questionnaire, now=None, with_arrival=True):
        kiosk_json = isinstance(data, dict) and not isinstance(data, MultiValueDict)
        data, self.unreadable = _kiosk_values(data) if kiosk_json else (data, [])
        super().__init__(data)
        self.event = event
        self.now = now or timezone.now()
        self.fields["heard_of"].choices = [("", "")] + [tuple(c) for c in questionnaire.heard_of]
        self.fields["motivations"].choices = [tuple(c) for c in questionnaire.motivations]
        self.fields["activities"].choices = [tuple(c) for c in questionnaire.activities]
        if not questionnaire.exit_question:
            del self.fields["satisfaction"]
            del self.fields["would_return"]
        if not with_arrival:
            del self.fields["arrived_at"]
            del self.fields["id"]

    def clean_consent(self):
        if self.cleaned_data.get("consent") is not True:
            raise ValidationError(NO_CONSENT, code="no_consent")
        return True

    def clean_arrived_at(self):
        moment = self.cleaned_data["arrived_at"]
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        first = paris_midnight(self.event.start_date)
        after = day_after(self.event.end_date)
        if not first <= moment < after or moment > self.now + CLOCK_SKEW:
            raise ValidationError(
                _("Heure d'arrivée impossible : hors des jours de l'événement ou dans le futur."),
                code="impossible_time",
            )
        return moment

    def clean_motivation_text(self):
        return " ".join(self.cleaned_data.get("motivation_text", "").split())

    def clean(self):
        data = super().clean()
        for name in self.unreadable:
            if name in self.fields:  # instead of « required », say why
                self._errors.pop(name, None)
                self.add_error(name, NOT_AN_ANSWER)
        return data


INVALID_EMAIL = _("Adresse électronique invalide : vérifiez-la (par exemple prenom@exemple.fr).")
NO_CONTACT_CONSENT = _("Sans votre accord, l'adresse n'est pas enregistrée.")


class ContactForm(forms.Form):
    """A visitor's « être recontacté·e » as a kiosk sends it (JSON): an id made on the
    device, the day (no moment), the address and an optional first name, the consent."""

    id = forms.UUIDField()
    day = DateField(input_formats=["%Y-%m-%d"])
    email = forms.EmailField(max_length=254, error_messages={"invalid": INVALID_EMAIL})
    first_name = forms.CharField(required=False, max_length=80)
    consent = forms.BooleanField(required=False)

    def __init__(self, data, *, event, today=None):
        data, self.unreadable = _kiosk_values(data) if isinstance(data, dict) else (data, [])
        super().__init__(data)
        self.event = event
        self.today = today or timezone.localdate()

    def clean_consent(self):
        if self.cleaned_data.get("consent") is not True:
            raise ValidationError(NO_CONTACT_CONSENT, code="no_consent")
        return True

    def clean_day(self):
        day = self.cleaned_data["day"]
        if not self.event.start_date <= day <= self.event.end_date or day > self.today:
            raise ValidationError(
                _("Jour impossible : hors des jours de l'événement ou dans le futur."),
                code="impossible_day",
            )
        return day

    def clean_first_name(self):
        return " ".join(self.cleaned_data.get("first_name", "").split())

    def clean(self):
        data = super().clean()
        for name in self.unreadable:
            if name in self.fields:
                self._errors.pop(name, None)
                self.add_error(name, NOT_AN_ANSWER)
        return data


class RemoteParticipationForm(EntryForm):
    """« Je participe en ligne »: the same questions, without arrival time nor
    activities on site; the server stamps the moment."""

    def __init__(self, data=None, *, event, questionnaire, now=None):
        super().__init__(
            data, event=event, questionnaire=questionnaire, now=now, with_arrival=False
        )
        for name in ("activities", "companions", "satisfaction", "would_return"):
            self.fields.pop(name, None)
        self.fields["consent"].label = _("J'accepte que mes réponses anonymes servent à l'étude")
        self.fields["age_band"].label = _("Votre tranche d'âge")
        self.fields["residence"].label = _("Vous habitez")
        self.fields["first_visit"].label = _("Êtes-vous déjà venu·e à la médiathèque ?")
        self.fields["first_visit"].widget = forms.Select(
            choices=[("unknown", "—"), ("false", _("Oui, déjà venu·e")), ("true", _("Non, jamais"))]
        )
        self.fields["heard_of"].label = _("Comment avez-vous connu l'événement ?")
        self.fields["motivations"].label = _("Pourquoi participez-vous ? (plusieurs réponses)")
        self.fields["motivations"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["motivations"].choices
        )
        self.fields["motivation_text"].label = _("Autre raison (facultatif, sans nom ni contact)")


class EventForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=200)
    place = forms.CharField(label=_("Lieu"), max_length=255)
    start_date = DateField(label=_("Premier jour"))
    end_date = DateField(label=_("Dernier jour"))
    opens_at = forms.TimeField(label=_("Ouverture"), widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(
        label=_("Fermeture"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    spaces = forms.MultipleChoiceField(
        label=_("Espaces"), choices=SpaceKind.choices, widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Le dernier jour suit le premier."))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("La fermeture suit l'ouverture."))
        return data


class KioskForm(forms.Form):
    label = forms.CharField(label=_("Nom de la borne"), max_length=80, initial=_("Tablette"))


class RemoteCountForm(forms.Form):
    counted_at = DateTimeField(label=_("Compté le"))
    where = forms.CharField(label=_("Plateforme de diffusion"), max_length=80)
    count = forms.IntegerField(label=_("Nombre de personnes"), min_value=1, max_value=100000)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_counted_at(self):
        moment = self.cleaned_data["counted_at"]
        if not paris_midnight(self.event.start_date) <= moment < day_after(self.event.end_date):
            raise ValidationError(_("Indiquez un moment pendant l'événement."))
        if moment > timezone.now() + CLOCK_SKEW:
            raise ValidationError(_("Ce moment n'est pas encore arrivé."))
        return moment


def _choice_lines(text: str) -> list[list[str]]:
    """« code | libellé » lines into the questionnaire's list."""
    items, seen = [], set()
    for line in text.splitlines():
        if not line.strip():
            continue
        code, sep, label = line.partition("|")
        code, label = code.strip(), label.strip()
        if not sep or not code or not label or len(code) > 40 or len(label) > 120:
            raise ValidationError(
                _("Une ligne par réponse : « code | libellé » (code de 40 signes au plus).")
            )
        if not code.replace("_", "").isalnum() or code in seen:
            raise ValidationError(_("Codes en lettres, chiffres et « _ », chacun une fois."))
        seen.add(code)
        items.append([code, label])
    if not 2 <= len(items) <= 15:
        raise ValidationError(_("Entre 2 et 15 réponses."))
    return items


class QuestionnaireForm(forms.Form):
    notice = forms.CharField(
        label=_("Information avant consentement"), max_length=1500, widget=forms.Textarea
    )
    motivations = forms.CharField(label=_("Motivations proposées"), widget=forms.Textarea)
    heard_of = forms.CharField(
        label=_("Comment la personne a connu le lieu"), widget=forms.Textarea
    )
    activities = forms.CharField(label=_("Activités proposées"), widget=forms.Textarea)
    exit_question = forms.BooleanField(label=_("Poser la question de sortie"), required=False)

    def clean_motivations(self):
        return _choice_lines(self.cleaned_data["motivations"])

    def clean_heard_of(self):
        return _choice_lines(self.cleaned_data["heard_of"])

    def clean_activities(self):
        return _choice_lines(self.cleaned_data["activities"])

    @staticmethod
    def initial_for(questionnaire) -> dict:
        def lines(items):
            return "\n".join("%s | %s" % (code, label) for code, label in items)

        return {
            "notice": questionnaire.notice,
            "motivations": lines(questionnaire.motivations),
            "heard_of": lines(questionnaire.heard_of),
            "activities": lines(questionnaire.activities),
            "exit_question": questionnaire.exit_question,
        }


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Catégorie"), max_length=120)
    description = forms.CharField(label=_("Définition"), max_length=300, required=False)
