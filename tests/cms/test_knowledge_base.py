"""The knowledge base: French search with or without accents, filters, licences."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError

from cms.models import CodeSourceSheet
from cms.search import normalise_query, normalised_text
from tests.factories import make_organisation

from .conftest import make_sheet


def titles(response):
    return [sheet.title for sheet in response.context["sheets"]]


@pytest.fixture
def sheets(site):
    world = site.world
    repair = make_sheet(
        site.knowledge_base,
        eric=world.eric_a,
        title="Organiser un repair café",
        text="Atelier de réemploi des ordinateurs avec une association du quartier.",
        month=datetime.date(2026, 10, 1),
        licence="movecommons",
        themes=[site.themes["consommation-collaborative"]],
    )
    coworking = make_sheet(
        site.knowledge_base,
        eric=world.eric_b,
        title="Ouvrir un espace de coworking",
        text="Des postes de travail partagés pour les indépendants.",
        month=datetime.date(2026, 9, 1),
        themes=[site.themes["coworking"]],
    )
    draft = make_sheet(
        site.knowledge_base,
        eric=world.eric_a,
        title="Brouillon sur le réemploi",
        text="Pas encore relu : réemploi.",
        live=False,
    )
    return {"repair": repair, "coworking": coworking, "draft": draft}


def test_normalisation_strips_accents_case_ligatures_and_punctuation():
    assert normalise_query("  RÉEMPLOI, cœur !") == "reemploi coeur"
    assert normalise_query("?!… — «»") == ""
    assert normalised_text("<p>Café <b>réemploi</b></p>") == "cafe reemploi"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["reemploi", "réemploi", "RÉEMPLOI", "Reemploi !", "cafe", "café"]
)
def test_search_finds_a_sheet_with_or_without_accents(sheets, client, query):
    response = client.get("/code-source/", {"q": query})
    assert response.status_code == 200
    assert titles(response) == ["Organiser un repair café"]
    assert "1 fiche trouvée" in html.unescape(response.content.decode())


@pytest.mark.django_db
def test_search_needs_every_word_and_never_shows_drafts(sheets, client):
    assert titles(client.get("/code-source/", {"q": "coworking"})) == [
        "Ouvrir un espace de coworking"
    ]
    assert titles(client.get("/code-source/", {"q": "réemploi coworking"})) == []
    assert "Brouillon sur le réemploi" not in titles(
        client.get("/code-source/", {"q": "brouillon"})
    )


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["!!!", "?", "« … »", "--"])
def test_search_with_only_punctuation_asks_for_a_word(sheets, client, query):
    response = client.get("/code-source/", {"q": query})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Saisissez au moins un mot" in page
    assert 'value="%s"' % html.escape(query) in response.content.decode() or query in page
    # Nothing lost: the published sheets stay listed below the message.
    assert set(titles(response)) == {"Organiser un repair café", "Ouvrir un espace de coworking"}


@pytest.mark.django_db
def test_filters_by_theme_eric_licence_and_month(sheets, client, site):
    world = site.world
    assert titles(client.get("/code-source/", {"theme": "coworking"})) == [
        "Ouvrir un espace de coworking"
    ]
    assert titles(client.get("/code-source/", {"eric": world.eric_a.slug})) == [
        "Organiser un repair café"
    ]
    assert titles(client.get("/code-source/", {"licence": "movecommons"})) == [
        "Organiser un repair café"
    ]
    assert titles(client.get("/code-source/", {"month": "2026-09"})) == [
        "Ouvrir un espace de coworking"
    ]
    assert titles(client.get("/code-source/", {"month": "2026-09", "q": "reemploi"})) == []


@pytest.mark.django_db
def test_a_bad_month_is_explained_in_french(sheets, client):
    response = client.get("/code-source/", {"month": "octobre"})
    assert response.status_code == 200
    assert "Indiquez un mois au format AAAA-MM" in html.unescape(response.content.decode())


@pytest.mark.django_db
def test_a_sheet_shows_its_licence_badge_and_link(sheets, client):
    response = client.get(sheets["repair"].url)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="http://movecommons.org/"' in page and 'rel="license"' in page
    assert "MoveCommons" in page
    response = client.get(sheets["coworking"].url)
    page = response.content.decode()
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr"' in page
    assert "CC BY-SA 4.0" in page


@pytest.mark.django_db
def test_licence_and_author_are_required(site):
    sheet = CodeSourceSheet(
        title="Sans licence",
        slug="sans-licence",
        author_eric=site.world.eric_a,
        month=datetime.date(2026, 10, 1),
        licence="",
        summary="Résumé",
        context="<p>x</p>",
        what_was_done="<p>x</p>",
        how_to_reproduce="<p>x</p>",
        path="00010001",
        depth=2,
    )
    with pytest.raises(ValidationError) as error:
        sheet.full_clean()
    assert "licence" in error.value.message_dict
    assert CodeSourceSheet._meta.get_field("licence").default == "cc-by-sa-4.0"
    sheet.licence = "cc-by-4.0"
    sheet.author_eric = None
    with pytest.raises(ValidationError) as error:
        sheet.full_clean()
    assert "author_eric" in error.value.message_dict


@pytest.mark.django_db
def test_only_an_eric_may_author_a_sheet(site):
    from organisations.enums import OrganisationKind

    partner = make_organisation(kind=OrganisationKind.CONSULTANCY)
    sheet = CodeSourceSheet(
        title="Écrite par un partenaire",
        author_eric=partner,
        month=datetime.date(2026, 10, 1),
        summary="Résumé",
    )
    with pytest.raises(ValidationError) as error:
        sheet.clean()
    assert "author_eric" in error.value.message_dict
