"""Every figure adds up: on the demo programme, for several « arrêté au » days, each
figure of the dashboard, its fragment, the API, the committee's PDF and an ERIC's page
equals the number of rows of the list it opens (for the Region and for an ERIC team),
and the pilots are judged by their own targets."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from coaching.enums import Indicator
from coaching.models import Accompaniment, Programme
from organisations.enums import Pilot
from progress import report
from tests.progress.downloads import fetch

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # the demo refuses to load otherwise
    call_command("load_demo_data")
    settings.DEBUG = False
    return Programme.objects.get()


def as_of_days(programme):
    start, end = programme.start_date, programme.end_date
    month_5 = programme.months()[4]  # the month the demo is loaded in
    return [
        start - datetime.timedelta(days=1),  # before it starts
        start,  # its first day
        month_5 - datetime.timedelta(days=1),  # the last day of a month
        month_5,  # the first day of a month
        month_5 + datetime.timedelta(days=15),  # past mid-month
        end,  # the day it ends
    ]


def listed_count(client, url) -> int:
    """How many rows the list at ``url`` holds (every page)."""
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    for name in ("page_obj", "page", "rows", "trainings", "issues", "counted_events"):
        value = context.get(name) if context is not None else None
        if hasattr(value, "paginator"):  # a journal list's or the knowledge base's page
            return value.paginator.count
        if (
            name in ("rows", "trainings", "issues", "counted_events") and value is not None
        ):  # unpaginated lists
            return len(value)
    raise AssertionError(f"no list in the context of {url}")


def figures_of(html: str) -> dict:
    """``data-target`` -> the figure written in its row (``None`` when not tracked)."""
    figures = {}
    for key, cell in re.findall(
        r'data-target="([^"]+)">\s*<th[^>]*>.*?</th>\s*<td class="num">(.*?)</td>', html, re.S
    ):
        number = re.sub(r"<[^>]+>", "", cell).strip()
        figures[key] = int(number) if number.isdigit() else None
    return figures


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def dashboard(client, programme, **query):
    return client.get(reverse("progress:programme_dashboard", args=[programme.slug]), query)


def test_every_figure_equals_the_rows_of_the_list_it_opens(demo, client, time_machine_today):
    User = get_user_model()
    region, boate = User.objects.get(username="region"), User.objects.get(username="boate")
    boate_acc = Accompaniment.objects.get(eric__slug="made-in-la-boate")
    checked = 0
    for day in as_of_days(demo):
        time_machine_today(day)
        client.force_login(region)
        response = dashboard(client, demo)
        assert response.status_code == 200
        html = response.content.decode()
        written = figures_of(html)
        fragment = figures_of(dashboard(client, demo, fragment="figures").content.decode())
        api = {
            item["key"]: item
            for item in client.get(f"/api/programmes/{demo.slug}/indicateurs").json()["indicators"]
        }
        in_report = {r.key: r.figure for r in report.report_context(demo, as_of=day)["rows"]}
        for item in response.context["rows"]:
            row, figure = item["row"], item["row"].figure
            where = f"{row.key} au {day}"
            assert written[row.key] == figure.actual, where
            assert fragment[row.key] == figure.actual, where
            assert api[row.key]["actual"] == figure.actual, where
            assert api[row.key]["expected"] == figure.expected, where
            assert in_report[row.key] == figure, where
            assert isinstance(figure.expected, int) and isinstance(figure.total, int), where
            if item["url"]:
                assert listed_count(client, item["url"]) == figure.actual, where
                checked += 1
            if row.months:
                # the month under way expects what the headline expects
                assert row.months[-1].expected == figure.expected, where
                assert row.months[-1].cumulative == figure.actual or not item["url"], where
        for chart in response.context["charts"]:
            for point in chart["points"]:
                if point["url"]:
                    assert listed_count(client, point["url"]) == point["point"].value, (
                        chart["id"],
                        point["point"].month,
                        day,
                    )
                    checked += 1
        for eric in response.context["erics"]:
            for cell in eric["cells"]:
                if cell and cell["url"]:
                    assert listed_count(client, cell["url"]) == cell["figure"].actual, (
                        eric["accompaniment"].eric.name,
                        cell["indicator"],
                        day,
                    )
                    checked += 1
            assert (
                listed_count(client, eric["animations_this_month_url"])
                == eric["animations_this_month"]
            )
            assert listed_count(client, eric["sheets_this_month_url"]) == eric["sheets_this_month"]
        region_cells = {
            row.key: row.per_eric[boate_acc.eric_id]
            for row in response.context["per_eric_rows"]
            if row.applies_to(boate_acc.eric_id)
        }

        # the ERIC team sees the same figures for its ERIC, and their lists add up
        client.force_login(boate)
        page = client.get(reverse("progress:accompaniment_detail", args=[boate_acc.pk]))
        assert page.status_code == 200
        on_page = figures_of(page.content.decode())
        for item in page.context["figures"]:
            row, figure = item["row"], item["figure"]
            assert on_page[row.key] == figure.actual
            if figure.tracked:
                assert region_cells[row.key] == figure, (row.key, day)
            if item["url"]:
                assert listed_count(client, item["url"]) == figure.actual, (row.key, day)
                checked += 1
    assert checked > 50


def test_the_pdf_writes_the_dashboards_figures(demo, client, time_machine_today):
    day = demo.months()[4]
    time_machine_today(day)
    client.force_login(get_user_model().objects.get(username="region"))
    rows = dashboard(client, demo).context["rows"]
    url = reverse("progress:programme_report_pdf", args=[demo.slug])
    response = fetch(client, url + "?au=" + day.isoformat())
    assert response.status_code == 200
    text = pdf_text(response.content)
    for item in rows:
        figure = item["row"].figure
        actual = figure.actual if figure.tracked else "—"
        assert f"{actual} / {figure.total}" in text, item["row"].key


def test_pilot_1_is_judged_by_its_own_deliverables(demo, client, time_machine_today):
    # past mid-month in the load day's month: nothing counted yet this month
    day = demo.months()[4] + datetime.timedelta(days=19)
    time_machine_today(day)
    mouans = Accompaniment.objects.get(eric__pilot=Pilot.EPHEMERAL)
    client.force_login(get_user_model().objects.get(username="region"))
    response = dashboard(client, demo)
    html = response.content.decode()
    alerts = " ".join(alert["text"] for alert in response.context["alerts"])
    assert mouans.eric.name not in alerts
    assert "Made in la Boate" in alerts or "Coste" in alerts or "Hublot" in alerts
    keys = {item["row"].key for item in response.context["rows"]}
    assert {"animations-accompaniment", "animations-ephemeral", "visitor_study-ephemeral"} <= keys
    animations = response.context["result"].row(Indicator.ANIMATIONS, Pilot.ACCOMPANIMENT)
    assert mouans.eric_id not in animations.per_eric
    assert animations.figure.total == 30
    assert "7,5" not in html and "2,3" not in html

    page = client.get(reverse("progress:accompaniment_detail", args=[mouans.pk]))
    keys = {item["row"].key for item in page.context["figures"]}
    assert keys == {
        "animations-ephemeral",
        "trainings-ephemeral",
        "code_source_sheets-ephemeral",
        "visitor_study-ephemeral",
        "trust_circle_maps",
        "federating_events",
    }
    assert not page.context["has_animation_target"]
    text = pdf_text(
        fetch(client, reverse("progress:programme_report_pdf", args=[demo.slug])).content
    )
    assert "Mouans-Sartoux" in text
    assert "Aucune animation comptée" in text
    assert "ne le concerne pas" in text


def test_no_month_alert_on_the_first_of_the_month(demo, client, time_machine_today):
    time_machine_today(demo.months()[4])
    client.force_login(get_user_model().objects.get(username="region"))
    alerts = dashboard(client, demo).context["alerts"]
    assert not [a for a in alerts if "ce mois-ci" in a["text"]]


def test_an_animation_before_the_programme_never_counts(demo, client, time_machine_today):
    time_machine_today(demo.months()[4])
    animation = (
        Accompaniment.objects.get(eric__slug="made-in-la-boate")
        .animations.filter(counts_toward_target=True)
        .first()
    )
    before = datetime.datetime.combine(
        demo.start_date - datetime.timedelta(days=1),
        datetime.time(18),
        tzinfo=ZoneInfo("Europe/Paris"),
    )
    type(animation).objects.filter(pk=animation.pk).update(starts_at=before)
    type(animation).objects.filter(pk=animation.pk).refresh_counting()
    animation.refresh_from_db()
    assert not animation.counts_toward_target
    assert animation.counting_summary() == "hors période : ne compte pas"
    client.force_login(get_user_model().objects.get(username="coach"))
    page = client.get(reverse("coaching:animation_detail", args=[animation.pk]))
    assert "Hors période : ne compte pas" in page.content.decode()
    assert "Compte dans l'objectif<" not in page.content.decode()
