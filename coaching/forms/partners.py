"""An animation's partners: the picker (the programme's partners and the ERIC's own,
grouped) and the « Ajouter un partenaire » sub-form, shared by the animation's form and
its documentation form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import ServiceErrorsMixin
from organisations.models import Organisation
from organisations.services import PARTNER_KINDS, TOWN_MAX_LENGTH, check_partner_fields

from ..selectors.partners import partner_links, partners_offered


def partner_label(organisation: Organisation) -> str:
    if organisation.town:
        return "%(name)s (%(town)s)" % {"name": organisation.name, "town": organisation.town}
    return organisation.name


class PartnerChoicesMixin:
    """Adds ``co_organisers``: checkboxes in groups, the ERIC's own partners first
    (current trust circles, added on the spot, past co-organisers), then the others of
    the programme. Another ERIC's local partners are not offered, hence refused."""

    def set_partner_choices(self, erics, *, present=()) -> None:
        """``erics``: the ERIC the animation may be hosted by; ``present``: the
        animation's co-organisers, offered whatever happens."""
        erics = list(erics)
        self.partner_links = partner_links([eric.pk for eric in erics])
        offered = partners_offered(links=self.partner_links, also=[org.pk for org in present])
        groups, placed = [], set()
        # One ERIC: its group holds its trust circles and the partners added for it.
        # Several (a coach's creation form): the programme's partners stay in their own
        # group, whoever's circles they are in; an ERIC's group holds its local ones.
        single = len(erics) == 1
        for eric in erics:
            own = [
                org
                for org in offered
                if org.pk not in placed
                and (
                    (single and self.partner_links.is_own(org, eric.pk))
                    or (org.local_to_id is not None and self.partner_links.offers(org, eric.pk))
                )
            ]
            placed.update(org.pk for org in own)
            if own:
                label = (
                    _("Cercles de confiance et partenaires de %(eric)s")
                    if single
                    else _("Partenaires locaux de %(eric)s")
                ) % {"eric": eric.name}
                groups.append((label, own))
        others = [org for org in offered if org.pk not in placed]
        if others:
            groups.append((_("Partenaires du programme"), others))
        self.partner_groups_data = groups
        field = self.fields["co_organisers"]
        field.queryset = Organisation.objects.filter(pk__in=[org.pk for org in offered])
        field.choices = [(org.pk, partner_label(org)) for _label, orgs in groups for org in orgs]

    def partner_groups(self):
        """[(label, [checkbox…])] for the template."""
        by_value = {str(box.data["value"]): box for box in self["co_organisers"]}
        return [
            (label, [by_value[str(org.pk)] for org in orgs])
            for label, orgs in self.partner_groups_data
        ]

    def check_partners_for(self, eric, co_organisers, *, present=()) -> None:
        """On the creation form, several ERIC are offered: the partners chosen must be
        the programme's or the chosen ERIC's own."""
        present_ids = {org.pk for org in present}
        for org in co_organisers:
            if org.pk not in present_ids and not self.partner_links.offers(org, eric.pk):
                self.add_error(
                    "co_organisers",
                    _(
                        "« %(name)s » est un partenaire local d'un autre ERIC : il n'est pas "
                        "proposé pour %(eric)s."
                    )
                    % {"name": org.name, "eric": eric.name},
                )
                return


class NewPartnerForm(ServiceErrorsMixin, forms.Form):
    """« Ajouter un partenaire »: a name, a kind, a town; empty when none is added."""

    prefix = "new_partner"

    name = forms.CharField(
        label=_("Nom du partenaire"),
        required=False,
        max_length=Organisation._meta.get_field("name").max_length,
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("— choisir —")), *((kind.value, kind.label) for kind in PARTNER_KINDS)],
        error_messages={
            "invalid_choice": _("Choisissez un type de la liste (un ERIC n'est pas un partenaire).")
        },
    )
    town = forms.CharField(label=_("Commune"), required=False, max_length=TOWN_MAX_LENGTH)

    def clean(self):
        cleaned = super().clean()
        if self.errors or not any(cleaned.get(name) for name in ("name", "kind", "town")):
            return cleaned
        try:
            cleaned["name"], cleaned["town"] = check_partner_fields(
                name=cleaned.get("name", ""),
                kind=cleaned.get("kind", ""),
                town=cleaned.get("town", ""),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return cleaned

    @property
    def partner(self) -> dict | None:
        """What the services take as ``new_partner`` (after validation), or None."""
        if not self.cleaned_data.get("name"):
            return None
        return {name: self.cleaned_data[name] for name in ("name", "kind", "town")}
