import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coaching.enums import AnimationStatus
from coaching.forms.filters import FIRST_DAY, LAST_DAY, MONTH_OUT_OF_RANGE, until_field
from coaching.models import Animation, Programme
from core.dates import long_date
from core.forms import ServiceErrorsMixin
from core.licences import PUBLICATION_LICENCES, licence_choices
from core.uploads import MediaKind, check_captions, inspect_upload
from organisations.models import Organisation

from .models.media import (
    AUDIO_DESCRIPTION_BOTH,
    AUDIO_DESCRIPTION_NOT_A_VIDEO,
    AUDIO_DESCRIPTION_REQUIRED,
    CAPTIONS_REQUIRED,
)
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
        validators=[
            MinValueValidator(FIRST_DAY, message=MONTH_OUT_OF_RANGE),
            MaxValueValidator(LAST_DAY, message=MONTH_OUT_OF_RANGE),
        ],
    )
    #: A dashboard's figure opens the knowledge base on the sheets that count toward a
    #: programme by a day: ``?programme=<slug>&until=AAAA-MM-JJ`` (hidden fields).
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Ce programme n'existe pas.")},
    )
    until = until_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].widget = forms.HiddenInput()
        if self.data.get("programme"):
            self.fields["month"].label = _("Mois de publication")
            self.fields["month"].help_text = _(
                "Le mois de la première publication de la fiche, au format AAAA-MM."
            )

    def clean_q(self):
        raw = self.cleaned_data["q"]
        if raw.strip() and not normalise_query(raw):
            raise forms.ValidationError(
                _("Saisissez au moins un mot : la recherche ne tient pas compte de la ponctuation.")
            )
        return raw.strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("until") and not cleaned.get("programme") and "programme" not in self.errors:
            self.add_error(
                "until",
                _("La date « jusqu'au » compte les fiches d'un programme : indiquez-le aussi."),
            )
        return cleaned

    def has_criteria(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)

    def counting_summary(self, *, today: datetime.date) -> list[str]:
        """With a programme, what the list shows, in plain French: « Fiches qui comptent
        pour le programme « … », publiées jusqu'au 30 juin 2027. »"""
        if not (self.is_bound and self.is_valid()) or not self.cleaned_data.get("programme"):
            return []
        programme = self.cleaned_data["programme"]
        until = min(self.cleaned_data.get("until") or today, programme.end_date)
        lines = [
            gettext(
                "Fiches qui comptent pour le programme « %(programme)s », publiées jusqu'au "
                "%(until)s : fiches publiques d'un ERIC accompagné dans le programme, publiées "
                "pour la première fois depuis le %(start)s."
            )
            % {
                "programme": programme.name,
                "until": long_date(until),
                "start": long_date(programme.start_date),
            }
        ]
        if self.cleaned_data.get("month"):
            lines.append(
                gettext("Première publication en %(month)s.")
                % {"month": date_format(self.cleaned_data["month"], "F Y")}
            )
        return lines


