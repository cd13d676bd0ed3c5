"""The committee's progress report (PDF): who downloads it, what it says, as of which day,
in how many queries."""

import datetime
import io
import logging
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from coaching import services
from coaching.enums import AnimationStatus, Basis, Indicator
from organisations.enums import Role
from progress import report
from tests.coaching.journal_helpers import call, counted_animation, partners
from tests.factories import make_accompaniment, make_programme, make_target, make_user
from tests.newsletter.factories import make_published_issue
from tests.progress.downloads import fetch
from tests.trainings.factories import make_training, register_external
from trainings import services as training_services
from trainings.enums import AttendanceStatus

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 11, 22)


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def pdf_text(content: bytes) -> str:
    """The PDF's text, each run of spaces and line breaks as one space (cells wrap)."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pdf_fonts(content: bytes) -> set[str]:
    """The names of the fonts the pages use, their images' (SVG drawn as forms) included."""
    names = set()

    def walk(resources):
        resources = resources.get_object() if resources else {}
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in PdfReader(io.BytesIO(content)).pages:
        walk(page.get("/Resources"))
    return names


def url(programme, **query):
    path = reverse("progress:programme_report_pdf", args=[programme.slug])
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return path


@pytest.fixture
def programme(world, time_machine_today):
    """The world's programme (from 1 September 2026, 10 months) with the real targets."""
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
        programme=programme, indicator=Indicator.TRUST_CIRCLE_MAPS, value=1, basis=Basis.PER_ERIC
    )
    make_target(
        programme=programme, indicator=Indicator.FEDERATING_EVENTS, value=1, basis=Basis.PER_ERIC
    )
    make_target(
        programme=programme, indicator=Indicator.HOTLINE_HALF_DAYS, value=1, basis=Basis.PER_WEEK
    )
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


# --- Who downloads it ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("region", 200),
        ("admin", 200),
        ("coach_a", 200),  # the programme's resource person, as on the dashboard
        ("team_a", 403),
        ("partner", 403),
        ("outsider", 404),  # no programme at all: as a missing one
    ],
)
def test_who_downloads_the_report(world, programme, login, who, status):
    response = fetch(login(getattr(world, who)), url(programme))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="rapport-committee-{programme.slug}-2026-11-22.pdf"'
        )
        assert response.content.startswith(b"%PDF-")


def test_a_coach_of_another_programme_is_refused(world, programme, login):
    other = make_programme(funder=world.region_org)
    coach = make_user(
        username="coach_ailleurs", organisation=world.partner_org, role=Role.RESOURCE_PERSON
    )
    make_accompaniment(programme=other, resource_persons=[coach])
    client = login(coach)
    assert fetch(client, url(other)).status_code == 200
    assert fetch(client, url(programme)).status_code == 403


def test_a_region_officer_of_another_funder_is_refused(world, login, time_machine_today):
    time_machine_today(TODAY)
    other = make_programme()
    assert fetch(login(world.region), url(other)).status_code == 403


def test_anonymous_is_sent_to_login(client, programme):
    response = fetch(client, url(programme))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_programme_is_404(world, programme, login):
    response = login(world.region).get(
        reverse("progress:programme_report_pdf", args=["pas-de-programme"])
    )
    assert response.status_code == 404


# --- What it says ----------------------------------------------------------------------


def test_the_report_gives_every_target_in_french(world, programme, two_animations, login):
    for number, month in ((1, 9), (2, 10)):
        make_published_issue(
            programme=programme, number=number, published_at=paris(2026, month, 2, 9)
        )
    text = pdf_text(fetch(login(world.region), url(programme)).content)
    # cover
    assert "Comité de suivi des Centres de Ressources Numériques" in text
    assert "Rapport arrêté au 22 novembre 2026" in text
    assert "Région test" in text
    assert "du 1er septembre 2026 au 30 juin 2027 (10 mois)" in text
    assert "mois 3 sur 10 — 27 % du programme écoulé" in text
    assert "Document généré le" in text
    # summary: 2 counted out of 20 (1 a month for each of the 2 ERIC); expected 1 × 2
    # months ended × 2 ERIC = 4; 2 < 75 % of 4
    animations = re.search(r"Animations multi-partenariales documentées(.*?)en danger", text)
    assert animations and "2 / 20" in animations.group(1)
    assert "Attendu au 22/11/2026" in text
    # newsletters: the two published issues
    newsletters = re.search(r"Lettres d'information(.*?)/ 10", text, re.DOTALL).group(0)
    assert "2 / 10" in newsletters
    # per ERIC: each ERIC's own target, one a month, said once in the column's head;
    # each ERIC's cell, its figure and its state
    assert "objectif 10 par ERIC, attendu 2" in text
    assert text.count("1 — en danger") == 2
    # the animations counted, with their partners
    assert "08/10/2026" in text and "Repair café d'octobre" in text
    assert "Asso octobre" in text
    assert (
        "2 animations multi-partenariales documentées du 1er septembre 2026 au 22 novembre 2026"
        in (text)
    )


