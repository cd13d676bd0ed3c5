"""The discussion list's and the notification settings' forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .threads_models import DeliveryMode

MESSAGE_HELP = _(
    "En Markdown : **gras**, *italique*, listes avec « - ». Citez un membre de l'espace "
    "avec @identifiant ; collez l'adresse d'une animation, d'une formation, d'une fiche "
    "ou d'une page de wiki pour l'afficher en carte."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the service (core.uploads)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        help_text=MESSAGE_HELP,
    )
    files = MultipleFileField(
        label=_("Pièces jointes"),
        required=False,
        help_text=_(
            "Jusqu'à 5 fichiers de 20 Mo : PDF, texte, OpenDocument, Office, photo ou vidéo."
        ),
    )


class ThreadForm(ReplyForm):
    title = forms.CharField(label=_("Sujet"), max_length=200)
    field_order = ["title", "body", "files"]


INHERIT = ""


class PreferencesForm(forms.Form):
    """The global choice, then one per space (« comme le réglage général » by default)."""

    def __init__(self, *args, spaces, initial_modes, global_mode, **kwargs):
        super().__init__(*args, **kwargs)
        self.spaces = list(spaces)
        self.fields["global"] = forms.ChoiceField(
            label=_("Pour tous mes espaces"),
            choices=DeliveryMode.choices,
            initial=global_mode,
            widget=forms.RadioSelect,
        )
        for space in self.spaces:
            self.fields["space_%d" % space.pk] = forms.ChoiceField(
                label=space.title,
                choices=[(INHERIT, _("comme pour tous mes espaces")), *DeliveryMode.choices],
                initial=initial_modes.get(space.pk, INHERIT),
                required=False,
            )

    def space_fields(self):
        return [self["space_%d" % space.pk] for space in self.spaces]
