from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ServiceErrorsMixin
from core.licences import PUBLICATION_LICENCES, Licence, licence_choices
from core.params import MAX_ID
from organisations.models import Organisation

BODY_HELP = _(
    "En Markdown : **gras**, *italique*, listes avec « - », titres avec « ## ». "
    "Pour lier une autre page de l'espace : [[Titre de la page]]."
)

#: A wiki page's longest text (about 60 printed pages): every save keeps it whole.
BODY_MAX_LENGTH = 200_000


class InvitationForm(forms.Form):
    identifier = forms.CharField(
        label=_("Identifiant ou e-mail de la personne"),
        max_length=254,
        help_text=_("Son identifiant de connexion ou son adresse e-mail, exactement."),
    )


class WikiCreateForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    body = forms.CharField(
        label=_("Texte"),
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        max_length=BODY_MAX_LENGTH,
        help_text=BODY_HELP,
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=licence_choices(PUBLICATION_LICENCES),
        initial=Licence.CC_BY_SA_4,
        help_text=_("Les contenus du programme sont sous CC BY-SA 4.0 par défaut."),
    )
    comment = forms.CharField(label=_("Résumé de la modification"), max_length=200, required=False)


class WikiEditForm(ServiceErrorsMixin, forms.Form):
    body = forms.CharField(
        label=_("Texte"),
        widget=forms.Textarea(attrs={"rows": 20}),
        required=False,
        max_length=BODY_MAX_LENGTH,
        help_text=BODY_HELP,
    )
    comment = forms.CharField(label=_("Résumé de la modification"), max_length=200, required=False)
    #: The revision the text was taken from: a later save by someone else is a conflict.
    base_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_ID)


class ProposalForm(ServiceErrorsMixin, forms.Form):
    author_eric = forms.ModelChoiceField(
        label=_("ERIC auteur"),
        queryset=Organisation.objects.none(),
        help_text=_("L'ERIC qui a vécu et documenté l'action."),
    )
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Deux ou trois phrases, affichées dans la liste des fiches."),
    )
    context = forms.CharField(
        label=_("Contexte"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Le lieu, le public, ce qui a amené l'action."),
    )
    how_to_reproduce = forms.CharField(
        label=_("Comment le reproduire"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, erics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author_eric"].queryset = erics


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher dans mes espaces"), max_length=200, required=False)