class MediaPublicationForm(ServiceErrorsMixin, forms.Form):
    """What the public page says of a journal photo or video: its title, and what it
    shows for who does not see it (a photo's alternative text, a video's transcript)."""

    title = forms.CharField(
        label=_("Titre sur le site"),
        max_length=200,
        error_messages={"required": _("Donnez un titre à la photo ou à la vidéo.")},
    )
    alt_text = forms.CharField(
        label=_("Texte alternatif"),
        max_length=250,
        help_text=_("Ce que montre la photo, en une phrase, pour qui ne la voit pas."),
        error_messages={
            "required": _("Décrivez la photo en une phrase : le texte alternatif est obligatoire.")
        },
    )
    transcript = forms.CharField(
        label=_("Transcription ou description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Ce qui se dit et se voit dans la vidéo, pour qui ne peut pas la regarder. "
            "Bienvenue, elle ne remplace pas les sous-titres."
        ),
    )
    captions = forms.FileField(
        label=_("Sous-titres synchronisés (fichier WebVTT)"),
        help_text=_(
            "Obligatoires pour publier une vidéo : un fichier .vtt encodé en UTF-8, 1 Mo au plus."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
        error_messages={"required": CAPTIONS_REQUIRED},
    )
    audio_described = forms.FileField(
        label=_("Version audiodécrite (vidéo)"),
        required=False,
        help_text=_(
            "La même vidéo avec une voix qui décrit ce qui est montré : MP4, WebM ou Ogg, "
            "20 Mo au plus. Sinon, cochez la déclaration ci-dessous."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".mp4,.m4v,.webm,.ogv,.ogg,video/*"}),
    )
    no_audio_description = forms.BooleanField(
        label=_("La bande son décrit tout ce qui est montré : pas d'audiodescription nécessaire"),
        required=False,
    )

    def __init__(self, *args, kind: str, has_captions: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if kind == MediaKind.PHOTO:
            for name in ("transcript", "captions", "audio_described", "no_audio_description"):
                del self.fields[name]
        else:
            del self.fields["alt_text"]
            if has_captions:  # the journal's captions are published with the video
                del self.fields["captions"]

    def clean_captions(self):
        captions = self.cleaned_data.get("captions")
        if captions:
            check_captions(captions)
        return captions

    def clean_audio_described(self):
        upload = self.cleaned_data.get("audio_described")
        if upload:
            kind, _content_type = inspect_upload(upload)
            if kind != MediaKind.VIDEO:
                raise forms.ValidationError(AUDIO_DESCRIPTION_NOT_A_VIDEO)
        return upload

    def clean(self):
        cleaned = super().clean()
        if "no_audio_description" in self.fields and "audio_described" not in self.errors:
            described, declared = (
                cleaned.get("audio_described"),
                cleaned.get("no_audio_description"),
            )
            if not described and not declared:
                self.add_error("no_audio_description", AUDIO_DESCRIPTION_REQUIRED)
            elif described and declared:
                self.add_error("no_audio_description", AUDIO_DESCRIPTION_BOTH)
        return cleaned


class SheetStartForm(forms.Form):
    """What « Rédiger une fiche » says of the sheet to write (GET): its ERIC, by its
    slug, and the animation it documents, if any. One of the two is enough."""

    eric = forms.ModelChoiceField(
        queryset=Organisation.objects.erics(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": _("Cet ERIC n'existe pas.")},
    )
    animation = forms.ModelChoiceField(
        queryset=Animation.objects.select_related("accompaniment__eric"),
        required=False,
        error_messages={
            "invalid_choice": _("Cette animation n'existe pas."),
            "invalid": _("Cette animation n'existe pas."),
        },
    )

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        eric, animation = cleaned_data.get("eric"), cleaned_data.get("animation")
        if animation is not None:
            if animation.status == AnimationStatus.CANCELLED:
                raise forms.ValidationError(
                    _("Cette animation a été annulée : une fiche ne peut pas la documenter.")
                )
            if eric is not None and eric.pk != animation.accompaniment.eric_id:
                raise forms.ValidationError(_("Cette animation n'est pas celle de cet ERIC."))
            cleaned_data["eric"] = animation.accompaniment.eric
        elif eric is None:
            raise forms.ValidationError(
                _("Indiquez l'ERIC ou l'animation dont la fiche raconte le « code source ».")
            )
        return cleaned_data

    def initial_for_sheet(self) -> dict:
        """The sheet form's opening values: the ERIC, the animation and its month."""
        animation = self.cleaned_data["animation"]
        initial = {"author_eric": self.cleaned_data["eric"].pk}
        if animation is not None:
            initial["related_animations"] = [animation.pk]
            initial["month"] = timezone.localtime(animation.starts_at).date().replace(day=1)
        return initial

    def query_string(self, *, next_url: str = "") -> str:
        animation = self.cleaned_data["animation"]
        params = {"eric": self.cleaned_data["eric"].slug}
        if animation is not None:
            params["animation"] = animation.pk
        if next_url:
            params["next"] = next_url
        return urlencode(params)
