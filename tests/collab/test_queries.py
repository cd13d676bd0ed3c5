"""The wiki's pages run the same queries with 1 revision and with 100 (a space's page
with 1 wiki page and with 30, the search with 1 result and with 30): each block is
recorded twice under one snapshot name, so the SQL must be the same, per database."""

import pytest
from django.urls import reverse

from collab.services import wiki_page_save

from .factories import make_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("view", ["wiki_page", "wiki_history", "wiki_diff", "wiki_edit"])
def test_a_wiki_page_with_1_or_100_revisions(collab, login, snapshot_queries, view):
    team = collab.world.team_a
    page = make_page(collab.space_a, team, body="Voir [[Charte]].")
    make_page(collab.space_a, collab.world.coach_a, title="Accueil", body="[[Page de test]]")
    client = login(team)
    url = reverse("collab:%s" % view, args=[collab.space_a.slug, page.slug])
    client.get(url)
    with snapshot_queries(name=view):
        assert client.get(url).status_code == 200
    for n in range(2, 101):
        wiki_page_save(by=team, page=page, body="Voir [[Charte]].\n\n%d" % n, base_number=n - 1)
    with snapshot_queries(name=view):
        assert client.get(url).status_code == 200


def test_a_space_with_1_or_30_pages(collab, login, snapshot_queries):
    client = login(collab.world.coach_a)
    url = reverse("collab:space_detail", args=[collab.space_a.slug])
    make_page(collab.space_a, collab.world.team_a, title="Page 0", body="[[Manque 0]]")
    client.get(url)
    with snapshot_queries(name="space"):
        assert client.get(url).status_code == 200
    for n in range(1, 30):
        make_page(
            collab.space_a, collab.world.team_a, title="Page %d" % n, body="[[Manque %d]]" % n
        )
    with snapshot_queries(name="space"):
        assert client.get(url).status_code == 200


def test_search_with_1_or_30_matching_pages(collab, login, snapshot_queries):
    client = login(collab.world.team_a)
    url = reverse("collab:search")
    make_page(collab.space_a, collab.world.team_a, title="Réemploi 0", body="Atelier")
    client.get(url, {"q": "reemploi"})
    with snapshot_queries(name="search"):
        response = client.get(url, {"q": "reemploi"})
    assert response.content.decode().count("page de wiki") == 1
    for n in range(1, 30):
        make_page(collab.space_a, collab.world.team_a, title="Réemploi %d" % n, body="Atelier")
    with snapshot_queries(name="search"):
        response = client.get(url, {"q": "reemploi"})
    assert response.content.decode().count("page de wiki") == 30
