from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ServiceErrorsMixin
from core.licences import PUBLICATION_LICENCES, Licence, licence_choices

from .models import DocumentVisibility

FILE_HELP = _(
    "PDF, texte, OpenDocument, Office, photo (JPEG, PNG, WebP, GIF) ou vidéo (MP4, WebM, "
    "Ogg), 20 Mo au plus. Les images SVG ne sont pas acceptées."
)


class FolderForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Nom du dossier"), max_length=120)


class DocumentMetaForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text=_("Ce que contient le document, à quoi il sert."),
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=licence_choices(PUBLICATION_LICENCES),
        initial=Licence.CC_BY_SA_4,
        help_text=_("Les contenus du programme sont sous CC BY-SA 4.0 par défaut."),
    )
    visibility = forms.ChoiceField(
        label=_("Visible par"),
        choices=DocumentVisibility.choices,
        initial=DocumentVisibility.MEMBERS,
        widget=forms.RadioSelect,
        required=False,  # none chosen: the members
    )

    def __init__(self, *args, manages: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not manages:  # only a space's managers keep a document to themselves
            del self.fields["visibility"]


class DocumentCreateForm(DocumentMetaForm):
    file = forms.FileField(label=_("Fichier"), help_text=FILE_HELP)
    comment = forms.CharField(label=_("Commentaire de version"), max_length=200, required=False)

    field_order = ["file", "title", "description", "licence", "visibility", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Le nom du fichier, si vous le laissez vide.")


class VersionForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(label=_("Nouvelle version du fichier"), help_text=FILE_HELP)
    comment = forms.CharField(
        label=_("Ce qui change"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : « chiffres de mars ajoutés »."),
    )


class DocumentMoveForm(ServiceErrorsMixin, forms.Form):
    """Where to put a document: the root of the space's documents or one of its folders,
    each shown with its path (« Comptes rendus / 2026 »)."""

    folder = forms.TypedChoiceField(
        label=_("Dossier de destination"),
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, tree, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].choices = [
            ("", _("Racine des documents de l'espace")),
            *((folder.pk, label) for folder, label in tree.labelled()),
        ]
