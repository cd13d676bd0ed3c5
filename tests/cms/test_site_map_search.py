"""RGAA 12.1 to 12.5: a site map and a site-wide search, public, reached the same way
from every page; they show only what a visitor may see."""

import html
import re

import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from agenda.enums import Visibility
from agenda.models import AgendaEntry

from .conftest import make_sheet


def text(response) -> str:
    return html.unescape(response.content.decode())


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", text(response), re.S).group(1).strip()


@pytest.mark.django_db
def test_the_site_map_lists_the_live_public_tree_and_the_other_pages(demo, client):
    hidden = Page.objects.get(slug="partenaires")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    draft = Page.objects.get(slug="actualites")
    draft.unpublish()

    page = text(client.get("/plan-du-site/")).split("<main", 1)[1].split("</main>")[0]
    assert "<h1>Plan du site</h1>" in page
    shown = Page.objects.live().public().filter(depth__gte=2).not_descendant_of(draft)
    for live in shown.specific():
        assert 'href="%s"' % live.url in page, live.url
    assert 'href="%s"' % hidden.url not in page  # a private section and what is under it
    assert "OpenScop" not in page
    assert 'href="/actualites/"' not in page  # a draft
    for path in ("/recherche/", "/donnees/", "/connexion/"):
        assert 'href="%s"' % path in page


@pytest.mark.django_db
def test_the_site_map_costs_a_fixed_number_of_queries(demo, client, django_assert_max_num_queries):
    client.get("/plan-du-site/")
    with django_assert_max_num_queries(12):
        client.get("/plan-du-site/")


@pytest.mark.django_db
def test_the_search_finds_sheets_erics_pages_and_public_events_without_accents(demo, client):
    response = client.get("/recherche/", {"q": "repair"})
    page = text(response)
    assert response.status_code == 200
    assert "Organiser un repair café multi-partenaires" in page
    assert "Centre Social Jean Paul Coste" in page
    assert "Repair café de mi-parcours" in page  # an upcoming public event
    assert title(response).startswith("Recherche « repair » – ")
    # the same words with or without accents
    assert "Organiser un repair café multi-partenaires" in text(
        client.get("/recherche/", {"q": "reemploi"})
    )
    assert "Organiser un repair café multi-partenaires" in text(
        client.get("/recherche/", {"q": "réemploi"})
    )


@pytest.mark.django_db
def test_the_search_never_shows_a_private_event_or_page(demo, client):
    entry = AgendaEntry.objects.filter(event__title__icontains="repair").first()
    AgendaEntry.objects.filter(pk=entry.pk).update(visibility=Visibility.PROGRAMME)
    sheet = Page.objects.get(slug="organiser-un-repair-cafe-multi-partenaires")
    PageViewRestriction.objects.create(page=sheet, restriction_type="login")
    page = text(client.get("/recherche/", {"q": "repair"}))
    assert entry.event.title not in page
    assert "Organiser un repair café multi-partenaires" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "?!*", "x" * 5000, "a\x00b", "%", "\"'<script>"])
def test_any_query_gets_a_page_not_an_error(demo, client, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[1].split("</main>")[0]
    assert "<script>" not in main  # what is typed is escaped


@pytest.mark.django_db
def test_every_page_links_to_the_search_in_its_header_and_the_site_map_in_its_footer(
    demo, client, login
):
    def header_and_footer(response):
        page = text(response)
        header = page.split("</header>")[0]
        footer = page.split("<footer")[1]
        return header, footer

    for path in ("/", "/eric/", "/code-source/", "/accessibilite/", "/connexion/"):
        header, footer = header_and_footer(client.get(path))
        assert 'href="%s"' % reverse("site_search") in header, path
        assert 'href="/plan-du-site/"' in footer, path
    header, footer = header_and_footer(login(demo["coach"]).get("/espace/"))
    assert 'href="/recherche/"' in header
    assert 'href="/plan-du-site/"' in footer


@pytest.mark.django_db
def test_a_draft_sheet_is_never_found(world, site, client):
    make_sheet(site.knowledge_base, eric=world.eric_a, title="Cuisine partagée", text="Un four.")
    make_sheet(site.knowledge_base, eric=world.eric_a, title="Cuisine en brouillon", live=False)
    page = text(client.get("/recherche/", {"q": "cuisine"}))
    assert "Cuisine partagée" in page
    assert "Cuisine en brouillon" not in page
