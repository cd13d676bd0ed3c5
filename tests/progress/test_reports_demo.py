"""The issue's « Done when », end to end on the demo programme (seeds/004) with its
accounts: ``region`` asks, on the reports page, for the committee's report of a month
(compared with the previous month) and of the whole programme, in PDF and in DOCX,
and downloads them; their text holds every target with the dashboard's figures of
that day; ``boate`` gets its own ERIC's report and no other (404)."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import resolve, reverse
from docx import Document
from pypdf import PdfReader

from coaching.models import Accompaniment, Programme
from progress.models import Report, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # the demo refuses to load otherwise
    call_command("load_demo_data")
    settings.DEBUG = False
    return Programme.objects.get()


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def docx_parts(content: bytes) -> tuple[str, list[list[str]]]:
    """The document's text (paragraphs and cells, spaces collapsed) and its tables'
    rows."""
    document = Document(io.BytesIO(content))
    rows = [[cell.text for cell in row.cells] for t in document.tables for row in t.rows]
    parts = [p.text for p in document.paragraphs] + [cell for row in rows for cell in row]
    return " ".join(" ".join(parts).split()), rows


def dashboard_rows(client, programme) -> list:
    response = client.get(reverse("progress:programme_dashboard", args=[programme.slug]))
    assert response.status_code == 200
    return [item["row"] for item in response.context["rows"]]


def ask_and_download(client, programme, capture, *, kind, day, fmt, eric=None):
    """The reports page's form, the build (on commit: the embedded default), the
    report's page, then its file. Returns ``(report, content)``."""
    data = {"kind": kind, "day": day.isoformat(), "format": fmt}
    if eric is not None:
        data["eric"] = eric.pk
    with capture(execute=True):
        response = client.post(reverse("progress:programme_reports", args=[programme.slug]), data)
    assert response.status_code == 302, response.content.decode()[:500]
    report = Report.objects.get(pk=resolve(response["Location"]).kwargs["pk"])
    assert report.status == ReportStatus.READY, report.error
    assert "Télécharger le rapport" in client.get(response["Location"]).content.decode()
    download = client.get(reverse("progress:report_download", args=[report.pk]))
    assert download.status_code == 200
    return report, b"".join(download.streaming_content)


def label_in(label, text) -> bool:
    return " ".join(str(label).capitalize().split())[:25] in text


def test_the_region_downloads_a_months_and_the_whole_programmes_reports(
    demo, client, time_machine_today, django_capture_on_commit_callbacks
):
    region = get_user_model().objects.get(username="region")
    months = demo.months()
    checked = 0
    for index in (2, 4):  # any month: the third (all over) and the fifth (the demo's)
        start = months[index]
        previous_end = start - datetime.timedelta(days=1)
        end = months[index + 1] - datetime.timedelta(days=1)
        # the dashboard's figures at the end of the previous month and on the day
        time_machine_today(previous_end)
        client.force_login(region)
        then = {row.key: row.figure for row in dashboard_rows(client, demo)}
        time_machine_today(end)
        rows = dashboard_rows(client, demo)
        assert len(rows) >= 8
        for fmt in ("pdf", "docx"):
            report, content = ask_and_download(
                client, demo, django_capture_on_commit_callbacks, kind="month", day=end, fmt=fmt
            )
            assert (report.period_start, report.period_end) == (start, end)
            if fmt == "pdf":
                assert content.startswith(b"%PDF-")
                text, table_rows = pdf_text(content), None
            else:
                text, table_rows = docx_parts(content)
            assert "Comparaison avec la période précédente" in text
            assert "Réalisé au %s" % previous_end.strftime("%d/%m/%Y") in text
            assert "Réalisé au %s" % end.strftime("%d/%m/%Y") in text
            for row in rows:
                assert label_in(row.label, text), (row.label, fmt, end)
                if not row.figure.tracked:
                    continue
                assert "%d / %s" % (row.figure.actual, row.figure.total) in text, row.label
                before = then[row.key]
                change = row.figure.actual - before.actual
                cells = [
                    str(before.actual),
                    str(row.figure.actual),
                    "+%d" % change if change > 0 else str(change),
                ]
                if table_rows is not None:  # the comparison's own row in the DOCX
                    assert any(
                        r[0].startswith(str(row.label).capitalize()[:25]) and r[1:4] == cells
                        for r in table_rows
                    ), (row.label, cells)
                else:
                    assert re.search(r"\b%s\b" % r"\s+".join(map(re.escape, cells)), text), (
                        row.label,
                        cells,
                    )
                checked += 1

    # the whole programme: the committee's report as of a day, no comparison
    day = months[4] + datetime.timedelta(days=9)
    time_machine_today(day)
    rows = dashboard_rows(client, demo)
    for fmt in ("pdf", "docx"):
        report, content = ask_and_download(
            client, demo, django_capture_on_commit_callbacks, kind="committee", day=day, fmt=fmt
        )
        assert (report.period_start, report.period_end) == (demo.start_date, day)
        text = pdf_text(content) if fmt == "pdf" else docx_parts(content)[0]
        assert "Comparaison avec la période précédente" not in text
        for row in rows:
            assert label_in(row.label, text), (row.label, fmt)
            if row.figure.tracked:
                assert "%d / %s" % (row.figure.actual, row.figure.total) in text, row.label
                checked += 1
    assert checked > 30


