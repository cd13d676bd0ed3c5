"""An organisation entry of the trust circles names the platform's organisation of the
same name, so that the animation forms offer it among the ERIC's trust circles."""

import datetime

import pytest

from maps import services
from maps.enums import Circle, EntryKind, Relation
from tests.factories import make_organisation


def entry_fields(**overrides):
    fields = {
        "name": "association des créateurs du PANIER",
        "kind": EntryKind.ORGANISATION,
        "circle": Circle.CLOSE,
        "relation": Relation.CO_ORGANISATION,
        "since": datetime.date(2026, 10, 1),
        "town": "Marseille",
        "latitude": "43.2991",
        "longitude": "5.3679",
    }
    fields.update(overrides)
    return fields


@pytest.mark.django_db
def test_an_entry_names_the_organisation_of_the_same_name(world):
    known = make_organisation(
        name="Association des Créateurs du Panier", kind="association", local_to=world.eric_a
    )
    entry = services.trust_circle_entry_create(by=world.team_a, eric=world.eric_a, **entry_fields())
    assert entry.organisation == known


@pytest.mark.django_db
def test_a_group_of_users_or_an_unknown_name_stays_unlinked(world):
    make_organisation(name="Coworkers du Panier", kind="association")
    group = services.trust_circle_entry_create(
        by=world.team_a,
        eric=world.eric_a,
        **entry_fields(name="Coworkers du Panier", kind=EntryKind.USER_GROUP),
    )
    unknown = services.trust_circle_entry_create(
        by=world.team_a, eric=world.eric_a, **entry_fields(name="Jardin partagé")
    )
    assert group.organisation is None and unknown.organisation is None


@pytest.mark.django_db
def test_renaming_an_entry_links_it(world):
    entry = services.trust_circle_entry_create(
        by=world.team_a, eric=world.eric_a, **entry_fields(name="Jardin partagé")
    )
    known = make_organisation(name="Jardin partagé des Rosiers", kind="association")
    services.trust_circle_entry_update(
        by=world.team_a, entry=entry, name="jardin partage des rosiers"
    )
    entry.refresh_from_db()
    assert entry.organisation == known
