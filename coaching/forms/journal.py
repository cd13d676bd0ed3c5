"""The journal's forms: the quick call log, coaching sessions, animations and their
documentation, photos and videos. Each speaks the model's and the service's errors on
its fields (``core.forms.ServiceErrorsMixin``)."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, DateTimeField, EditConflictMixin, ServiceErrorsMixin
from core.french import of_name
from core.licences import MEDIA_LICENCES, Licence, licence_choices
from core.uploads import PHOTO_ALT_REQUIRED, MediaKind, check_captions, inspect_upload
from core.widgets import DateInput, DateTimeInput
from organisations.enums import Role
from organisations.models import Organisation

from ..enums import (
    AnimationFormat,
    AnimationStatus,
    CallChannel,
    HotlineTopic,
    SessionFormat,
    Visibility,
)
from ..models import ATTENDANCE_FIELDS, Accompaniment, Milestone
from ..models.records import CLOCK_TOLERANCE, MAX_DURATION_MINUTES
from ..scope import get_scope
from .partners import PartnerChoicesMixin


class AccompanimentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.eric.name


def is_team_member(user, accompaniment) -> bool:
    return user.memberships.filter(
        organisation_id=accompaniment.eric_id, role=Role.ERIC_TEAM
    ).exists()


def managed_accompaniments(user):
    """The accompaniments whose journal the user writes (their ERIC, as a coach)."""
    scope = get_scope(user)
    queryset = Accompaniment.objects.select_related("eric", "programme").order_by("eric__name")
    if scope.sees_everything:
        return queryset
    return queryset.filter(pk__in=scope.coached_accompaniment_ids)


class JournalForm(ServiceErrorsMixin, forms.Form):
    """Forms whose model's own validation (model.clean) also speaks on the form."""