def test_boate_gets_its_own_erics_report_and_no_other(
    demo, client, time_machine_today, django_capture_on_commit_callbacks
):
    User = get_user_model()
    boate_acc = Accompaniment.objects.select_related("eric").get(eric__slug="made-in-la-boate")
    others = list(
        Accompaniment.objects.exclude(pk=boate_acc.pk).select_related("eric").order_by("pk")
    )
    assert others
    day = demo.months()[4] + datetime.timedelta(days=9)
    time_machine_today(day)

    # the Region's reports: the whole programme's and another ERIC's
    client.force_login(User.objects.get(username="region"))
    whole, _content = ask_and_download(
        client, demo, django_capture_on_commit_callbacks, kind="month", day=day, fmt="pdf"
    )
    other, _content = ask_and_download(
        client,
        demo,
        django_capture_on_commit_callbacks,
        kind="month",
        day=day,
        fmt="docx",
        eric=others[0].eric,
    )

    client.force_login(User.objects.get(username="boate"))
    page = client.get(reverse("progress:programme_reports", args=[demo.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert boate_acc.eric.name in html
    assert all(acc.eric.name not in html for acc in others)
    for fmt in ("pdf", "docx"):
        own, content = ask_and_download(
            client,
            demo,
            django_capture_on_commit_callbacks,
            kind="month",
            day=day,
            fmt=fmt,
            eric=boate_acc.eric,
        )
        assert own.eric_id == boate_acc.eric_id
        text = pdf_text(content) if fmt == "pdf" else docx_parts(content)[0]
        assert boate_acc.eric.name in text
        for acc in others:
            assert acc.eric.name not in text, acc.eric.name
    # no other ERIC's report, nor the whole programme's: not even their existence
    for report in (whole, other):
        for name in ("report_detail", "report_download"):
            response = client.get(reverse(f"progress:{name}", args=[report.pk]))
            assert response.status_code == 404, (name, report)
        assert client.post(reverse("progress:report_retry", args=[report.pk])).status_code == 404
    # nor can it ask for one
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(
            reverse("progress:programme_reports", args=[demo.slug]),
            {"kind": "month", "day": day.isoformat(), "format": "pdf", "eric": others[0].eric.pk},
        )
    assert refused.status_code == 200 and "Sélectionnez un choix valide" in refused.content.decode()
    assert not Report.objects.filter(requested_by__username="boate", eric=others[0].eric).exists()
