"""Search in the spaces one belongs to: accent-insensitive on both databases; French
stems on PostgreSQL only (the embedded SQLite's search is simpler, as the docs say)."""

import pytest
from django.db import connection
from django.urls import reverse

from collab.search import search

from .factories import make_page

pytestmark = pytest.mark.django_db


def _titles(user, query):
    return [result.title for result in search(user, query)]


def test_accents_and_case_do_not_matter(collab):
    team = collab.world.team_a
    make_page(collab.space_a, team, title="Réemploi des ordinateurs", body="Un atelier.")
    make_page(collab.space_a, team, title="Fablab", body="Le REEMPLOI du matériel.")
    assert sorted(_titles(team, "reemploi")) == ["Fablab", "Réemploi des ordinateurs"]
    assert sorted(_titles(team, "RÉEMPLOI")) == ["Fablab", "Réemploi des ordinateurs"]
    assert _titles(team, "réemploi ordinateurs") == ["Réemploi des ordinateurs"]


def test_french_stems_on_postgresql_only(collab):
    team = collab.world.team_a
    make_page(collab.space_a, team, title="Bilan", body="Une animation multi-partenariale.")
    found = _titles(team, "animations")
    if connection.vendor == "postgresql":
        assert found == ["Bilan"]
    else:
        assert found == []
        assert _titles(team, "animation") == ["Bilan"]


def test_only_in_the_spaces_one_belongs_to(collab):
    world = collab.world
    make_page(collab.space_a, world.team_a, title="Secret de l'ERIC A", body="coworking")
    make_page(collab.programme_space, world.coach_a, title="Commun", body="coworking")
    assert sorted(_titles(world.team_a, "coworking")) == ["Commun", "Secret de l'ERIC A"]
    assert _titles(world.team_b, "coworking") == ["Commun"]
    assert _titles(world.outsider, "coworking") == []
    assert sorted(_titles(world.admin, "coworking")) == ["Commun", "Secret de l'ERIC A"]


def test_the_excerpt_is_escaped_and_marked(collab, login):
    team = collab.world.team_a
    make_page(collab.space_a, team, title="Page", body="<script>x</script> le réemploi ici")
    (result,) = search(team, "reemploi")
    # SQLite's extract shows the tag as text; PostgreSQL's ts_headline drops it.
    assert "<script" not in result.excerpt
    assert "<mark>réemploi</mark>" in result.excerpt
    response = login(team).get(reverse("collab:search"), {"q": "reemploi"})
    assert "<mark>réemploi</mark>" in response.content.decode()


@pytest.mark.parametrize("query", ["", "   ", "!!!", "-", "x" * 300])
def test_odd_queries_answer_calmly(collab, login, query):
    response = login(collab.world.team_a).get(reverse("collab:search"), {"q": query})
    assert response.status_code == 200


def test_the_discussions_are_searched_in_the_spaces_one_belongs_to(collab, login):
    """Threads are found by their title or any message, once per thread, at the message
    that matched; another ERIC's discussions stay out of reach."""
    from collab.threads import post_message, thread_create

    world = collab.world
    secret = thread_create(
        by=world.team_a, space=collab.space_a, title="Budget du fablab", body="Le réemploi."
    )
    reply = post_message(by=world.coach_a, thread=secret, body="Encore du REEMPLOI ici.")
    thread_create(
        by=world.coach_a, space=collab.programme_space, title="Réemploi commun", body="Ouvert."
    )
    found = [(r.kind, r.title) for r in search(world.team_a, "reemploi")]
    assert sorted(found) == [("thread", "Budget du fablab"), ("thread", "Réemploi commun")]
    assert [r.title for r in search(world.team_b, "reemploi")] == ["Réemploi commun"]
    assert search(world.outsider, "reemploi") == []
    (result,) = [r for r in search(world.team_a, "reemploi") if r.title == "Budget du fablab"]
    assert result.url.endswith("#message-%d" % reply.pk)
    assert "<mark>" in result.excerpt
    page = login(world.team_a).get(reverse("collab:search"), {"q": "reemploi"}).content.decode()
    assert "Budget du fablab" in page and "discussion" in page