class HotlineCallForm(EditConflictMixin, JournalForm):
    """The quick log: one screen, sensible defaults, only the ERIC and the time required."""

    accompaniment = AccompanimentChoiceField(
        label=_("ERIC"),
        queryset=Accompaniment.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choisissez l'ERIC qui appelle."),
            "invalid_choice": _("Vous ne tenez pas le journal de cet ERIC."),
        },
    )
    started_at = DateTimeField(label=_("Date et heure"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"),
        min_value=1,
        max_value=MAX_DURATION_MINUTES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
        error_messages={
            "min_value": _("La durée doit être d'au moins une minute."),
            "max_value": _("La durée ne peut pas dépasser 12 heures (720 minutes)."),
        },
    )
    channel = forms.ChoiceField(
        label=_("Canal"), choices=CallChannel.choices, widget=forms.RadioSelect
    )
    topics = forms.MultipleChoiceField(
        label=_("Sujets"),
        choices=HotlineTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    summary = forms.CharField(
        label=_("Résumé"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    caller_member = forms.ModelChoiceField(
        label=_("Appelant·e, membre de l'équipe"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("— quelqu'un d'autre, ou personne en particulier —"),
    )
    caller_name = forms.CharField(label=_("Ou son nom"), max_length=120, required=False)
    caller_role = forms.CharField(label=_("Sa fonction"), max_length=120, required=False)
    visibility = forms.ChoiceField(
        label=_("Visibilité"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Un appel partagé est visible par l'équipe de l'ERIC ; un appel réservé ne "
            "l'est que des personnes ressources et de la Région."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        accompaniments = managed_accompaniments(user)
        self.fields["accompaniment"].queryset = accompaniments
        self.fields["caller_member"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__role=Role.ERIC_TEAM,
                memberships__organisation__in=accompaniments.values("eric_id"),
            )
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["caller_member"].label_from_instance = lambda member: (
            member.get_full_name() or member.get_username()
        )

    def clean(self):
        cleaned = super().clean()
        member, accompaniment = cleaned.get("caller_member"), cleaned.get("accompaniment")
        if member and accompaniment and not is_team_member(member, accompaniment):
            self.add_error(
                "caller_member",
                # Translators: of_eric is « du Hublot »… (core.french.of_name).
                _("%(name)s n'est pas dans l'équipe %(of_eric)s.")
                % {
                    "name": member.get_full_name() or member.get_username(),
                    "of_eric": of_name(accompaniment.eric.name),
                },
            )
        return cleaned

    def clean_started_at(self):
        started_at = self.cleaned_data["started_at"]
        if started_at > timezone.now() + CLOCK_TOLERANCE:
            raise ValidationError(_("Un appel ne peut pas être daté dans le futur."))
        return started_at


class FollowUpForm(forms.Form):
    action = forms.CharField(label=_("Action"), max_length=255)
    owner = forms.CharField(label=_("Qui"), max_length=120, required=False)
    due_date = DateField(label=_("Échéance"), required=False, widget=DateInput())


class MilestonesByEric(BaseChoiceIterator):
    """The milestones' choices grouped by ERIC (one ``<optgroup>`` each), read when the
    field is drawn: a valid POST that redirects does not query them."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        yield ("", self.field.empty_label)
        groups = {}
        for milestone in self.field.queryset.order_by(
            "accompaniment__eric__name", "due_date", "pk"
        ):
            groups.setdefault(milestone.accompaniment.eric.name, []).append(
                (milestone.pk, milestone.title)
            )
        yield from groups.items()


class MilestoneChoiceField(forms.ModelChoiceField):
    def _get_choices(self):
        if hasattr(self, "_choices"):
            return self._choices
        return MilestonesByEric(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


class CoachingSessionForm(EditConflictMixin, JournalForm):
    accompaniment = AccompanimentChoiceField(
        label=_("ERIC"), queryset=Accompaniment.objects.none(), empty_label=None
    )
    started_at = DateTimeField(label=_("Date et heure"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"),
        min_value=1,
        max_value=MAX_DURATION_MINUTES,
        error_messages={
            "min_value": _("La durée doit être d'au moins une minute."),
            "max_value": _("La durée ne peut pas dépasser 12 heures (720 minutes)."),
        },
    )
    format = forms.ChoiceField(label=_("Format"), choices=SessionFormat.choices)
    participants = forms.CharField(
        label=_("Participants"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    objectives = forms.CharField(
        label=_("Objectifs"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_steps = forms.CharField(
        label=_("Prochaines étapes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    milestone = MilestoneChoiceField(
        label=_("Jalon de la trajectoire servi"),
        queryset=Milestone.objects.none(),
        required=False,
        empty_label=_("— aucun —"),
        help_text=_("Les jalons sont rangés par ERIC : choisissez-en un de l'ERIC de la séance."),
    )
    visibility = forms.ChoiceField(
        label=_("Visibilité"), choices=Visibility.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        accompaniments = managed_accompaniments(user)
        self.fields["accompaniment"].queryset = accompaniments
        self.fields["milestone"].queryset = Milestone.objects.filter(
            accompaniment__in=accompaniments
        ).select_related("accompaniment__eric")

    def clean(self):
        cleaned = super().clean()
        milestone = cleaned.get("milestone")
        accompaniment = cleaned.get("accompaniment")
        if milestone and accompaniment and milestone.accompaniment_id != accompaniment.pk:
            self.add_error(
                "milestone",
                # Translators: of_eric is « du Hublot »… (core.french.of_name).
                _(
                    "Ce jalon appartient à un autre ERIC : choisissez un jalon de la "
                    "trajectoire %(of_eric)s, ou aucun."
                )
                % {"of_eric": of_name(accompaniment.eric.name)},
            )
        return cleaned


class OrganisationCheckboxes(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def co_organisers_field():
    return OrganisationCheckboxes(
        label=_("Organisations partenaires co-organisatrices"),
        queryset=Organisation.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Ce partenaire n'est pas proposé pour cet ERIC : choisissez dans la liste ou "
                "ajoutez-le."
            ),
            "invalid_pk_value": _("Choisissez les partenaires dans la liste."),
        },
    )


class AnimationForm(EditConflictMixin, PartnerChoicesMixin, JournalForm):
    accompaniment = AccompanimentChoiceField(
        label=_("ERIC hôte"), queryset=Accompaniment.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Titre"), max_length=200)
    starts_at = DateTimeField(label=_("Début"), widget=DateTimeInput())
    ends_at = DateTimeField(label=_("Fin"), widget=DateTimeInput(), required=False)
    place = forms.CharField(label=_("Lieu"), max_length=255, required=False)
    format = forms.ChoiceField(label=_("Format"), choices=AnimationFormat.choices)
    intended_audiences = forms.CharField(label=_("Publics visés"), max_length=255, required=False)
    co_organisers = co_organisers_field()
    skema_present = forms.BooleanField(label=_("SKEMA présente"), required=False)
    public_announcement = forms.BooleanField(
        label=_("Annoncer dans l'agenda public"),
        required=False,
        help_text=_("Le titre, la date et le lieu paraîtront sur le site et dans le flux public."),
    )
    status = forms.ChoiceField(label=_("Statut"), choices=AnimationStatus.choices)
    cancellation_reason = forms.CharField(
        label=_("Motif d'annulation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, animation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.animation = animation
        self.present_partners = list(animation.co_organisers.all()) if animation else []
        if animation:
            field = self.fields["accompaniment"]
            field.queryset = Accompaniment.objects.filter(
                pk=animation.accompaniment_id
            ).select_related("eric")
            field.disabled = True
            accompaniments = [animation.accompaniment]
        else:
            accompaniments = list(managed_accompaniments(user))
            self.fields["accompaniment"].queryset = managed_accompaniments(user)
        self.set_partner_choices(
            [accompaniment.eric for accompaniment in accompaniments],
            present=self.present_partners,
        )
        # The picker says how many partners count; one figure when all programmes agree.
        minimums = {a.programme.animation_min_partners for a in accompaniments}
        self.min_partners = minimums.pop() if len(minimums) == 1 else None

    def clean(self):
        cleaned = super().clean()
        accompaniment = cleaned.get("accompaniment")
        if accompaniment and cleaned.get("co_organisers"):
            self.check_partners_for(
                accompaniment.eric, cleaned["co_organisers"], present=self.present_partners
            )
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("ends_at", _("La fin de l'animation précède son début."))
        elif starts_at and ends_at and ends_at - starts_at > datetime.timedelta(hours=12):
            self.add_error("ends_at", _("Une animation ne peut pas durer plus de 12 heures."))
        status = cleaned.get("status")
        if (
            status == AnimationStatus.HELD
            and starts_at
            and starts_at > timezone.now() + CLOCK_TOLERANCE
        ):
            self.add_error(
                "status",
                _(
                    "Une animation datée dans le futur ne peut pas être déjà tenue : "
                    "corrigez la date ou laissez-la « prévue »."
                ),
            )
        if (
            status == AnimationStatus.CANCELLED
            and not cleaned.get("cancellation_reason", "").strip()
        ):
            self.add_error("cancellation_reason", _("Indiquez pourquoi l'animation est annulée."))
        return cleaned


class AnimationDocumentForm(PartnerChoicesMixin, JournalForm):
    report_what_happened = forms.CharField(
        label=_("Ce qui s'est passé"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Le compte rendu est écrit quand cette partie est remplie."),
    )
    report_what_worked = forms.CharField(
        label=_("Ce qui a marché"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    report_what_to_change = forms.CharField(
        label=_("Ce qu'il faudrait changer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attendance_residents = forms.IntegerField(
        label=_("Habitants et usagers"), min_value=0, required=False
    )
    attendance_young = forms.IntegerField(label=_("Jeunes"), min_value=0, required=False)
    attendance_professionals = forms.IntegerField(
        label=_("Professionnels et associations"), min_value=0, required=False
    )
    attendance_officials = forms.IntegerField(
        label=_("Élus et institutions"), min_value=0, required=False
    )
    attendance_other = forms.IntegerField(label=_("Autres publics"), min_value=0, required=False)
    skema_present = forms.BooleanField(label=_("SKEMA présente"), required=False)
    co_organisers = co_organisers_field()

    report_fields = ("report_what_happened", "report_what_worked", "report_what_to_change")
    attendance_fields = ATTENDANCE_FIELDS

    def __init__(self, *args, animation, **kwargs):
        super().__init__(*args, **kwargs)
        self.present_partners = list(animation.co_organisers.all())
        self.set_partner_choices([animation.accompaniment.eric], present=self.present_partners)
        self.min_partners = animation.accompaniment.programme.animation_min_partners


class MediaForm(JournalForm):
    upload = forms.FileField(
        label=_("Photo ou vidéo"),
        help_text=_("JPEG, PNG, WebP, GIF, MP4, WebM ou Ogg ; 20 Mo au plus."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": "image/jpeg,image/png,image/webp,image/gif,video/mp4,video/webm,video/ogg"
            }
        ),
    )
    caption = forms.CharField(label=_("Légende"), max_length=255, required=False)
    alt_text = forms.CharField(
        label=_("Texte alternatif (obligatoire pour une photo)"),
        max_length=250,
        required=False,
        help_text=_(
            "Ce que montre la photo, en une phrase, pour qui ne la voit pas : "
            "« Six personnes réparent un grille-pain autour d'une table »."
        ),
    )
    transcript = forms.CharField(
        label=_("Transcription (vidéo)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Ce qui se dit et se voit dans la vidéo. Une vidéo paraît sur le site seulement "
            "avec ses sous-titres synchronisés ; la transcription est bienvenue en plus."
        ),
    )
    captions = forms.FileField(
        label=_("Sous-titres (vidéo, fichier WebVTT)"),
        required=False,
        help_text=_("Un fichier .vtt encodé en UTF-8, 1 Mo au plus."),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )
    author = forms.CharField(label=_("Auteur·rice"), max_length=120)
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=licence_choices(MEDIA_LICENCES),
        initial=Licence.CC_BY_SA_4,
        required=False,
        help_text=_("CC BY-SA 4.0 si rien n'est choisi, comme tous les contenus du programme."),
    )
    people_visible = forms.BooleanField(
        label=_("Des personnes sont reconnaissables"), required=False
    )
    consent = forms.BooleanField(
        label=_("Les personnes montrées ont donné leur accord"), required=False
    )

    def clean_licence(self):
        return self.cleaned_data["licence"] or Licence.CC_BY_SA_4

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        self.detected_kind, _content_type = inspect_upload(upload)
        return upload

    def clean_captions(self):
        captions = self.cleaned_data.get("captions")
        if captions:
            check_captions(captions)
        return captions

    def clean(self):
        cleaned = super().clean()
        kind = getattr(self, "detected_kind", None)
        if kind == MediaKind.PHOTO and not cleaned.get("alt_text", "").strip():
            self.add_error("alt_text", PHOTO_ALT_REQUIRED)
        if kind == MediaKind.PHOTO and cleaned.get("captions"):
            self.add_error("captions", _("Seule une vidéo a des sous-titres."))
        if cleaned.get("people_visible") and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _("Des personnes sont reconnaissables : leur accord est nécessaire."),
            )
        return cleaned
