"""Exports: French headers and dates, filters honoured, formulas neutralised."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.exports import neutralise
from tests.coaching.journal_helpers import animation, call, partners

DANGEROUS = ['=HYPERLINK("http://x")', "+33 6 00", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_neutralise_prefixes_formula_starts(text):
    assert neutralise(text) == "'" + text


def test_neutralise_keeps_the_rest():
    assert neutralise("Atelier = fête") == "Atelier = fête"
    assert neutralise(12) == 12
    assert neutralise(None) == ""
    assert neutralise(True) == "oui"
    paris = datetime.datetime(2026, 10, 3, 14, 30, tzinfo=timezone.get_current_timezone())
    assert neutralise(paris) == "03/10/2026 14:30"
    assert neutralise(datetime.datetime(2026, 10, 3, 12, 30, tzinfo=datetime.UTC)) == (
        "03/10/2026 14:30"
    )
    assert neutralise(datetime.date(2026, 12, 1)) == "01/12/2026"


@pytest.fixture
def hostile(world):
    call(world, eric="a", summary='=HYPERLINK("http://evil","clic")', caller_name="@admin")
    animation(
        world, eric="a", title="+SUM(1;2)", place="-cmd|' /C calc'!A0", co_organisers=partners(2)
    )


def test_csv_neutralises_and_speaks_french(world, login, hostile):
    client = login(world.region)
    response = client.get(reverse("coaching:journal_export", args=["appels", "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Date et heure;ERIC;Appelant·e;Durée (minutes)")
    assert "'=HYPERLINK" in text
    assert ";'@admin;" in text
    day = lines[1].split(";")[0]
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", day)  # French date format

    response = client.get(reverse("coaching:journal_export", args=["animations", "csv"]))
    text = response.content.decode("utf-8-sig")
    assert "'+SUM(1;2)" in text.replace('"', "")
    assert "'-cmd|" in text


def test_xlsx_cells_are_text_not_formulas(world, login, hostile):
    client = login(world.region)
    for kind, values in (
        ("appels", ['\'=HYPERLINK("http://evil","clic")', "'@admin"]),
        ("animations", ["'+SUM(1;2)", "'-cmd|' /C calc'!A0"]),
    ):
        response = client.get(reverse("coaching:journal_export", args=[kind, "xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        header = [cell.value for cell in sheet[1]]
        assert header[0] in ("Date et heure", "Début")
        cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
        for value in values:
            matching = [cell for cell in cells if cell.value == value]
            assert matching, value
            assert all(cell.data_type == "s" for cell in matching)
        assert not any(cell.data_type == "f" for cell in cells)


def test_export_follows_the_filters(world, login):
    october = datetime.datetime(2026, 10, 15, 10, tzinfo=timezone.get_current_timezone())
    november = datetime.datetime(2026, 11, 5, 10, tzinfo=timezone.get_current_timezone())
    animation(world, eric="a", title="Octobre A", starts_at=october)
    animation(world, eric="b", title="Octobre B", starts_at=october)
    animation(world, eric="a", title="Novembre A", starts_at=november)
    client = login(world.region)
    url = reverse("coaching:journal_export", args=["animations", "csv"])
    text = client.get(url, {"month": "2026-10"}).content.decode("utf-8-sig")
    assert "Octobre A" in text and "Octobre B" in text and "Novembre A" not in text
    text = client.get(url, {"month": "2026-10", "eric": world.eric_b.pk}).content.decode(
        "utf-8-sig"
    )
    assert "Octobre B" in text and "Octobre A" not in text
    # The list shows the same thing.
    page = client.get(reverse("coaching:animation_list"), {"month": "2026-10"})
    titles = {record.title for record in page.context["records"]}
    assert titles == {"Octobre A", "Octobre B"}


def test_each_list_filters_on_its_own_status_and_topic(world, login):
    from coaching import services

    animation(world, eric="a", title="Le repair café", format="repair_cafe")
    animation(world, eric="a", title="Le hackathon", format="hackathon")
    services.federating_event_create(
        by=world.coach_a,
        programme=world.programme,
        name="Forum",
        kind="forum",
        starts_on=datetime.date(2026, 10, 3),
    )
    services.federating_event_create(
        by=world.coach_a,
        programme=world.programme,
        name="Fête",
        kind="neighbourhood_fete",
        starts_on=datetime.date(2026, 11, 3),
    )
    client = login(world.region)
    page = client.get(reverse("coaching:animation_list"), {"topic": "hackathon"})
    assert [a.title for a in page.context["records"]] == ["Le hackathon"]
    assert page.context["filter_form"]["topic"].label == "Format"
    page = client.get(reverse("coaching:federating_event_list"), {"month": "2026-10"})
    assert [e.name for e in page.context["records"]] == ["Forum"]
    page = client.get(reverse("coaching:federating_event_list"), {"topic": "neighbourhood_fete"})
    assert [e.name for e in page.context["records"]] == ["Fête"]
    page = client.get(reverse("coaching:hotline_call_list"), {"month": "pas-un-mois"})
    assert page.status_code == 200
    assert "Indiquez un mois au format AAAA-MM." in page.content.decode()


def test_journal_home_counts_only_what_the_user_may_see(world, login):
    call(world, eric="a", shared=True)
    call(world, eric="a", shared=False)
    call(world, eric="b", shared=True)
    expected = {"team_a": 1, "coach_a": 2, "team_b": 1, "region": 3, "partner": 0}
    for who, count in expected.items():
        page = login(getattr(world, who)).get(reverse("coaching:journal_home"))
        assert page.context["call_count"] == count, who
    assert login(world.region).get(reverse("coaching:journal_home")).context["held_weeks"] >= 1


def test_records_are_named_with_the_paris_date(world):
    just_after_midnight = datetime.datetime(
        2026, 10, 10, 0, 30, tzinfo=timezone.get_current_timezone()
    )
    record = call(world, eric="a", started_at=just_after_midnight)
    assert str(record) == "Appel d'ERIC A le 10/10/2026"
    assert record.slot.held_on == datetime.date(2026, 10, 10)
