"""The filters of the journal's lists, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation


class JournalFilterForm(forms.Form):
    """The filters of a journal list, read from the query string."""

    q = forms.CharField(label=_("Rechercher"), required=False)
    eric = forms.ModelChoiceField(
        label=_("ERIC"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Tous les ERIC"),
    )
    month = forms.DateField(
        label=_("Mois"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "AAAA-MM"}, format="%Y-%m"),
        error_messages={"invalid": _("Indiquez un mois au format AAAA-MM.")},
    )
    status = forms.ChoiceField(label=_("Statut"), required=False)
    topic = forms.ChoiceField(label=_("Sujet"), required=False)

    def __init__(
        self,
        *args,
        erics,
        status_choices=None,
        status_label=None,
        topic_choices=None,
        topic_label=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["eric"].queryset = erics
        if status_choices:
            self.fields["status"].choices = [("", _("Tous"))] + list(status_choices)
            self.fields["status"].label = status_label or self.fields["status"].label
        else:
            del self.fields["status"]
        if topic_choices:
            self.fields["topic"].choices = [("", _("Tous"))] + list(topic_choices)
            self.fields["topic"].label = topic_label or self.fields["topic"].label
        else:
            del self.fields["topic"]
