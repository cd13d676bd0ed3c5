"""Reports built in the background: asked for, built once, downloadable, failed and
retried, compared with the previous period, in PDF and DOCX, per ERIC, frozen, on
schedule, and who may see them."""

import datetime
import hashlib
import io
import socket
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from coaching.enums import Basis, Indicator
from progress import documents, report_services
from progress.indicators import programme_indicators
from progress.models import (
    EricRecommendation,
    ProgrammeEndNarrative,
    Report,
    ReportKind,
    ReportSchedule,
    ReportStatus,
    ScheduleFrequency,
)
from progress.periods import Period, report_period
from progress.schedule import prepare_due_reports
from tests.coaching.journal_helpers import counted_animation, partners
from tests.factories import make_target

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 11, 22)
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def docx_text(content: bytes) -> str:
    """Every paragraph and every table cell of the document, spaces collapsed."""
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


@pytest.fixture
def programme(world, time_machine_today):
    """The world's programme (from 1 September 2026) with a few of the real targets."""
    time_machine_today(TODAY)
    programme = world.programme
    make_target(
        programme=programme, indicator=Indicator.ANIMATIONS, value=1, basis=Basis.PER_ERIC_PER_MONTH
    )
    make_target(programme=programme, indicator=Indicator.TRAININGS, value=3)
    make_target(programme=programme, indicator=Indicator.NEWSLETTERS, value=10)
    make_target(
        programme=programme, indicator=Indicator.CODE_SOURCE_SHEETS, value=1, basis=Basis.PER_MONTH
    )
    make_target(
        programme=programme, indicator=Indicator.HOTLINE_HALF_DAYS, value=1, basis=Basis.PER_WEEK
    )
    world.region.email = "region@example.org"
    world.region.save(update_fields=["email"])
    return programme


@pytest.fixture
def two_animations(world, programme):
    """Counted: one of ERIC A on 8 October, one of ERIC B on 3 November."""
    counted_animation(
        world,
        title="Repair café d'octobre",
        co_organisers=partners(2, prefix="Asso octobre"),
        starts_at=paris(2026, 10, 8, 14),
    )
    counted_animation(
        world,
        eric="b",
        title="Fablab de novembre",
        co_organisers=partners(2, prefix="Asso novembre"),
        starts_at=paris(2026, 11, 3, 14),
    )


def ask(client, programme, *, kind="month", day=None, fmt="pdf", eric=None, capture=None):
    data = {"kind": kind, "day": (day or TODAY).isoformat(), "format": fmt}
    if eric is not None:
        data["eric"] = eric.pk
    url = reverse("progress:programme_reports", args=[programme.slug])
    if capture is None:
        return client.post(url, data)
    with capture(execute=True):
        return client.post(url, data)


def built(world, programme, *, kind=ReportKind.MONTH, fmt="pdf", eric=None, by=None) -> Report:
    """A report asked for and built now (the task's body, as the worker runs it)."""
    period = report_period(kind, programme, TODAY, today=TODAY)
    report, _ = report_services.request_report(
        by=by or world.region, programme=programme, kind=kind, period=period, fmt=fmt, eric=eric
    )
    report_services.build_report_now(report.pk)
    report.refresh_from_db()
    return report


# --- The task path ------------------------------------------------------------------------


def test_asking_queues_the_report_and_the_status_page_shows_it(world, programme, login, settings):
    settings.TASKS = DUMMY_TASKS  # no worker: the report stays queued
    client = login(world.region)
    response = ask(client, programme)
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("progress:report_detail", args=[report.pk])
    assert report.status == ReportStatus.QUEUED
    assert (report.period_start, report.period_end) == (
        datetime.date(2026, 11, 1),
        TODAY,
    )
    page = client.get(response["Location"]).content.decode()
    assert "En attente" in page
    assert "report-status.js" in page  # polls while not finished
    fragment = client.get(response["Location"] + "?fragment=status").content.decode()
    assert "En attente" in fragment
    assert "Télécharger" not in fragment
    # the download waits for the report
    assert client.get(reverse("progress:report_download", args=[report.pk])).status_code == 404


