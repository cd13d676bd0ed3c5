"""Partners added on the spot: one organisation per name, accents, case and spaces aside."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisations.enums import OrganisationKind
from organisations.models import Organisation, name_key
from organisations.services import partner_find_or_create
from tests.factories import make_organisation, make_user


@pytest.mark.parametrize(
    "typed",
    [
        "Association du quartier",
        "association  du QUARTIER",
        "  Association du quartier. ",
        "Association-du-quartier",
        "ASSOCIATION DU QUARTIER !",
    ],
)
def test_names_that_differ_by_case_spaces_punctuation_share_a_key(typed):
    assert name_key(typed) == "association du quartier"


def test_accents_are_set_aside():
    assert name_key("Électrons libres de l'Estaque") == name_key("electrons LIBRES de l estaque")
    assert name_key("Cœur de ville") != name_key("Coeur de ville")  # œ is a letter of its own


@pytest.mark.django_db
def test_the_key_is_kept_on_save_and_unique_in_the_database():
    organisation = make_organisation(name="Association du quartier", kind="association")
    assert organisation.name_key == "association du quartier"
    organisation.name = "Association du Quartier Nord"
    organisation.save(update_fields=["name"])
    organisation.refresh_from_db()
    assert organisation.name_key == "association du quartier nord"
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organisation(name="ASSOCIATION  du quartier nord", kind="association")


@pytest.mark.django_db
def test_the_model_says_in_french_that_the_name_exists():
    make_organisation(name="Médiathèque Louis Aragon", kind=OrganisationKind.LOCAL_AUTHORITY)
    duplicate = Organisation(name="mediatheque louis aragon", slug="autre", kind="association")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "« Médiathèque Louis Aragon » existe déjà" in error.value.message_dict["name"][0]


@pytest.mark.django_db
def test_find_or_create_picks_the_existing_one():
    eric = make_organisation(name="ERIC du Panier")
    coach = make_user()
    existing = make_organisation(name="Association du quartier", kind="association")
    found, created = partner_find_or_create(
        by=coach, name="association  du QUARTIER", kind="company", local_to=eric
    )
    assert (found, created) == (existing, False)
    assert found.kind == "association"  # what exists is not changed
    assert Organisation.objects.filter(name_key="association du quartier").count() == 1


@pytest.mark.django_db
def test_find_or_create_records_who_added_it_and_for_which_eric():
    eric = make_organisation(name="ERIC du Panier")
    coach = make_user()
    partner, created = partner_find_or_create(
        by=coach,
        name="  Les Petits   Débrouillards ",
        kind="association",
        town=" Marseille ",
        local_to=eric,
    )
    assert created
    assert partner.name == "Les Petits Débrouillards"
    assert (partner.town, partner.local_to, partner.created_by) == ("Marseille", eric, coach)
    assert partner.slug == "les-petits-debrouillards"
    assert partner.created_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "   ", "kind": "association"}, "name", "Indiquez le nom"),
        ({"name": "x" * 201, "kind": "association"}, "name", "200 caractères"),
        ({"name": "« … »", "kind": "association"}, "name", "au moins une lettre"),
        ({"name": "Assoc", "kind": "eric"}, "kind", "un ERIC n'en est pas un"),
        ({"name": "Assoc", "kind": "club"}, "kind", "Choisissez le type"),
        ({"name": "Assoc", "kind": "association", "town": "y" * 121}, "town", "120 caractères"),
        ({"name": "eric du PANIER", "kind": "association"}, "name", "est un ERIC"),
    ],
)
def test_bad_partners_are_refused_in_french(fields, field, message):
    eric = make_organisation(name="ERIC du Panier")
    before = Organisation.objects.count()
    with pytest.raises(ValidationError) as error:
        partner_find_or_create(by=make_user(), local_to=eric, **fields)
    assert message in " ".join(error.value.message_dict[field])
    assert Organisation.objects.count() == before


def test_a_local_partner_is_not_offered_as_a_programme_trainer(db):
    from trainings.forms import TrainingForm

    eric = make_organisation(kind=OrganisationKind.ERIC)
    national = make_organisation(kind=OrganisationKind.NETWORK)
    local, _ = partner_find_or_create(
        by=make_user(), name="Jardin partagé", kind=OrganisationKind.ASSOCIATION, local_to=eric
    )
    from coaching.models import Programme

    trainers = (
        TrainingForm(programmes=Programme.objects.none()).fields["trainer_organisations"].queryset
    )
    assert national in trainers and local not in trainers and eric not in trainers
