"""An animation's partners: picked among the programme's and the ERIC's own (trust
circles, added on the spot), or added on the spot from the animation's pages."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.enums import AnimationStatus
from coaching.models import Animation
from maps.models import TrustCircleEntry
from organisations.models import Organisation
from tests.coaching.journal_helpers import animation, partners, past
from tests.factories import make_organisation


def as_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def animation_post(world, **overrides):
    data = {
        "accompaniment": world.accompaniment_a.pk,
        "title": "Repair café du quartier",
        "starts_at": as_input(past()),
        "ends_at": as_input(past() + datetime.timedelta(hours=3)),
        "format": "repair_cafe",
        "status": AnimationStatus.HELD,
    }
    data.update(overrides)
    return data


def document_post(record, **overrides):
    data = {
        "report_what_happened": "Vingt personnes ont réparé leur grille-pain.",
        "attendance_residents": "20",
        "co_organisers": [org.pk for org in record.co_organisers.all()],
    }
    data.update(overrides)
    return data


def in_circles(eric, organisation, **fields):
    """An entry of ``eric``'s trust circles naming ``organisation``."""
    return TrustCircleEntry.objects.create(
        eric=eric,
        organisation=organisation,
        name=organisation.name,
        circle=fields.pop("circle", "close"),
        relation=fields.pop("relation", "co_organisation"),
        since=fields.pop("since", datetime.date(2026, 9, 1)),
        latitude=Decimal("43.3"),
        longitude=Decimal("5.4"),
        **fields,
    )


def local_partner(eric, name):
    return make_organisation(name=name, kind="association", local_to=eric)


def offered(response):
    return {org_pk for org_pk, _label in response.context["form"].fields["co_organisers"].choices}


# --- Adding a partner on the spot makes the animation count -------------------------


