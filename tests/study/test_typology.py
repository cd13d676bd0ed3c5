"""The typology's counts, the anonymised export, coding, remote participants, retention
and the query counts of the live view and the report."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from study import services
from study.enums import Channel
from study.models import MotivationCategory, Tally, VisitorEntry
from study.retention import apply_retention_now
from study.selectors import live_summary
from study.typology import typology_summary
from tests.study.conftest import entry


def store(kiosk_row, entries):
    return services.entries_store(kiosk=kiosk_row, entries=entries)


def sample(kiosk_row):
    """12 visitors: 6 contributors (interview), 4 practitioners, 2 spectators."""
    store(
        kiosk_row,
        [entry(activities=["interview", "watching"], first_visit=True) for _ in range(6)]
        + [
            entry(activities=["digital_practice"], first_visit=False, age_band="60-74")
            for _ in range(4)
        ]
        + [
            entry(activities=["watching"], motivation_text="Voir mon fils à la télé")
            for _ in range(2)
        ],
    )


def table(summary, key):
    return {
        row["code"]: row["count"] for t in summary["tables"] if t["key"] == key for row in t["rows"]
    }


def test_the_typology_counts_each_visitor_once_in_one_type(kiosk, fete):
    kiosk_row, _token = kiosk
    event, _users = fete
    assert typology_summary(event.study.programme) is None
    sample(kiosk_row)
    summary = typology_summary(event.study.programme)
    assert summary["total"] == 12
    assert table(summary, "usage_type") == {
        "contributor": 6,
        "practitioner": 4,
        "spectator": 2,
        "passer_by": 0,
    }
    assert table(summary, "activity")["watching"] == 8
    assert table(summary, "age_band")["60-74"] == 4
    cross = {row["label"]: row["counts"] for row in summary["cross"]["rows"]}
    assert cross["contributeur·rice (open plateau ou atelier)"] == [6, 0, 0]
    assert cross["praticien·ne (pratiques numériques)"] == [0, 4, 0]


def test_the_live_summary_and_remote_participants_apart(kiosk, fete):
    kiosk_row, _token = kiosk
    event, users = fete
    sample(kiosk_row)
    services.remote_count_add(
        by=users["mouans"], event=event, counted_at=timezone.now(), where="YouTube", count=40
    )
    summary = live_summary(event)
    assert summary["visitors"] == 12
    assert summary["remote_counted"] == 40
    assert {r["code"]: r["count"] for r in summary["by_activity"]}["interview"] == 6
    assert sum(r["count"] for r in summary["by_hour"]) == 12


def test_the_public_remote_form_counts_apart_and_validates(client, fete):
    event, _users = fete
    url = reverse("kiosk:participate", args=[event.pk])
    response = client.post(url, {"age_band": "999", "residence": "town"})
    assert response.status_code == 400
    assert "Sans consentement" in response.content.decode()
    response = client.post(
        url,
        {
            "consent": "on",
            "age_band": "15-24",
            "residence": "elsewhere",
            "motivations": ["learn"],
            "first_visit": "true",
        },
    )
    assert response.status_code == 200 and "Merci" in response.content.decode()
    remote = VisitorEntry.objects.get()
    assert remote.channel == Channel.REMOTE
    assert live_summary(event)["visitors"] == 0
    assert live_summary(event)["remote_form"] == 1


def test_the_export_is_anonymous_and_merges_small_cells(client, kiosk, fete):
    kiosk_row, _token = kiosk
    event, users = fete
    sample(kiosk_row)
    client.force_login(users["coste"])  # pilot 2 reads the shared data
    response = client.get(reverse("study:export", args=[event.study_id]))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, lines = rows[0], rows[1:]
    assert len(lines) == 12
    assert "Voir mon fils" not in text  # no free text
    for stored in VisitorEntry.objects.values_list("uuid", flat=True):
        assert str(stored) not in text
    age = header.index("Tranche d'âge")
    # 60–74: 4 people (< 5) → « autre »; 25–39: 8 people stay
    assert sorted({line[age] for line in lines}) == ["25 à 39 ans", "autre"]
    kinds = header.index("Type d'usage")
    assert sorted({line[kinds] for line in lines}) == [
        "autre",
        "contributeur·rice (open plateau ou atelier)",
    ]
    hour = header.index("Heure d'arrivée")
    assert all(line[hour].endswith(" h") or line[hour] == "autre" for line in lines)


def test_free_text_is_coded_once_by_a_recorded_coder(kiosk, fete):
    kiosk_row, _token = kiosk
    event, users = fete
    sample(kiosk_row)
    category = MotivationCategory.objects.get(study=event.study, name="Lien social")
    answer = VisitorEntry.objects.exclude(motivation_text="").first()
    coding = services.motivation_code(by=users["skema"], entry=answer, category=category)
    assert coding.coded_by == users["skema"]
    with pytest.raises(ValidationError, match="déjà codée"):
        services.motivation_code(by=users["skema"], entry=answer, category=category)
    summary = typology_summary(event.study.programme)
    assert table(summary, "motivation_category") == {"Lien social": 1}


def test_retention_turns_old_entries_into_tallies_and_keeps_the_typology(kiosk, fete, settings):
    kiosk_row, _token = kiosk
    event, _users = fete
    sample(kiosk_row)
    before = typology_summary(event.study.programme, with_charts=False)
    settings.STUDY_RETENTION_DAYS = 30
    assert apply_retention_now() == {}  # nothing old yet
    later = timezone.now() + datetime.timedelta(days=31)
    assert apply_retention_now(now=later) == {event.pk: 12}
    assert not VisitorEntry.objects.exists()
    assert Tally.objects.filter(dimension="total").get().count == 12
    after = typology_summary(event.study.programme, with_charts=False)
    assert after["total"] == before["total"] == 12
    assert after["tables"] == before["tables"]
    assert after["cross"] == before["cross"]
    assert live_summary(event)["visitors"] == 12
    assert apply_retention_now(now=later) == {}  # idempotent


def test_the_retention_task_is_scheduled_daily():
    from core.schedule import periodic_jobs

    job = {j.name: j for j in periodic_jobs()}["study.apply_retention"]
    assert job.daily_at == datetime.time(3, 30)


def test_the_typology_page_and_pdf(client, kiosk, fete):
    import subprocess

    kiosk_row, _token = kiosk
    event, users = fete
    sample(kiosk_row)
    client.force_login(users["skema"])
    page = client.get(reverse("study:typology", args=[event.study_id])).content.decode()
    assert "Typologie des usages" in page and "contributeur·rice" in page
    pdf = client.get(reverse("study:typology_pdf", args=[event.study_id]))
    assert pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Typologie des usages" in text and "12 visiteurs" in text


def test_live_view_and_report_queries_do_not_grow(kiosk, fete, snapshot_queries):
    kiosk_row, _token = kiosk
    event, _users = fete
    store(kiosk_row, [entry()])
    live_summary(event)  # warm: what a process reads once (content types, sites)
    typology_summary(event.study.programme, with_charts=False)
    for _round in range(2):  # 1 entry, then 13: the same queries
        with snapshot_queries(name="live"):
            live_summary(event)
        with snapshot_queries(name="typology"):
            typology_summary(event.study.programme, with_charts=False)
        sample(kiosk_row)


def test_the_end_of_programme_report_includes_the_typology(kiosk, fete):
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    from progress.programme_end import programme_end_context

    kiosk_row, _token = kiosk
    event, _users = fete
    programme = event.study.programme
    report = SimpleNamespace(
        programme=programme,
        period_end=timezone.localdate(),
        frozen=False,
        narrative=None,
        frozen_at=None,
        frozen_by=None,
    )
    assert programme_end_context(report)["typology"] is None
    sample(kiosk_row)
    context = programme_end_context(report)
    assert context["typology"]["total"] == 12
    html = render_to_string("progress/programme_report.html", context)
    assert 'id="typologie"' in html and "12 visiteurs sur place ont répondu" in html


def test_the_end_of_programme_docx_has_the_typology_as_the_pdf(kiosk, fete):
    """The Word version: the same headings, in the same order, and the same tables as the
    PDF's part (``study/includes/typology_tables.html``), the charts as pictures."""
    import re
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from docx import Document

    from progress.documents import render_docx
    from progress.programme_end import programme_end_context

    kiosk_row, _token = kiosk
    event, _users = fete
    sample(kiosk_row)
    report = SimpleNamespace(
        programme=event.study.programme,
        period_end=timezone.localdate(),
        frozen=False,
        narrative=None,
        frozen_at=None,
        frozen_by=None,
    )
    context = programme_end_context(report)
    summary = context["typology"]
    document = Document(io.BytesIO(render_docx(context)))

    # the PDF's headings of the part, from its template
    html = render_to_string("progress/programme_report.html", context)
    part = html[
        html.index('id="typologie"') : html.index("</section>", html.index('id="typologie"'))
    ]
    pdf_headings = [
        " ".join(re.sub("<[^>]+>", "", h).split())
        for h in re.findall(r"<h[23]>(.*?)</h[23]>", part)
    ]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    start = headings.index("Typologie des usages (étude des visiteurs)")
    assert headings[start : start + len(pdf_headings)] == [
        h.replace("&#x27;", "'") for h in pdf_headings
    ]
    assert pdf_headings[0] == "Typologie des usages (étude des visiteurs)"
    assert len(pdf_headings) == len(summary["tables"]) + 2  # the part, its tables, the cross
    text = " ".join(p.text for p in document.paragraphs)
    assert "12 visiteurs sur place ont répondu" in text

    def cells(table):
        return [[cell.text for cell in row.cells] for row in table.rows]

    tables = [cells(t) for t in document.tables]
    assert [["Événement", "Lieu", "Dates", "Version", "Visiteurs sur place"]] + [
        [
            e["name"],
            e["place"],
            e["start_date"].strftime("%d/%m/%Y"),
            str(e["version"]),
            str(e["on_site"]),
        ]
        for e in summary["events"]
    ] in tables
    for item in summary["tables"]:
        expected = [["Réponse", "Personnes", "%"]] + [
            [row["label"][:1].upper() + row["label"][1:], str(row["count"]), str(row["percent"])]
            for row in item["rows"]
        ]
        assert expected in tables, item["key"]
    usage = {row["code"]: row["count"] for row in summary["tables"][0]["rows"]}
    assert usage == {"contributor": 6, "practitioner": 4, "spectator": 2, "passer_by": 0}
    cross = [["Type d'usage", "Première venue", "Déjà venu·e", "Sans réponse"]] + [
        [row["label"][:1].upper() + row["label"][1:]] + [str(n) for n in row["counts"]]
        for row in summary["cross"]["rows"]
    ]
    assert cross in tables
    # one picture per chart of the part (the usage types, motivations, activities)
    charted = sum(1 for item in summary["tables"] if item.get("svg"))
    assert charted == 3
    assert len(document.inline_shapes) >= charted


def test_an_event_counts_for_pilot_1_once_over_and_answered(kiosk, fete):
    from study.selectors import counted_study_events

    kiosk_row, _token = kiosk
    event, _users = fete
    programme = event.study.programme
    today = timezone.localdate()
    assert not counted_study_events(programme, today).exists()
    store(kiosk_row, [entry()])
    assert list(counted_study_events(programme, today)) == [event]
    assert not counted_study_events(programme, today - datetime.timedelta(days=1)).exists()
