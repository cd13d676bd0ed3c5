"""The interface speaks French first, English on request, with French errors."""

import html

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from coaching.models import Programme
from core.dates import long_date


def start_month(language):
    with translation.override(language):
        return date_format(Programme.objects.get().start_date, "F Y")


@pytest.mark.django_db
def test_public_home_is_french_even_for_an_english_browser(demo, client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    page = html.unescape(response.content.decode())
    assert '<html lang="fr"' in page
    assert "Aller au contenu" in page  # skip link
    assert "Trajectoires d'évolution des ERIC en tiers-lieux" in page
    assert "à partir de %s" % start_month("fr") in page  # French month name


@pytest.mark.django_db
def test_the_language_switch_turns_the_interface_to_english(demo, client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en"' in page
    assert "Skip to content" in page
    assert "from %s" % start_month("en") in page


@pytest.mark.django_db
def test_dates_and_numbers_in_french_formats(demo, login):
    page = login(demo["coach"]).get(
        reverse("coaching:programme_detail", args=["trajectoires-eric-tiers-lieux"])
    )
    text = html.unescape(page.content.decode())
    programme = Programme.objects.get()
    start = date_format(programme.start_date, "F Y")  # the demo starts on a 1st
    end = long_date(programme.end_date)
    assert "du 1er %s au %s (10 mois)" % (start, end) in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/cette-page-n-existe-pas/", 404, "Cette page n'existe pas ou plus"),
        ("/espace/accompagnements/999999/", 404, "Cette page n'existe pas ou plus"),
    ],
)
def test_error_pages_are_french(demo, login, url, status, text):
    response = login(demo["boate"]).get(url)
    assert response.status_code == status
    assert text in html.unescape(response.content.decode())


@pytest.mark.django_db
def test_forbidden_page_is_french(demo, login):
    from coaching.models import Accompaniment

    # A team sees its programme but not the programme's dashboard: 403, in French.
    programme = Programme.objects.get()
    response = login(demo["boate"]).get(
        reverse("progress:programme_dashboard", args=[programme.slug])
    )
    assert response.status_code == 403
    assert "Vous n'avez pas accès à cette page" in html.unescape(response.content.decode())
    # Another ERIC's trajectory answers as a missing page (docs/security.md).
    coste = Accompaniment.objects.get(eric__slug="centre-social-jean-paul-coste")
    response = login(demo["boate"]).get(reverse("progress:accompaniment_detail", args=[coste.pk]))
    assert response.status_code == 404


def test_server_error_page_renders_without_database(rf):
    from config.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Une erreur est survenue de notre côté" in response.content.decode()


@pytest.mark.django_db
def test_login_logout_round_trip(demo, client):
    response = client.post(reverse("login"), {"username": "coach", "password": "demo"})
    assert response.status_code == 302 and response["Location"] == reverse("coaching:home")
    assert client.get(reverse("coaching:home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("coaching:home")).status_code == 302


@pytest.mark.django_db
def test_wrong_password_gets_a_french_message(demo, client):
    response = client.post(reverse("login"), {"username": "coach", "password": "nope"})
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in html.unescape(
        response.content.decode()
    )


@pytest.mark.django_db
def test_wagtail_admin_uses_the_same_login_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_french_plurals_follow_the_french_rule():
    """0 takes the singular in French (the English rule would say "0 événements")."""
    from django.utils import translation
    from django.utils.translation import ngettext

    with translation.override("fr"):
        assert ngettext("%(n)s événement affiché.", "%(n)s événements affichés.", 0) == (
            "%(n)s événement affiché."
        )
        assert ngettext("%(n)s événement affiché.", "%(n)s événements affichés.", 2) == (
            "%(n)s événements affichés."
        )
