import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from core.pdf import STATIC_DIR, StaticOnlyURLFetcher
from trainings import reports, services
from trainings.enums import AttendanceStatus

from .factories import make_trainer, make_training, register_external

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


@pytest.fixture
def held_training(world):
    organisation, trainer = make_trainer(world)
    training = make_training(
        world, trainer_organisations=[organisation], title="Formation trimestrielle n° 1"
    )
    morning, afternoon = training.sessions.order_by("starts_at")
    lea = services.registration_create(
        by=world.admin,
        training=training,
        full_name="Léa Bernard",
        email="lea@example.org",
        organisation=world.eric_a,
        consent=True,
    )
    karim = services.registration_create(
        by=world.admin,
        training=training,
        full_name="Karim Benali",
        email="karim@example.org",
        organisation=world.eric_b,
        consent=True,
    )
    nobody = register_external(training, by=world.admin, name="Absente")
    services.attendance_record(
        by=world.admin,
        session=morning,
        statuses={
            lea.pk: AttendanceStatus.PRESENT,
            karim.pk: AttendanceStatus.PRESENT,
            nobody.pk: AttendanceStatus.EXCUSED,
        },
    )
    services.attendance_record(
        by=world.admin,
        session=afternoon,
        statuses={
            lea.pk: AttendanceStatus.PRESENT,
            karim.pk: AttendanceStatus.ABSENT,
            nobody.pk: AttendanceStatus.ABSENT,
        },
    )
    return training, lea, karim, nobody


def test_attendance_sheet_lists_names_organisations_and_signature_boxes(world, held_training):
    training, lea, karim, nobody = held_training
    morning = training.sessions.order_by("starts_at").first()
    content = reports.attendance_sheet_pdf(morning)
    text = pdf_text(content)
    assert "Feuille d'émargement" in text
    assert "Formation trimestrielle n° 1" in text
    assert "matin, de 09:30 à 12:30 (3 h)" in text
    assert "Léa Bernard" in text and "ERIC A" in text
    assert "Karim Benali" in text and "ERIC B" in text
    assert "Signature" in text
    assert "excusé·e" in text  # marked excused: said in the signature box
    assert world.programme.name in text
    assert "Programme financé par Région test" in text
    assert "1 / 1" in text


def test_attendance_sheet_is_printable_before_the_session(world):
    training = make_training(world, day_offset=7)
    register_external(training, by=world.admin, name="Future participante")
    text = pdf_text(reports.attendance_sheet_pdf(training.sessions.first()))
    assert "Future participante" in text
    assert "présent" not in text


def test_pdfs_are_tagged_and_titled_in_french(world, held_training):
    training, *_ = held_training
    reader = pdf_reader(reports.summary_pdf(training))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"
    assert reader.metadata.title.startswith("Bilan — Formation trimestrielle n° 1")


def test_certificate_shows_the_hours_actually_attended(world, held_training):
    training, lea, karim, nobody = held_training
    lea_text = pdf_text(reports.certificate_pdf(lea))
    assert "Attestation de présence" in lea_text
    assert "Léa Bernard (ERIC A) a suivi la formation" in lea_text
    assert "OpenScop test atteste" in lea_text
    # 09:30–12:30 and 14:00–17:30.
    assert "Durée totale suivie : 6 h 30" in lea_text
    karim_text = pdf_text(reports.certificate_pdf(karim))
    assert "Durée totale suivie : 3 h" in karim_text
    assert "après-midi" not in karim_text


def test_certificate_is_refused_for_someone_who_attended_nothing(world, held_training):
    training, lea, karim, nobody = held_training
    with pytest.raises(ValidationError) as error:
        reports.certificate_pdf(nobody)
    assert error.value.messages == [
        "%s n'a assisté à aucune demi-journée de cette formation : il n'y a pas "
        "d'attestation de présence à délivrer." % nobody.full_name
    ]


def test_all_certificates_one_page_each_for_those_who_attended(world, held_training):
    training, lea, karim, nobody = held_training
    content = reports.certificates_pdf(training)
    reader = pdf_reader(content)
    assert len(reader.pages) == 2
    text = pdf_text(content)
    assert "Léa Bernard" in text and "Karim Benali" in text
    assert nobody.full_name not in text
    assert "1 / 2" in text and "2 / 2" in text


def test_summary_has_participants_by_organisation_attendance_rate_and_evaluations(
    world, held_training
):
    training, lea, karim, nobody = held_training
    services.evaluation_submit(
        registration=lea,
        content_score=5,
        facilitation_score=4,
        usefulness_score=4,
        organisation_score=3,
        comment="On repart avec une méthode.",
    )
    services.evaluation_submit(
        registration=karim,
        content_score=4,
        facilitation_score=4,
        usefulness_score=5,
        organisation_score=4,
    )
    text = pdf_text(reports.summary_pdf(training))
    assert "Bilan de la formation" in text
    assert "ERIC A" in text and "ERIC B" in text
    assert "participant·e externe" in text
    assert "Compte pour l'objectif oui" in text
    # 3 present out of 6 marked.
    assert "Taux de présence : 50 %" in text
    assert "Contenu de la formation 4,5 / 5" in text
    assert "Organisation et accueil 3,5 / 5" in text
    assert "« On repart avec une méthode. »" in text


def test_summary_of_a_training_not_held_says_what_is_missing(world):
    training = make_training(world, day_offset=4)
    text = pdf_text(reports.summary_pdf(training))
    assert "il manque : la tenue de la formation, l'émargement" in text
    assert "Aucune réponse au questionnaire" in text


def test_url_fetcher_reads_static_files_only(settings, tmp_path):
    fetcher = StaticOnlyURLFetcher()
    font = STATIC_DIR / "fonts" / "DejaVuSans.ttf"
    assert fetcher.is_allowed(font.as_uri())
    assert not fetcher.is_allowed("https://example.org/logo.png")
    assert not fetcher.is_allowed("file:///etc/passwd")
    assert not fetcher.is_allowed((STATIC_DIR / ".." / "manage.py").resolve().as_uri())
    with pytest.raises(ValueError):
        fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    response = fetcher.fetch(font.as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"
    response.close()


def test_format_duration_in_french():
    import datetime

    assert reports.format_duration(datetime.timedelta(hours=6)) == "6 h"
    assert reports.format_duration(datetime.timedelta(hours=6, minutes=30)) == "6 h 30"
    assert reports.format_duration(None) == "0 h"