def test_alerts_are_in_the_report(world, programme, login):
    counted_animation(world, starts_at=paris(2026, 11, 2, 14))
    text = pdf_text(fetch(login(world.region), url(programme)).content)
    assert "Aucune animation comptée en novembre 2026, à mi-mois passé : 1 ERIC" in text
    # the sheets are the programme's, one a month, not each ERIC's
    assert "Aucune fiche « code source » publiée en novembre 2026, à mi-mois passé" in text
    # no call logged: every ended week of the programme is missed, the latest first
    assert "Permanence téléphonique non tenue : 11 semaines" in text
    assert "Semaines du 09/11/2026" in text


def test_weasyprint_subsets_fonts_with_harfbuzz():
    """The PDFs' fonts are subset with HarfBuzz-Subset (Debian: libharfbuzz-subset0,
    beside Pango). Without it WeasyPrint falls back to fontTools (about three times
    slower) and logs a warning for each font of each PDF: the machine is at fault, not
    the PDF."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    assert harfbuzz_subset is not None and harfbuzz.hb_version_atleast(4, 1, 0), (
        "HarfBuzz-Subset >= 4.1 is missing: apt-get install libharfbuzz-subset0"
    )


def test_charts_are_drawn_with_their_data_tables(world, programme, two_animations, login, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        content = fetch(login(world.region), url(programme)).content
    # WeasyPrint loaded every image (no fetch refused) and found each one's alt text; its
    # notice of a machine without HarfBuzz-Subset is the test above's, not this PDF's
    problems = [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("weasyprint") and "HarfBuzz-Subset" not in r.getMessage()
    ]
    assert not problems, problems
    text = pdf_text(content)
    # the legend is text inside the SVG: it is in the PDF only if the chart was drawn
    assert "réalisé (cumul)" in text and "attendu en fin de mois (cumul)" in text
    assert "Données du graphique « Animations multi-partenariales documentées »" in text
    assert "Octobre 2026" in text
    # the chart's text is set in the vendored font, like the rest
    fonts = pdf_fonts(content)
    assert fonts and all("DejaVu" in font for font in fonts), fonts


def test_the_pdf_is_tagged_titled_and_numbered(world, programme, login):
    content = fetch(login(world.region), url(programme)).content
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"
    assert reader.metadata.title == (
        f"Rapport d'avancement — {programme.name} — arrêté au 22 novembre 2026"
    )
    pages = len(reader.pages)
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    assert f"page 1 / {pages}" in first
    assert f"page {pages} / {pages}" in last
    assert programme.name in last  # the running footer
    assert "Rapport d'avancement au comité de suivi — arrêté au 22 novembre 2026" in last


def test_no_private_call_nor_trainee_name(world, programme, login):
    call(
        world,
        shared=False,
        summary="Conflit interne dans l'équipe",
        started_at=paris(2026, 11, 17, 10),
    )
    training = make_training(world, title="Formation trimestrielle n° 1", day_offset=-5)
    trainee = register_external(training, by=world.admin, name="Camille Externe")
    training_services.attendance_record(
        by=world.admin,
        session=training.sessions.first(),
        statuses={trainee.pk: AttendanceStatus.PRESENT},
    )
    text = pdf_text(fetch(login(world.region), url(programme)).content)
    assert "Formation trimestrielle n° 1" in text
    assert "17/11/2026" in text  # the training's day
    assert "1 / 3" in text  # it counts toward the training target
    assert "Conflit interne" not in text
    assert "Camille Externe" not in text
    assert trainee.email not in text
    # the week of the call is held: it is no longer an alert
    assert "Semaines du 09/11/2026" in text


# --- As of which day -------------------------------------------------------------------


def test_an_earlier_day_leaves_later_records_out(world, programme, two_animations, login):
    response = fetch(login(world.region), url(programme, au="2026-10-31"))
    assert response.status_code == 200
    assert "2026-10-31" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Rapport arrêté au 31 octobre 2026" in text
    assert "Attendu au 31/10/2026" in text
    assert "1 / 20" in text
    assert "Repair café d'octobre" in text
    assert "Fablab de novembre" not in text
    assert "Novembre 2026" not in text  # the charts stop at October


def test_a_french_date_is_understood(world, programme, login):
    response = fetch(login(world.region), url(programme, au="31/10/2026"))
    assert response.status_code == 200
    assert "Rapport arrêté au 31 octobre 2026" in pdf_text(response.content)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "2026-13-45",
            "« 2026-13-45 » n'est pas une date : indiquez-la au format AAAA-MM-JJ, "
            "par exemple 2026-11-22.",
        ),
        ("demain", "« demain » n'est pas une date"),
        (
            "2026-08-31",
            "Le rapport ne peut pas être arrêté avant le début du programme, le 1er septembre 2026.",
        ),
        (
            "2026-11-23",
            "Le rapport ne peut pas être arrêté à une date à venir : au plus tard "
            "aujourd'hui, le 22 novembre 2026.",
        ),
    ],
)
def test_a_wrong_day_goes_back_to_the_dashboard_with_the_reason(
    world, programme, login, value, message
):
    client = login(world.region)
    response = fetch(client, url(programme, au=value))
    assert response.status_code == 302
    assert response["Location"] == reverse("progress:programme_dashboard", args=[programme.slug])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert message.replace("'", "&#x27;") in page.content.decode()


def test_before_the_programme_starts_the_report_says_so(world, login, time_machine_today):
    time_machine_today(TODAY)
    later = make_programme(funder=world.region_org, start_date=datetime.date(2027, 1, 1))
    make_target(programme=later, indicator=Indicator.ANIMATIONS, value=30)
    client = login(world.region)
    for response in (fetch(client, url(later)), fetch(client, url(later, au="2026-11-22"))):
        assert response.status_code == 200
        text = pdf_text(response.content)
        assert "le programme n'a pas encore commencé" in text
        assert "0 / 30" in text
    assert fetch(client, url(later, au="2026-11-21")).status_code == 302


def test_the_dashboard_offers_the_report(world, programme, login):
    html = (
        login(world.region)
        .get(reverse("progress:programme_dashboard", args=[programme.slug]))
        .content.decode()
    )
    # built in the background (tests/progress/test_reports.py); rapport.pdf?au= stays
    reports = reverse("progress:programme_reports", args=[programme.slug])
    assert f'action="{reports}"' in html
    assert 'name="day" value="2026-11-22"' in html
    assert 'min="2026-09-01"' in html and 'max="2026-11-22"' in html
    assert "Préparer le rapport" in html


# --- In how many queries ---------------------------------------------------------------


def test_same_queries_with_1_and_50_eric(world, login, time_machine_today, snapshot_queries):
    time_machine_today(TODAY)
    programme = make_programme(funder=world.region_org)
    for indicator in Indicator.values:
        make_target(programme=programme, indicator=indicator, value=3)

    def accompanied_eric(n):
        """An ERIC with one counted animation and one left undocumented."""
        accompaniment = make_accompaniment(programme=programme)
        counted = services.animation_create(
            by=world.admin,
            accompaniment=accompaniment,
            title="Animation comptée %d" % n,
            starts_at=paris(2026, 10, 8, 14),
            status=AnimationStatus.HELD,
            co_organisers=partners(2),
        )
        services.animation_document(
            by=world.admin,
            animation=counted,
            report_what_happened="Compte rendu.",
            attendance_residents=12,
        )
        services.animation_create(
            by=world.admin,
            accompaniment=accompaniment,
            title="Animation à documenter %d" % n,
            starts_at=paris(2026, 10, 20, 14),
            status=AnimationStatus.HELD,
        )

    accompanied_eric(1)
    client = login(world.region)
    with snapshot_queries(name="report") as one:
        assert fetch(client, url(programme)).status_code == 200
    for n in range(2, 51):
        accompanied_eric(n)
    with snapshot_queries(name="report"):
        response = fetch(client, url(programme))
    assert len(one) <= 45  # asking, building (the context: 18) and downloading
    text = pdf_text(response.content)
    assert "Animation comptée 50" in text and "Animation à documenter 50" in text
    # the per-ERIC table runs over several pages, its header repeated on each
    assert text.count("Animations comptées en novembre 2026") >= 2


def test_long_lists_are_cut_with_a_count_of_the_rest(world, programme, login, monkeypatch):
    monkeypatch.setattr(report, "ANIMATIONS_LISTED", 2)
    monkeypatch.setattr(report, "ALERTS_LISTED", 1)
    for day, title in [(6, "La plus ancienne"), (13, "La deuxième"), (20, "La plus récente")]:
        counted_animation(world, title=title, starts_at=paris(2026, 10, day, 14))
    text = pdf_text(fetch(login(world.region), url(programme)).content)
    assert "3 animations multi-partenariales documentées" in text
    assert "Voici les 2 plus récentes" in text
    assert "La plus récente" in text and "La plus ancienne" not in text
    # two ERIC without an animation counted this month: one named, then the others' count
    assert (
        "Aucune animation comptée en novembre 2026, à mi-mois passé : 2 ERIC ERIC A … et 1 autre."
        in text
    )
