"""`coste` (Centre social Jean Paul Coste's team) cannot reach Made in la Boate's space,
its wiki pages, history, revisions, diffs, or find them by searching: 404 or absent.
Run on SQLite and PostgreSQL alike (CI's two legs)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from collab.models import Space, SpaceInvitation, WikiPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def boate_page(demo):
    return WikiPage.objects.get(space__slug="made-in-la-boate", title="Questionnaire aux coworkers")


def _urls(page):
    space, slug = page.space.slug, page.slug
    return {
        "space_detail": reverse("collab:space_detail", args=[space]),
        "wiki_create": reverse("collab:wiki_create", args=[space]),
        "wiki_page": reverse("collab:wiki_page", args=[space, slug]),
        "wiki_edit": reverse("collab:wiki_edit", args=[space, slug]),
        "wiki_history": reverse("collab:wiki_history", args=[space, slug]),
        "wiki_revision": reverse("collab:wiki_revision", args=[space, slug, 1]),
        "wiki_diff": reverse("collab:wiki_diff", args=[space, slug]) + "?de=1&a=1",
        "wiki_propose": reverse("collab:wiki_propose", args=[space, slug]),
    }


def test_coste_gets_404_on_every_page_of_made_in_la_boate(demo, boate_page, login):
    client = login(demo["coste"])
    for name, url in _urls(boate_page).items():
        assert client.get(url).status_code == 404, name
    for name, url in (
        ("wiki_edit", _urls(boate_page)["wiki_edit"]),
        ("wiki_create", _urls(boate_page)["wiki_create"]),
        (
            "wiki_restore",
            reverse("collab:wiki_restore", args=["made-in-la-boate", boate_page.slug, 1]),
        ),
        ("invitation_create", reverse("collab:invitation_create", args=["made-in-la-boate"])),
    ):
        response = client.post(
            url,
            {
                "body": "intrus",
                "base_number": 1,
                "title": "Intrus",
                "licence": "cc-by-sa-4.0",
                "identifier": "coste",
            },
        )
        assert response.status_code == 404, name
    boate_page.refresh_from_db()
    assert boate_page.current_number == 1 and "intrus" not in boate_page.body
    assert not SpaceInvitation.objects.exists()


def test_boate_reaches_the_same_pages(demo, boate_page, login):
    client = login(demo["boate"])
    for name, url in _urls(boate_page).items():
        assert client.get(url).status_code == 200, name


def test_a_revoked_invitation_of_coste_closes_the_space_again(demo, boate_page, login):
    boate_client = login(demo["boate"])
    space_url = reverse("collab:space_detail", args=["made-in-la-boate"])
    response = boate_client.post(
        reverse("collab:invitation_create", args=["made-in-la-boate"]), {"identifier": "coste"}
    )
    assert response.status_code == 302
    invitation = SpaceInvitation.objects.get()
    coste = get_user_model().objects.get(username="coste")
    coste_client = login(coste)
    assert coste_client.get(space_url).status_code == 200
    login(demo["boate"]).post(
        reverse("collab:invitation_revoke", args=["made-in-la-boate", invitation.pk])
    )
    coste = get_user_model().objects.get(username="coste")
    assert login(coste).get(space_url).status_code == 404


def test_search_finds_only_in_ones_own_spaces(demo, login):
    url = reverse("collab:search")
    # « coworkers » is in Made in la Boate's page and in the programme's opening page.
    coste = login(demo["coste"]).get(url, {"q": "coworkers"}).content.decode()
    assert "Ouverture du wiki commun" in coste
    assert "Questionnaire aux coworkers" not in coste
    boate = login(demo["boate"]).get(url, {"q": "coworkers"}).content.decode()
    assert "Questionnaire aux coworkers" in boate and "Ouverture du wiki commun" in boate


def test_the_home_lists_ones_spaces_only(demo, login):
    content = login(demo["coste"]).get(reverse("collab:home")).content.decode()
    assert "Centre Social Jean Paul Coste" in content
    assert reverse("collab:space_detail", args=["made-in-la-boate"]) not in content
    assert Space.objects.filter(slug="made-in-la-boate").exists()


def test_anonymous_is_sent_to_the_login_page(demo, boate_page, client):
    for name, url in _urls(boate_page).items():
        response = client.get(url)
        assert response.status_code == 302 and "/connexion/" in response["Location"], name
