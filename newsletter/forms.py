from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coaching.models import Programme
from core.forms import DateField, DateTimeField, EditConflictMixin, ServiceErrorsMixin
from core.widgets import DateInput, DateTimeInput
from organisations.models import Organisation

from . import selectors
from .services.subscribers import CONSENT_TEXT

#: A CSV of contacts is read whole: at most this size.
IMPORT_MAX_BYTES = 5 * 1024 * 1024


class IssueForm(ServiceErrorsMixin, forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), empty_label=None
    )
    number = forms.IntegerField(label=_("Numéro"), min_value=1, max_value=999)
    month = DateField(
        label=_("Mois"),
        widget=DateInput(),
        help_text=_("Un jour du mois de parution (une lettre par mois)."),
    )
    title = forms.CharField(label=_("Titre"), max_length=200)
    introduction = forms.CharField(
        label=_("Éditorial"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Facultatif. Une ligne vide sépare deux paragraphes."),
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class IssueTextForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    introduction = forms.CharField(
        label=_("Éditorial"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class SectionPlanForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre de la rubrique"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation contributrice"), queryset=Organisation.objects.order_by("name")
    )
    deadline = DateField(label=_("Date de bouclage"), widget=DateInput())
    position = forms.IntegerField(label=_("Ordre"), min_value=1, max_value=50, initial=1)


class _Checkboxes(forms.ModelMultipleChoiceField):
    """Items picked from a list scoped to the user; an item outside it is refused."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, label, labeller, **kwargs):
        self.labeller = labeller
        super().__init__(
            queryset=None,
            label=label,
            required=False,
            error_messages={
                "invalid_choice": _(
                    "« %(value)s » ne fait pas partie des choix proposés : choisissez dans la "
                    "liste."
                ),
                "invalid_pk_value": _("« %(pk)s » n'est pas un choix de la liste."),
            },
            **kwargs,
        )

    def label_from_instance(self, obj):
        return self.labeller(obj)


def _image_label(item) -> str:
    credit = item.credit.strip() or _("SANS CRÉDIT")
    return "%s — %s (%s)" % (item.title, credit, item.licence_choice.label)


def _sheet_label(sheet) -> str:
    return "%s (%s)" % (sheet.title, sheet.author_eric.name)


def _animation_label(animation) -> str:
    return "%s — %s (%s)" % (
        date_format(timezone.localtime(animation.starts_at), "j M Y"),
        animation.title,
        animation.accompaniment.eric.name,
    )


def _event_label(entry) -> str:
    return "%s — %s" % (
        date_format(timezone.localtime(entry.event.start), "j M Y"),
        entry.event.title,
    )


class SectionWriteForm(EditConflictMixin, ServiceErrorsMixin, forms.Form):
    body = forms.CharField(
        label=_("Texte de la rubrique"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Une ligne vide sépare deux paragraphes. Liens et mises en valeur simples "
            "(<strong>, <em>, <a href>, listes) sont conservés ; le reste est retiré."
        ),
    )
    images = _Checkboxes(
        _("Photos de la photothèque"),
        _image_label,
        help_text=_(
            "Chaque photo paraît avec son texte alternatif, son crédit et sa licence. "
            "Une photo sans crédit est refusée."
        ),
    )
    sheets = _Checkboxes(_("Fiches « code source »"), _sheet_label)
    animations = _Checkboxes(_("Animations tenues"), _animation_label)
    events = _Checkboxes(_("Événements de l'agenda public"), _event_label)
    submit = forms.BooleanField(
        label=_("Je remets cette rubrique à l'équipe éditoriale"), required=False
    )

    def __init__(self, *args, user, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["images"].queryset = selectors.pickable_images()
        self.fields["sheets"].queryset = selectors.pickable_sheets()
        self.fields["animations"].queryset = selectors.pickable_animations(user, programme)
        self.fields["events"].queryset = selectors.pickable_events(programme)


class SectionCommentForm(ServiceErrorsMixin, forms.Form):
    comment = forms.CharField(
        label=_("Commentaire pour la rubrique"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reopen = forms.BooleanField(label=_("Renvoyer la rubrique à son auteur·rice"), required=False)


class PublishForm(ServiceErrorsMixin, forms.Form):
    when = forms.ChoiceField(
        label=_("Publication"),
        choices=[("now", _("Publier maintenant")), ("later", _("Programmer"))],
        widget=forms.RadioSelect,
        initial="now",
    )
    publish_at = DateTimeField(
        label=_("Date et heure de publication"), required=False, widget=DateTimeInput()
    )

    def clean(self):
        data = super().clean()
        if data.get("when") == "later":
            at = data.get("publish_at")
            if at is None:
                self.add_error("publish_at", _("Indiquez la date et l'heure de publication."))
            elif at <= timezone.now():
                self.add_error("publish_at", _("Choisissez un moment à venir."))
        return data


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        error_messages={"invalid": _("Saisissez une adresse électronique complète.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Cochez la case pour accepter de recevoir la lettre.")},
    )


class ImportForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "Une adresse par ligne : une colonne « email » (ou la première colonne), "
            "séparateur virgule ou point-virgule, encodé en UTF-8."
        ),
    )
    consent_text = forms.CharField(
        label=_("Origine du consentement"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Quand et comment ces personnes ont accepté de recevoir la lettre (par exemple : "
            "« inscrites sur la feuille de présence de la fête des ERIC, juin 2026 »)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 5 Mo."))
        raw = upload.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise forms.ValidationError(_("Le fichier n'est pas un texte lisible (UTF-8)."))
        if "\x00" in text:
            raise forms.ValidationError(_("Ce fichier n'est pas un CSV (contenu binaire)."))
        return text