def test_the_same_report_asked_twice_while_queued_is_built_once(
    world, programme, login, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    client = login(world.region)
    first = ask(client, programme, capture=django_capture_on_commit_callbacks)
    second = ask(client, programme, capture=django_capture_on_commit_callbacks)
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1
    page = client.get(second["Location"]).content.decode()
    assert "déjà en cours de fabrication" in page
    # another format, another ERIC or another month is another report
    ask(client, programme, fmt="docx")
    ask(client, programme, eric=world.eric_a)
    ask(client, programme, day=datetime.date(2026, 10, 5))
    assert Report.objects.count() == 4


def download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def quick(client, programme, day):
    url = reverse("progress:programme_report_pdf", args=[programme.slug])
    return client.get(url, {"au": day.isoformat()})


def test_the_dashboards_quick_pdf_is_queued_not_built_in_the_request(
    world, programme, login, settings, django_capture_on_commit_callbacks
):
    """``rapport.pdf?au=`` asks for the committee's report like the reports page: with
    no worker running (dummy backend) nothing is built and the request returns at once."""
    settings.TASKS = DUMMY_TASKS
    client = login(world.region)
    with django_capture_on_commit_callbacks(execute=True):
        first = quick(client, programme, datetime.date(2026, 10, 31))
        second = quick(client, programme, datetime.date(2026, 10, 31))
    report = Report.objects.get()  # asked twice while queued: one report
    assert (report.kind, report.status, report.format) == ("committee", "queued", "pdf")
    assert (report.period_start, report.period_end) == (
        programme.start_date,
        datetime.date(2026, 10, 31),
    )
    for response in (first, second):
        assert response.status_code == 302
        assert response["Location"] == reverse("progress:report_detail", args=[report.pk])
    assert "En attente" in client.get(first["Location"]).content.decode()


def test_the_quick_pdf_is_given_again_until_the_data_change(
    world, programme, two_animations, login, django_capture_on_commit_callbacks
):
    """Asked again with nothing logged since, the ready report is given again (same
    file); once a record is logged — here a late animation of the day it stops at — the
    next request builds it anew, with that record (the dashboard's figures of the
    moment), and the first stays as it was."""
    client = login(world.region)
    past = datetime.date(2026, 10, 31)
    with django_capture_on_commit_callbacks(execute=True):  # built on commit (immediate)
        quick(client, programme, past)
    first = Report.objects.get()
    assert first.status == ReportStatus.READY and first.data_version is not None
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = quick(client, programme, past)
    assert not callbacks  # nothing queued
    assert Report.objects.count() == 1
    assert again["Location"] == reverse("progress:report_download", args=[first.pk])
    assert "Repair café d'octobre" in pdf_text(download(client, again["Location"]))

    counted_animation(
        world,
        title="Atelier tardif du 31 octobre",
        co_organisers=partners(2, prefix="Asso tardive"),
        starts_at=paris(2026, 10, 31, 10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        third = quick(client, programme, past)
    assert Report.objects.count() == 2
    newest = Report.objects.order_by("-pk").first()
    assert newest.status == ReportStatus.READY
    assert newest.data_version != first.data_version
    # (built when the test's on-commit callbacks ran, after the answer: its page)
    assert third["Location"] == reverse("progress:report_detail", args=[newest.pk])
    text = pdf_text(download(client, reverse("progress:report_download", args=[newest.pk])))
    assert "Rapport arrêté au 31 octobre 2026" in text
    assert "Atelier tardif du 31 octobre" in text and "Fablab de novembre" not in text
    old = download(client, reverse("progress:report_download", args=[first.pk]))
    assert hashlib.sha256(old).hexdigest() == first.checksum
    assert "Atelier tardif du 31 octobre" not in pdf_text(old)
    # another day, another report
    with django_capture_on_commit_callbacks(execute=True):
        quick(client, programme, datetime.date(2026, 10, 30))
    assert Report.objects.count() == 3


def test_the_reports_page_gives_a_ready_report_again_until_the_data_change(
    world, programme, login, settings, monkeypatch, django_capture_on_commit_callbacks
):
    client = login(world.region)
    first = ask(client, programme, capture=django_capture_on_commit_callbacks)
    second = ask(client, programme, capture=django_capture_on_commit_callbacks)
    assert first["Location"] == second["Location"]
    assert Report.objects.get().status == ReportStatus.READY
    assert "déjà prêt" in client.get(second["Location"]).content.decode()
    counted_animation(world, starts_at=paris(2026, 11, 10, 14))
    ask(client, programme, capture=django_capture_on_commit_callbacks)
    assert Report.objects.count() == 2
    # with the cache down there is no version to trust: built anew
    settings.TASKS = DUMMY_TASKS

    def month_report():
        return report_services.request_report(
            by=world.region,
            programme=programme,
            kind=ReportKind.MONTH,
            period=report_period(ReportKind.MONTH, programme, TODAY, today=TODAY),
            fmt="pdf",
        )

    assert month_report()[1] is False  # same version: the ready one
    monkeypatch.setattr(report_services, "programme_version", lambda programme_id: None)
    report, created = month_report()
    assert created and report.data_version is None


def test_a_scheduled_or_frozen_report_is_never_another_ones(world, programme):
    """The schedule's report is its own (the Region is told about it), and so is each
    frozen version; the end-of-programme draft is built anew (its text is not data)."""
    asked = built(world, programme)
    assert asked.status == ReportStatus.READY
    period = report_period(ReportKind.MONTH, programme, TODAY, today=TODAY)
    scheduled, created = report_services.request_report(
        by=None,
        programme=programme,
        kind=ReportKind.MONTH,
        period=period,
        fmt="pdf",
        scheduled=True,
    )
    assert created and scheduled.pk != asked.pk
    draft = built(world, programme, kind=ReportKind.PROGRAMME_END)
    again = built(world, programme, kind=ReportKind.PROGRAMME_END)
    assert again.pk != draft.pk


def test_the_quick_pdf_is_the_dashboards_only(world, programme, login, settings):
    settings.TASKS = DUMMY_TASKS
    for who, status in (("team_a", 403), ("partner", 403), ("outsider", 404)):
        response = quick(login(getattr(world, who)), programme, TODAY)
        assert response.status_code == status, who
    assert not Report.objects.exists()


def test_a_layout_process_that_fails_fails_the_report(world, programme, monkeypatch):
    """The PDF's layout process is our interpreter running ``core.pdf_layout``: if it
    dies, the report says so (and can be retried) instead of holding a broken file."""
    from core import pdf

    monkeypatch.setattr(pdf.sys, "executable", "/bin/false")
    report = built(world, programme)
    assert report.status == ReportStatus.FAILED
    assert "PDF layout process failed (exit 1)" in report.error
    assert not report.file


def test_the_database_refuses_a_second_unfinished_report_with_the_same_key(world, programme):
    from django.db import IntegrityError, transaction

    report = built(world, programme)
    report.status = ReportStatus.BUILDING
    report.save(update_fields=["status"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            programme=programme,
            kind=report.kind,
            period_start=report.period_start,
            period_end=report.period_end,
            format=report.format,
            request_key=report.request_key,
        )


def test_a_built_report_is_ready_downloadable_and_mailed(
    world, programme, login, django_capture_on_commit_callbacks
):
    client = login(world.region)
    response = ask(client, programme, capture=django_capture_on_commit_callbacks)
    report = Report.objects.get()
    assert report.status == ReportStatus.READY
    page = client.get(response["Location"]).content.decode()
    assert "Prêt" in page and "Télécharger le rapport (PDF)" in page
    assert report.checksum in page
    download = client.get(reverse("progress:report_download", args=[report.pk]))
    content = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/pdf"
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == report.checksum
    assert f"rapport-month-{programme.slug}-2026-11-22.pdf" in download["Content-Disposition"]
    message = mail.outbox[0]
    assert message.bcc == ["region@example.org"]
    assert "Votre rapport est prêt" in message.subject
    assert f"/espace/rapports/{report.pk}/" in message.body
    # the notice in the platform: « Mon espace » lists it
    home = client.get(reverse("coaching:home")).content.decode()
    assert reverse("progress:report_detail", args=[report.pk]) in home
    assert "Rapports prêts" in home
    # a team's own report: « Vos rapports »
    team = login(world.team_a)
    ask(team, programme, eric=world.eric_a, capture=django_capture_on_commit_callbacks)
    own = Report.objects.get(eric=world.eric_a)
    home = team.get(reverse("coaching:home")).content.decode()
    assert reverse("progress:report_detail", args=[own.pk]) in home
    assert "prêt à télécharger" in home
    assert reverse("progress:report_detail", args=[report.pk]) not in home


def test_a_failed_build_says_so_and_can_be_retried(world, programme, login, monkeypatch):
    def broken(report):
        raise RuntimeError("WeasyPrint a perdu sa police")

    monkeypatch.setattr(documents, "build", broken)
    report = built(world, programme)
    assert report.status == ReportStatus.FAILED
    assert "WeasyPrint a perdu sa police" in report.error
    assert "n'a pas pu être fabriqué" in mail.outbox[0].subject
    client = login(world.region)
    page = client.get(reverse("progress:report_detail", args=[report.pk])).content.decode()
    assert "Échec" in page and "Relancer" in page
    home = client.get(reverse("coaching:home")).content.decode()
    assert "échec : à relancer" in home

    monkeypatch.undo()
    response = client.post(reverse("progress:report_retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.QUEUED  # queued again, built after commit
    report_services.build_report_now(report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert report.error == ""


def test_a_connection_dropped_during_the_build_does_not_leave_the_report_building(
    world, programme, monkeypatch
):
    """The layout takes minutes: the database may drop the worker's idle connection
    meanwhile. The finished report is saved on a new one instead of staying
    « building » (and being given to every later request)."""
    from django.db import OperationalError
    from django.db.models import Model

    from progress import report_services as services

    closed = []
    monkeypatch.setattr(services.connection, "close", lambda: closed.append(True))
    save = Model.save

    def dropped_once(self, *args, **kwargs):
        if (
            isinstance(self, Report)
            and "checksum" in kwargs.get("update_fields", [])
            and not closed
        ):
            raise OperationalError("server closed the connection unexpectedly")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Report, "save", dropped_once)
    report = built(world, programme)
    assert closed == [True]
    assert report.status == ReportStatus.READY and report.checksum


def test_building_again_a_ready_report_changes_nothing(world, programme):
    report = built(world, programme)
    checksum, name = report.checksum, report.file.name
    report_services.build_report_now(report.pk)
    report.refresh_from_db()
    assert (report.checksum, report.file.name) == (checksum, name)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free local port; the messages it received."""

    class Handler:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler.messages
    controller.stop()


def test_the_ready_notice_goes_out_through_smtp(world, programme, smtp_server):
    report = built(world, programme, fmt="docx")
    [envelope] = smtp_server
    assert envelope.rcpt_tos == ["region@example.org"]
    text = envelope.content.decode()
    assert "Votre_rapport_est_pr" in text or "Votre rapport est pr" in text
    assert f"/espace/rapports/{report.pk}/" in text


# --- What the reports say -----------------------------------------------------------------


def figures_in(text, rows):
    for row in rows:
        assert str(row.label)[:25].capitalize() in text, row.label
        if row.figure.tracked:
            assert "%d / %s" % (row.figure.actual, row.figure.total) in text, row.label


def test_pdf_and_docx_hold_every_target_with_the_dashboards_figures(
    world, programme, two_animations
):
    rows = programme_indicators(programme, today=TODAY).rows
    assert len(rows) == 5
    pdf = pdf_text(built(world, programme).file.read())
    docx = docx_text(built(world, programme, fmt="docx").file.read())
    for text in (pdf, docx):
        figures_in(text, rows)
        for heading in (
            "Objectifs du programme",
            "Comparaison avec la période précédente",
            "Alertes",
            "Par ERIC",
            "Mois par mois",
            "Animations comptées",
            "Formations tenues",
        ):
            assert heading in text
        assert "Repair café d'octobre" in text and "Fablab de novembre" in text


def test_the_docx_draws_the_charts_as_images(world, programme, two_animations):
    content = built(world, programme, fmt="docx").file.read()
    document = Document(io.BytesIO(content))
    images = [s for s in document.inline_shapes]
    assert len(images) >= 1
    assert document.core_properties.language == "fr-FR"


def test_the_month_compares_with_the_previous_month(world, programme, two_animations):
    """November: one animation counted by 31 October, two by 22 November: +1."""
    report = built(world, programme)
    context = documents.report_document_context(report)
    lines = {line["key"]: line for line in context["comparison"]["lines"]}
    animations = next(v for k, v in lines.items() if k.startswith(Indicator.ANIMATIONS))
    assert (animations["then"], animations["now"], animations["change"]) == (1, 2, 1)
    newsletters = next(v for k, v in lines.items() if k.startswith(Indicator.NEWSLETTERS))
    assert newsletters["change"] == 0  # tracked now: none published either month
    study = [v for k, v in lines.items() if k.startswith(Indicator.VISITOR_STUDY)]
    assert all(line["change"] == 0 for line in study)  # tracked now: no event either day
    text = pdf_text(report.file.read())
    assert "Réalisé au 31/10/2026" in text and "Réalisé au 22/11/2026" in text
    assert "+1" in text


def test_the_quarter_compares_with_the_previous_quarter(world, programme, two_animations):
    report = built(world, programme, kind=ReportKind.QUARTER, fmt="docx")
    assert report.period_start == datetime.date(2026, 10, 1)
    context = documents.report_document_context(report)
    assert context["comparison"]["previous_end"] == datetime.date(2026, 9, 30)
    text = docx_text(report.file.read())
    assert "Réalisé au 30/09/2026" in text


def test_the_committee_report_has_no_comparison(world, programme):
    report = built(world, programme, kind=ReportKind.COMMITTEE)
    assert "Comparaison avec la période précédente" not in pdf_text(report.file.read())


def test_an_erics_report_holds_its_own_figures_and_no_other_eric(world, programme, two_animations):
    report = built(world, programme, eric=world.eric_a, by=world.team_a)
    for text in (
        pdf_text(report.file.read()),
        docx_text(
            built(world, programme, eric=world.eric_a, fmt="docx", by=world.team_a).file.read()
        ),
    ):
        assert "ERIC A" in text
        assert "ERIC B" not in text
        assert "Fablab de novembre" not in text
        assert "Repair café d'octobre" in text


# --- Who sees what ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize(
    ("who", "whose", "status"),
    [
        ("region", None, 200),
        ("admin", None, 200),
        ("coach_a", None, 200),
        ("coach_a", "b", 200),  # a resource person of the programme gets any report
        ("team_a", "a", 200),
        ("team_a", None, 404),
        ("team_a", "b", 404),
        ("team_b", "a", 404),
        ("partner", None, 404),
        ("outsider", "a", 404),
    ],
)
def test_who_gets_a_report(world, programme, login, who, whose, status, fmt):
    eric = getattr(world, f"eric_{whose}") if whose else None
    report = built(world, programme, eric=eric, fmt=fmt)
    client = login(getattr(world, who))
    for name in ("report_detail", "report_download"):
        assert client.get(reverse(f"progress:{name}", args=[report.pk])).status_code == status
    assert client.post(reverse("progress:report_retry", args=[report.pk])).status_code == (
        302 if status == 200 else 404
    )


def test_a_team_asks_for_its_own_erics_report_only(world, programme, login, settings):
    settings.TASKS = DUMMY_TASKS
    client = login(world.team_a)
    page = client.get(reverse("progress:programme_reports", args=[programme.slug]))
    assert page.status_code == 200
    assert "ERIC B" not in page.content.decode()
    refused = ask(client, programme, eric=world.eric_b)
    assert refused.status_code == 200  # the form, with its French error
    assert "Sélectionnez un choix valide" in refused.content.decode()
    whole = ask(client, programme)
    assert whole.status_code == 200  # an ERIC is required of a team
    assert not Report.objects.exists()
    assert ask(client, programme, eric=world.eric_a).status_code == 302
    assert Report.objects.get().eric == world.eric_a


def test_outsiders_do_not_reach_the_reports_page(world, programme, login):
    for who in ("partner", "outsider"):
        url = reverse("progress:programme_reports", args=[programme.slug])
        assert login(getattr(world, who)).get(url).status_code == 404


def test_a_bad_day_is_refused_in_french(world, programme, login):
    client = login(world.region)
    url = reverse("progress:programme_reports", args=[programme.slug])
    for day, message in [
        ("pas-une-date", "Ce n&#x27;est pas une date"),
        ("2030-01-01", "à venir"),
        ("2020-01-01", "avant le début du programme"),
    ]:
        response = client.post(url, {"kind": "month", "day": day, "format": "pdf"})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Report.objects.exists()


# --- The schedule -------------------------------------------------------------------------


def test_the_schedule_prepares_last_months_report_once_and_tells_the_region(
    world, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [report] = prepare_due_reports(TODAY)
    report.refresh_from_db()
    assert report.kind == ReportKind.MONTH
    assert report.scheduled and report.requested_by is None
    assert (report.period_start, report.period_end) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 10, 31),
    )
    assert report.status == ReportStatus.READY
    assert mail.outbox[0].bcc == ["region@example.org"]
    schedule = ReportSchedule.objects.get(programme=programme)
    assert schedule.frequency == ScheduleFrequency.MONTHLY  # the default
    assert schedule.last_period_end == datetime.date(2026, 10, 31)
    # run again the same day, or the next: nothing more
    assert prepare_due_reports(TODAY) == []
    assert prepare_due_reports(TODAY + datetime.timedelta(days=1)) == []
    # December: November's
    [november] = prepare_due_reports(datetime.date(2026, 12, 1))
    assert november.period_end == datetime.date(2026, 11, 30)


def test_the_schedule_waits_for_the_programme_and_follows_its_frequency(world, programme):
    assert prepare_due_reports(datetime.date(2026, 9, 15)) == []  # August: before the start
    ReportSchedule.objects.filter(programme=programme).update(frequency=ScheduleFrequency.QUARTERLY)
    [report] = prepare_due_reports(datetime.date(2027, 1, 3))
    assert report.kind == ReportKind.QUARTER
    assert report.period_start == datetime.date(2026, 10, 1)


def test_the_daily_command_queues_the_task(world, programme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("prepare_scheduled_reports", stdout=io.StringIO())
    assert Report.objects.filter(scheduled=True).count() == 1


def test_the_regions_home_lists_reports_due_ready_and_frozen(world, programme, login):
    built(world, programme)
    frozen = report_services.freeze_end_report(
        by=world.coach_a,
        narrative=report_services.end_narrative_for(programme),
        fmt="pdf",
        period=Period(programme.start_date, TODAY),
    )
    report_services.build_report_now(frozen.pk)
    home = login(world.region).get(reverse("coaching:home")).content.decode()
    assert "Rapports à venir" in home and "préparé le 1er décembre 2026" in home
    assert "Rapports prêts" in home and "arrêté au 22/11/2026" in home
    assert "Rapports figés" in home and "figé le" in home
    team_home = login(world.team_a).get(reverse("coaching:home")).content.decode()
    assert "Rapports figés" not in team_home


# --- The end-of-programme report ----------------------------------------------------------


def test_the_narrative_is_written_previewed_and_frozen_unchanged_after_new_records(
    world, programme, two_animations, login, django_capture_on_commit_callbacks
):
    client = login(world.coach_a)
    url = reverse("progress:end_narrative", args=[programme.slug])
    response = client.post(
        url,
        {
            "users": "Des familles du quartier, venues pour le repair café.",
            "uses": "Le lieu sert de salle de réunion aux associations.",
            "events": "La fête de quartier de septembre.",
            f"recommendation_{world.eric_a.pk}": "Ouvrir le samedi.",
            f"recommendation_{world.eric_b.pk}": "",
        },
    )
    assert response.status_code == 302
    assert EricRecommendation.objects.get(eric=world.eric_a).text == "Ouvrir le samedi."
    with django_capture_on_commit_callbacks(execute=True):
        preview = client.post(
            reverse("progress:end_report_preview", args=[programme.slug]), {"format": "pdf"}
        )
    draft = Report.objects.get(pk=preview["Location"].rstrip("/").split("/")[-1])
    assert not draft.frozen
    assert "Ouvrir le samedi." in pdf_text(draft.file.read())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("progress:end_report_freeze", args=[programme.slug]), {"format": "docx"}
        )
    frozen = Report.objects.frozen().get()
    assert frozen.frozen_by == world.coach_a and frozen.frozen_at is not None
    first = frozen.file.read()
    assert hashlib.sha256(first).hexdigest() == frozen.checksum
    text = docx_text(first)
    for expected in (
        "Rapport de fin de programme",
        "Les usagers et leurs motivations",
        "Des familles du quartier",
        "Les trajectoires des ERIC",
        "Ouvrir le samedi.",
        "Cercles de confiance de ERIC A",
        "Version figée",
    ):
        assert expected in text

    # later: a new animation, the draft rewritten
    counted_animation(
        world,
        title="Atelier de décembre",
        co_organisers=partners(2, prefix="Asso tard"),
        starts_at=paris(2026, 11, 20, 14),
    )
    ProgrammeEndNarrative.objects.filter(programme=programme).update(users="Tout autre chose.")
    download = client.get(reverse("progress:report_download", args=[frozen.pk]))
    again = b"".join(download.streaming_content)
    assert again == first
    assert hashlib.sha256(again).hexdigest() == frozen.checksum
    # a frozen version never rebuilds, even asked to
    report_services.build_report_now(frozen.pk)
    frozen.refresh_from_db()
    assert hashlib.sha256(frozen.file.read()).hexdigest() == frozen.checksum
    page = client.get(url).content.decode()
    assert frozen.checksum in page


def test_a_frozen_version_rebuilt_from_its_row_keeps_its_narrative(world, programme):
    narrative = report_services.end_narrative_for(programme)
    narrative.users = "Première version."
    narrative.save()
    frozen = report_services.freeze_end_report(
        by=world.coach_a, narrative=narrative, fmt="pdf", period=Period(programme.start_date, TODAY)
    )
    narrative.users = "Seconde version."
    narrative.save()
    context = documents.report_document_context(frozen)
    assert context["sections"][0]["paragraphs"] == ["Première version."]


def test_the_trust_circles_are_drawn_as_concentric_circles(world, programme):
    from maps.enums import Circle, EntryKind, Relation
    from maps.models import TrustCircleEntry

    TrustCircleEntry.objects.create(
        eric=world.eric_a,
        name="Mairie",
        kind=EntryKind.ORGANISATION,
        circle=Circle.CORE,
        relation=Relation.FUNDING,
        since=datetime.date(2026, 10, 1),
        latitude=43.6,
        longitude=7.0,
    )
    report = built(world, programme, kind=ReportKind.PROGRAMME_END, by=world.coach_a)
    context = documents.report_document_context(report)
    page = next(p for p in context["eric_pages"] if p["name"] == "ERIC A")
    core = next(c for c in page["circles"] if c.circle == Circle.CORE)
    assert (core.start, core.end) == (0, 1)
    assert page["circles_svg"].count("<circle") == 3
    assert "0 → 1" in page["circles_svg"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("coach_a", 200), ("region", 200), ("admin", 200), ("team_a", 404), ("partner", 404)],
)
def test_who_writes_or_freezes_the_narrative(world, programme, login, who, status):
    url = reverse("progress:end_narrative", args=[programme.slug])
    assert login(getattr(world, who)).get(url).status_code == status


def test_the_documentation_partner_writes_the_narrative(world, programme, login):
    narrative = report_services.end_narrative_for(programme)
    narrative.documentation_partner = world.partner_org
    narrative.save()
    client = login(world.partner)
    url = reverse("progress:end_narrative", args=[programme.slug])
    assert client.get(url).status_code == 200
    assert client.post(url, {"users": "Étude SKEMA"}).status_code == 302
    narrative.refresh_from_db()
    assert narrative.users == "Étude SKEMA"


def test_the_region_freezes_but_does_not_write(world, programme, login):
    client = login(world.region)
    url = reverse("progress:end_narrative", args=[programme.slug])
    page = client.get(url).content.decode()
    assert "Figer cette version" in page and "Enregistrer le brouillon" not in page
    assert client.post(url, {"users": "x"}).status_code == 404


def test_the_dashboards_form_prepares_the_committees_report_as_of_a_day(
    world, programme, login, settings
):
    settings.TASKS = DUMMY_TASKS
    client = login(world.coach_a)
    response = ask(client, programme, kind="committee", day=datetime.date(2026, 10, 15))
    report = Report.objects.get()
    assert response.status_code == 302
    assert report.kind == ReportKind.COMMITTEE
    assert (report.period_start, report.period_end) == (
        programme.start_date,
        datetime.date(2026, 10, 15),
    )


def test_the_cc_by_sa_photos_retained_are_printed_with_their_credits(world, programme, login):
    from core.licences import Licence
    from tests.cms.test_media_library import make_photo

    kept = make_photo(
        title="Repair café", eric=world.eric_a, credit="Photo : Léa Bernard, CC BY-SA"
    )
    other_licence = make_photo(title="Fablab", eric=world.eric_a, licence=Licence.CC_BY_4)
    client = login(world.coach_a)
    url = reverse("progress:end_narrative", args=[programme.slug])
    page = client.get(url).content.decode()
    assert "Photo : Léa Bernard, CC BY-SA" in page
    assert f'value="{other_licence.pk}"' not in page  # only CC BY-SA is offered
    assert client.post(url, {"photos": [kept.pk]}).status_code == 302
    pdf = built(world, programme, kind=ReportKind.PROGRAMME_END, by=world.coach_a)
    assert "Repair café — Photo : Léa Bernard, CC BY-SA (Creative Commons BY-SA 4.0)" in (
        pdf_text(pdf.file.read())
    )
    docx = built(world, programme, kind=ReportKind.PROGRAMME_END, fmt="docx", by=world.coach_a)
    content = docx.file.read()
    assert "Photo : Léa Bernard, CC BY-SA" in docx_text(content)
    pictures = Document(io.BytesIO(content)).inline_shapes
    assert len(pictures) == len(documents.report_document_context(docx)["charts"]) + 1


def test_a_team_finds_its_erics_reports_from_its_trajectory(world, programme, login):
    url = reverse("progress:accompaniment_detail", args=[world.accompaniment_a.pk])
    page = login(world.team_a).get(url).content.decode()
    assert reverse("progress:programme_reports", args=[programme.slug]) in page
    assert "Rapports de l&#x27;ERIC (PDF ou DOCX)" in page or "Rapports de l'ERIC" in page


def test_the_django_admin_sets_the_schedule_and_the_documentation_partner(
    world, programme, admin_client
):
    built(world, programme)
    prepare_due_reports(TODAY)
    report_services.end_narrative_save(
        by=world.coach_a,
        narrative=report_services.end_narrative_for(programme),
        data={"users": "x"},
        recommendations={},
        photos=[],
    )
    for name in ("reportschedule", "programmeendnarrative", "report"):
        assert admin_client.get(reverse(f"admin:progress_{name}_changelist")).status_code == 200
    narrative = ProgrammeEndNarrative.objects.get()
    change = reverse("admin:progress_programmeendnarrative_change", args=[narrative.pk])
    assert admin_client.get(change).status_code == 200


def test_a_period_stays_inside_the_programme(world, programme):
    """The quarter of September 2026 starts with the programme, on 1 September."""
    period = report_period(ReportKind.QUARTER, programme, datetime.date(2026, 9, 10), today=TODAY)
    assert period == Period(datetime.date(2026, 9, 1), datetime.date(2026, 9, 30))
    report = built(world, programme, kind=ReportKind.MONTH)
    assert report.period_end == TODAY  # the month under way stops today


def test_the_reports_page_costs_the_same_with_1_report_and_with_4(world, programme, login):
    """The list of a programme's reports, and a report's status page: no query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.region)
    first = built(world, programme)
    url = reverse("progress:programme_reports", args=[programme.slug])

    def count(address):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    one = count(url)
    status = count(reverse("progress:report_detail", args=[first.pk]))
    built(world, programme, fmt="docx")
    built(world, programme, eric=world.eric_a)
    built(world, programme, kind=ReportKind.QUARTER)
    assert count(url) == one
    assert count(reverse("progress:report_detail", args=[first.pk])) == status
