"""RGAA 8.6: a page's title says what it shows — the filters a list applies, the month
of an agenda, and « Erreur : » when a form was refused."""

import html
import re

import pytest
from django.urls import reverse


def title(response) -> str:
    return html.unescape(
        re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
    )


@pytest.mark.django_db
def test_a_filtered_journal_list_names_its_filters_in_its_title(world, login):
    client = login(world.coach_a)
    url = reverse("coaching:animation_list")
    assert title(client.get(url)).startswith("Animations · ")
    filtered = title(client.get(url, {"month": "2026-11", "eric": world.eric_a.pk, "q": "repair"}))
    assert filtered.startswith(
        "Animations – recherche « repair » – mois de novembre 2026 – %s · " % world.eric_a.name
    )
    refused = title(client.get(url, {"month": "novembre"}))
    assert refused.startswith("Erreur : Animations · ")


@pytest.mark.django_db
def test_the_team_agenda_and_the_public_agenda_have_different_titles(demo, login, client):
    public = title(client.get("/evenements/"))
    team = login(demo["coach"])
    month = title(team.get("/agenda/", {"date": "2026-11-10"}))
    week = title(team.get("/agenda/", {"vue": "semaine", "date": "2026-11-10"}))
    assert month.startswith("Agenda de l’équipe – mois de novembre 2026 · ")
    assert week.startswith("Agenda de l’équipe – semaine du 9 novembre au 15 novembre 2026 · ")
    assert month != public and not public.startswith("Agenda de l’équipe")


@pytest.mark.django_db
def test_a_refused_form_says_erreur_in_its_title(world, login, client):
    response = client.post(reverse("login"), {"username": "personne", "password": "x"})
    assert title(response).startswith("Erreur : ")
    response = login(world.coach_a).post(reverse("coaching:animation_create"), {})
    assert response.status_code == 200
    assert title(response).startswith("Erreur : ")
    assert not title(login(world.coach_a).get(reverse("coaching:animation_create"))).startswith(
        "Erreur"
    )
