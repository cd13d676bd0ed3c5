"""``?date=`` of the agenda: a day that does not exist, or lies beyond the years the
agenda shows, opens it at today with a French message, never an error page."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone


@pytest.mark.parametrize("view", ["mois", "semaine", "liste"])
@pytest.mark.parametrize(
    "value",
    [
        "2026-02-31",  # well formed, no such day
        "2026-13-01",
        "99999-01-01",
        "9999-12-31",  # the month after would overflow Python's dates
        "0001-01-01",  # the month before, too
        "1999-12-31",
        "2100-01-01",
        "demain",
        "2026-10-01T10:00",
    ],
)
def test_a_bad_date_opens_the_agenda_at_today(world, login, view, value):
    response = login(world.coach_a).get(reverse("agenda:agenda"), {"date": value, "vue": view})
    assert response.status_code == 200
    assert response.context["anchor"] == timezone.localdate()
    page = html.unescape(response.content.decode())
    assert (
        f"La date « {value} » n'existe pas ou sort des années 2000 à 2099 : "
        "l'agenda s'ouvre à aujourd'hui."
    ) in page


@pytest.mark.parametrize("value", ["2000-01-01", "2099-12-31", "2028-02-29"])
def test_a_good_date_is_shown_without_a_message(world, login, value):
    response = login(world.coach_a).get(reverse("agenda:agenda"), {"date": value})
    assert response.status_code == 200
    assert response.context["anchor"] == datetime.date.fromisoformat(value)
    assert "n'existe pas" not in html.unescape(response.content.decode())


def test_no_date_is_today_without_a_message(world, login):
    response = login(world.coach_a).get(reverse("agenda:agenda"))
    assert response.context["anchor"] == timezone.localdate()
    assert "n'existe pas" not in html.unescape(response.content.decode())
