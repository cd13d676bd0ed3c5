"""Forms speak to screen readers (RGAA 11.10): required fields say so, errors are tied to
their fields, and every link of the error summary lands on a control that takes focus."""

import html

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.coaching.test_maturity_views import TODAY, full_form

pytestmark = pytest.mark.django_db

FOCUSABLE = {"input", "select", "textarea", "button"}


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def label_text(soup, control_id):
    """What a screen reader hears as the control's name: the label minus aria-hidden."""
    label = soup.find("label", attrs={"for": control_id})
    for hidden in label.find_all(attrs={"aria-hidden": "true"}):
        hidden.decompose()
    return " ".join(label.get_text().split())


def summary_targets(soup):
    """The elements the error summary's links point at."""
    links = soup.select("#erreurs a[href^='#']")
    assert links
    return {link.get_text(strip=True): soup.find(id=link["href"][1:]) for link in links}


def assert_focusable(targets):
    for text, target in targets.items():
        assert target is not None, text
        assert target.name in FOCUSABLE or target.get("tabindex") == "-1", (text, target.name)


def test_the_animation_form_says_which_fields_are_required(world, login):
    page = soup_of(login(world.coach_a).get(reverse("coaching:animation_create")))
    assert "Les champs marqués * sont obligatoires." in page.get_text()
    # Selects without an empty first option cannot carry ``required``: aria-required.
    for name in ("accompaniment", "format", "status"):
        control = page.find(id="id_%s" % name)
        assert control.name == "select"
        assert control.get("aria-required") == "true", name
    assert page.find(id="id_title").has_attr("required")
    assert page.find(id="id_title").get("aria-required") is None  # ``required`` is enough
    # The star is explained to screen readers, on each required field only.
    assert label_text(page, "id_accompaniment") == "ERIC hôte (obligatoire)"
    assert label_text(page, "id_format") == "Format (obligatoire)"
    assert label_text(page, "id_place") == "Lieu"
    assert not page.find(id="id_place").has_attr("required")
    assert page.find(id="id_place").get("aria-required") is None
    # The form still leaves validation to the server.
    assert page.find("form", class_="form").has_attr("novalidate")


def test_an_animation_refused_ties_each_error_to_its_field(world, login):
    page = soup_of(login(world.coach_a).post(reverse("coaching:animation_create"), {}))
    summary = page.find(id="erreurs")
    assert summary["tabindex"] == "-1" and summary["role"] == "alert"
    title = page.find(id="id_title")
    assert title["aria-invalid"] == "true"
    error = page.find(id=title["aria-describedby"])
    assert error.get_text(strip=True) == "Champ requis."
    assert page.find(id="id_status")["aria-invalid"] == "true"
    targets = summary_targets(page)
    assert {target["id"] for target in targets.values()} == {
        "id_accompaniment",
        "id_title",
        "id_starts_at",
        "id_format",
        "id_status",
    }
    assert_focusable(targets)


def test_the_summary_links_a_radio_group_to_its_first_radio(world, login):
    page = soup_of(
        login(world.coach_a).post(
            reverse("coaching:hotline_quick_log"), {"summary": "Appel sans le reste"}
        )
    )
    targets = summary_targets(page)
    assert_focusable(targets)
    channel = next(target for text, target in targets.items() if text.startswith("Canal"))
    assert channel["type"] == "radio" and channel["name"] == "channel"
    # The group's legend carries the star and its words.
    legend = channel.find_parent("fieldset").legend
    assert " ".join(legend.get_text().split()) == "Canal * (obligatoire)"


def test_the_maturity_grid_says_its_levels_are_required_to_submit(world, login, time_machine_today):
    time_machine_today(TODAY)
    url = reverse("coaching:maturity_assessment_form", args=[world.accompaniment_a.pk, "debut"])
    page = soup_of(login(world.team_a).get(url))
    assert "Les critères marqués * sont obligatoires pour soumettre la grille" in page.get_text()
    legends = [" ".join(legend.get_text().split()) for legend in page.select("legend")]
    assert "Ouverture * (obligatoire pour soumettre)" in legends

    data = full_form()
    del data["level_openness"]
    page = soup_of(login(world.team_a).post(url, data))
    targets = summary_targets(page)
    assert_focusable(targets)
    openness = next(target for text, target in targets.items() if text.startswith("Ouverture"))
    assert openness["id"] == "id_level_openness_0" and openness["type"] == "radio"


def test_a_refused_login_marks_both_fields_invalid(world, client):
    response = client.post(reverse("login"), {"username": "coach_a", "password": "nope"})
    page = soup_of(response)
    for name in ("username", "password"):
        control = page.find(id="id_%s" % name)
        assert control["aria-invalid"] == "true", name
        message = page.find(id=control["aria-describedby"])
        assert "Saisissez un nom d’utilisateur et un mot de passe valides" in html.unescape(
            message.get_text()
        )
    assert label_text(page, "id_password") == "Mot de passe (obligatoire)"


def test_a_fresh_login_page_marks_nothing_invalid(client):
    page = soup_of(client.get(reverse("login")))
    assert page.find(id="erreurs") is None
    assert not page.select("[aria-invalid]")
    assert page.find(id="id_username").has_attr("required")