def test_a_partner_added_on_the_spot_makes_a_documented_animation_count(world, login):
    """The programme asks for 2 partners; the coach names one known partner and adds the
    neighbourhood's association on the spot; the team documents it: it counts."""
    assert world.programme.animation_min_partners == 2
    (known,) = partners(1)
    response = login(world.coach_a).post(
        reverse("coaching:animation_create"),
        animation_post(
            world,
            co_organisers=[known.pk],
            **{
                "new_partner-name": "Association des créateurs du Panier",
                "new_partner-kind": "association",
                "new_partner-town": "Marseille",
            },
        ),
    )
    assert response.status_code == 302
    record = Animation.objects.get()
    added = Organisation.objects.get(name="Association des créateurs du Panier")
    assert set(record.co_organisers.all()) == {known, added}
    assert (added.kind, added.town, added.local_to, added.created_by) == (
        "association",
        "Marseille",
        world.eric_a,
        world.coach_a,
    )
    assert not record.counts_toward_target  # not documented yet

    response = login(world.team_a).post(
        reverse("coaching:animation_document", args=[record.pk]), document_post(record)
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.counts_toward_target
    assert Animation.objects.counted_by_rule().filter(pk=record.pk).exists()


def test_the_team_adds_a_partner_while_documenting(world, login):
    (known,) = partners(1)
    record = animation(world, co_organisers=[known])
    response = login(world.team_a).post(
        reverse("coaching:animation_document", args=[record.pk]),
        document_post(
            record,
            **{"new_partner-name": "Mairie de secteur", "new_partner-kind": "local_authority"},
        ),
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.counts_toward_target
    added = Organisation.objects.get(name="Mairie de secteur")
    assert (added.local_to, added.created_by) == (world.eric_a, world.team_a)
    # the ERIC's own partners are offered to its next animations, in its group
    response = login(world.coach_a).get(reverse("coaching:animation_create"))
    groups = dict(response.context["form"].partner_groups_data)
    assert added in groups["Cercles de confiance et partenaires de ERIC A"]


def test_the_add_button_shows_the_form_again_with_the_partner_checked(world, login):
    (known,) = partners(1)
    response = login(world.coach_a).post(
        reverse("coaching:animation_create"),
        animation_post(
            world,
            title="Atelier vélo",
            co_organisers=[known.pk],
            add_partner="1",
            **{"new_partner-name": "Vélo Sapiens", "new_partner-kind": "association"},
        ),
    )
    assert response.status_code == 200
    added = Organisation.objects.get(name="Vélo Sapiens")
    form = response.context["form"]
    assert not form.is_bound  # no error shown on what is not finished yet
    assert form["title"].value() == "Atelier vélo"
    assert set(form["co_organisers"].value()) == {str(known.pk), str(added.pk)}
    page = response.content.decode()
    assert "Partenaire ajouté : « Vélo Sapiens », coché ci-dessus" in page
    assert not Animation.objects.exists()
    assert response.context["partner_form"]["name"].value() in (None, "")


# --- Duplicates ----------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["association  du QUARTIER", "Association du quartier !"])
def test_a_duplicate_name_picks_the_existing_partner(world, login, typed):
    existing = local_partner(world.eric_a, "Association du Quartier")
    response = login(world.coach_a).post(
        reverse("coaching:animation_create"),
        animation_post(
            world, add_partner="1", **{"new_partner-name": typed, "new_partner-kind": "company"}
        ),
    )
    assert response.status_code == 200
    assert Organisation.objects.filter(name_key="association du quartier").count() == 1
    assert response.context["form"]["co_organisers"].value() == [str(existing.pk)]
    assert "Ce partenaire existait déjà : « Association du Quartier »" in response.content.decode()


def test_a_duplicate_on_save_adds_the_existing_partner_once(world, login):
    existing = local_partner(world.eric_a, "Électrons Libres")
    response = login(world.coach_a).post(
        reverse("coaching:animation_create"),
        animation_post(
            world,
            co_organisers=[existing.pk],
            **{"new_partner-name": "electrons  libres", "new_partner-kind": "association"},
        ),
    )
    assert response.status_code == 302
    assert list(Animation.objects.get().co_organisers.all()) == [existing]
    assert Organisation.objects.filter(name_key="electrons libres").count() == 1


# --- Trust circles and the ERIC's boundary -------------------------------------------


def test_the_erics_trust_circle_organisations_are_offered_in_its_group(world, login):
    neighbour = local_partner(world.eric_b, "Centre social du Panier")
    in_circles(world.eric_a, neighbour)  # named in A's circles, though added by B
    ended = local_partner(world.eric_b, "Ancien partenaire")
    in_circles(world.eric_a, ended, until=datetime.date(2026, 10, 1))
    record = animation(world, co_organisers=partners(1))
    response = login(world.team_a).get(reverse("coaching:animation_document", args=[record.pk]))
    groups = dict(response.context["form"].partner_groups_data)
    assert neighbour in groups["Cercles de confiance et partenaires de ERIC A"]
    assert ended.pk not in offered(response)
    page = response.content.decode()
    assert "Cercles de confiance et partenaires de ERIC A" in page
    assert "Partenaires du programme" in page

    response = login(world.team_a).post(
        reverse("coaching:animation_document", args=[record.pk]),
        document_post(record, co_organisers=[*offered_ids(record), neighbour.pk]),
    )
    assert response.status_code == 302
    assert neighbour in record.co_organisers.all()


def offered_ids(record):
    return [org.pk for org in record.co_organisers.all()]


@pytest.mark.parametrize("who", ["team_a", "coach_a"])
def test_another_erics_trust_circle_partner_is_neither_offered_nor_accepted(world, login, who):
    theirs = local_partner(world.eric_b, "Amicale des locataires de B")
    in_circles(world.eric_b, theirs)
    record = animation(world, co_organisers=partners(2))
    before = set(record.co_organisers.all())
    client = login(getattr(world, who))
    url = reverse("coaching:animation_document", args=[record.pk])
    assert theirs.pk not in offered(client.get(url))

    response = client.post(
        url, document_post(record, co_organisers=[*offered_ids(record), theirs.pk])
    )
    assert response.status_code == 200
    assert "n'est pas proposé pour cet ERIC" in " ".join(
        response.context["form"].errors["co_organisers"]
    )
    assert set(record.co_organisers.all()) == before


def test_the_creation_form_refuses_another_erics_partner_for_the_chosen_eric(world, login):
    theirs = local_partner(world.eric_b, "Amicale des locataires de B")
    response = login(world.admin).post(
        reverse("coaching:animation_create"), animation_post(world, co_organisers=[theirs.pk])
    )
    assert response.status_code == 200  # offered to the admin (ERIC B's group), not for A
    groups = dict(response.context["form"].partner_groups_data)
    assert groups["Partenaires locaux de ERIC B"] == [theirs]
    assert world.partner_org in groups["Partenaires du programme"]
    assert "partenaire local d'un autre ERIC" in " ".join(
        response.context["form"].errors["co_organisers"]
    )
    assert not Animation.objects.exists()


def test_the_services_refuse_another_erics_partner_too(world):
    theirs = local_partner(world.eric_b, "Amicale des locataires de B")
    record = animation(world, co_organisers=partners(2))
    with pytest.raises(ValidationError) as error:
        services.animation_update(
            by=world.coach_a, animation=record, co_organisers=[*record.co_organisers.all(), theirs]
        )
    assert "autre ERIC" in error.value.message_dict["co_organisers"][0]
    with pytest.raises(ValidationError) as error:
        services.animation_partner_add(
            by=world.team_a,
            accompaniment=world.accompaniment_a,
            name="amicale des locataires de b",
            kind="association",
        )
    assert "autre ERIC" in error.value.message_dict["name"][0]


def test_another_team_cannot_add_a_partner_to_this_eric(world, login):
    record = animation(world, co_organisers=partners(2))
    response = login(world.team_b).post(
        reverse("coaching:animation_document", args=[record.pk]),
        document_post(
            record,
            add_partner="1",
            **{"new_partner-name": "Intrus", "new_partner-kind": "association"},
        ),
    )
    assert response.status_code == 404  # another ERIC's animation: as a missing one
    assert not Organisation.objects.filter(name="Intrus").exists()


# --- Bad input ---------------------------------------------------------------------


@pytest.mark.parametrize("button", [{}, {"add_partner": "1"}], ids=["save", "add"])
@pytest.mark.parametrize(
    ("partner", "field", "message"),
    [
        ({"kind": "association", "town": "Marseille"}, "name", "Indiquez le nom"),
        ({"name": "x" * 201, "kind": "association"}, "name", "200 caractères"),
        ({"name": "Assoc du coin", "kind": "eric"}, "kind", "un ERIC n'est pas un partenaire"),
        ({"name": "Assoc du coin", "kind": "club"}, "kind", "Choisissez un type de la liste"),
        ({"name": "Assoc du coin"}, "kind", "Choisissez le type"),
        ({"name": "Assoc du coin", "kind": "association", "town": "y" * 121}, "town", "120"),
        ({"name": "eric  B", "kind": "association"}, "name", "est un ERIC"),
    ],
)
def test_bad_partner_input_is_refused_in_french_and_nothing_typed_is_lost(
    world, login, button, partner, field, message
):
    before = Organisation.objects.count()
    data = animation_post(
        world, title="Atelier à garder", **{"new_partner-" + k: v for k, v in partner.items()}
    )
    data.update(button)
    response = login(world.coach_a).post(reverse("coaching:animation_create"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["partner_form"].errors[field])
    page = response.content.decode()
    assert "Atelier à garder" in page
    if "name" in partner:
        assert partner["name"][:50] in page
    assert not Animation.objects.exists()
    assert Organisation.objects.count() == before


def test_a_forged_co_organiser_value_is_refused(world, login):
    response = login(world.coach_a).post(
        reverse("coaching:animation_create"), animation_post(world, co_organisers=["abc"])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["co_organisers"]
    response = login(world.coach_a).post(
        reverse("coaching:animation_create"), animation_post(world, co_organisers=[world.eric_b.pk])
    )
    assert response.status_code == 200
    assert "n'est pas proposé" in " ".join(response.context["form"].errors["co_organisers"])
    assert not Animation.objects.exists()


# --- Queries -------------------------------------------------------------------------


def _many_partners(world, n):
    for number in range(n):
        in_circles(world.eric_a, local_partner(world.eric_a, "Voisin %d" % number))
        local_partner(world.eric_b, "Voisin de B %d" % number)
    partners(n, prefix="Programme")


# The pages' queries, whatever the number of partners: session, user, scope, (the
# animation, its partners and media), the accompaniments, the ERIC's own partners (one
# UNION), the partners offered.
FORM_QUERIES = 9
EDIT_QUERIES = 11
DOCUMENT_QUERIES = 8


@pytest.mark.parametrize("n", [1, 30])
def test_the_form_pages_read_the_partners_in_the_same_queries(
    world, login, django_assert_num_queries, n
):
    _many_partners(world, n)
    record = animation(world, co_organisers=partners(2))
    coach = login(world.coach_a)
    with django_assert_num_queries(FORM_QUERIES):
        response = coach.get(reverse("coaching:animation_create"))
    assert len(offered(response)) == 2 * n + 4  # A's own, the programme's (+ 4 of the world)
    with django_assert_num_queries(EDIT_QUERIES):
        coach.get(reverse("coaching:animation_update", args=[record.pk]))
    team = login(world.team_a)
    with django_assert_num_queries(DOCUMENT_QUERIES):
        team.get(reverse("coaching:animation_document", args=[record.pk]))


def test_adding_with_nothing_typed_says_so_and_saves_nothing(world, login):
    response = login(world.coach_a).post(
        reverse("coaching:animation_create"),
        animation_post(world, add_partner="1", **{"new_partner-name": "  "}),
    )
    assert response.status_code == 200
    assert "Indiquez le nom du partenaire à ajouter." in response.content.decode()
    assert "Repair café du quartier" in response.content.decode()
    assert not Animation.objects.exists()
