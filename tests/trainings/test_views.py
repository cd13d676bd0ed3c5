import datetime
import html
import io
import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from icalendar import Calendar
from pypdf import PdfReader

from core.licences import Licence
from organisations.enums import Role
from tests.factories import make_accompaniment, make_organisation, make_programme, make_user
from trainings import services
from trainings.enums import AttendanceStatus, RegistrationStatus
from trainings.models import Attendance, Evaluation, Material, Registration, Training

from .factories import give_email, make_trainer, make_training, register_external

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def setup(world):
    """A held training given by a trainer organisation, with two ERIC participants."""
    organisation, trainer = make_trainer(world)
    give_email(world.team_a, world.team_b)
    training = make_training(world, trainer_organisations=[organisation], capacity=5)
    own = services.registration_self(by=world.team_a, training=training)
    other = services.registration_self(by=world.team_b, training=training)
    session = training.sessions.order_by("starts_at").first()
    services.attendance_record(
        by=trainer,
        session=session,
        statuses={own.pk: AttendanceStatus.PRESENT, other.pk: AttendanceStatus.PRESENT},
    )
    material = Material.objects.create(
        training=training,
        title="Diaporama",
        file=SimpleUploadedFile("diaporama.txt", b"contenu"),
        licence=Licence.CC_BY_SA_4,
    )
    other_org = make_organisation(name="ERIC d'un autre programme")
    other_programme = make_programme()
    make_accompaniment(programme=other_programme, eric=other_org)
    team_other = make_user(
        username="team_other", organisation=other_org, role=Role.ERIC_TEAM, email="o@example.org"
    )
    return {
        "training": training,
        "session": session,
        "trainer": trainer,
        "own": own,
        "other": other,
        "material": material,
        "team_other": team_other,
    }


def who(world, setup, name):
    return setup[name] if name in setup else getattr(world, name)


MANAGERS = {"admin", "coach_a", "coach_b", "trainer"}
READERS = MANAGERS | {"region"}
VIEWERS = READERS | {"partner", "team_a", "team_b"}
EVERYONE = VIEWERS | {"outsider", "team_other"}


def url_for(name, setup):
    training, session, own = setup["training"], setup["session"], setup["own"]
    return {
        "detail": reverse("trainings:training_detail", args=[training.pk]),
        "update": reverse("trainings:training_update", args=[training.pk]),
        "session_create": reverse("trainings:session_create", args=[training.pk]),
        "material_create": reverse("trainings:material_create", args=[training.pk]),
        "register_external": reverse("trainings:register_external", args=[training.pk]),
        "attendance": reverse("trainings:attendance_mark", args=[session.pk]),
        "sheet": reverse("trainings:attendance_sheet_pdf", args=[session.pk]),
        "certificates": reverse("trainings:certificates_pdf", args=[training.pk]),
        "summary": reverse("trainings:summary_pdf", args=[training.pk]),
        "own_certificate": reverse("trainings:certificate_pdf", args=[own.pk]),
        "ics": reverse("trainings:training_ics", args=[training.pk]),
        "material": reverse("trainings:material_download", args=[setup["material"].pk]),
    }[name]


ALLOWED = {
    "detail": VIEWERS,
    "ics": VIEWERS,
    "material": VIEWERS,
    "update": MANAGERS,
    "session_create": MANAGERS,
    "material_create": MANAGERS,
    "register_external": MANAGERS,
    "attendance": MANAGERS,
    "sheet": READERS,
    "certificates": READERS,
    "summary": READERS,
    "own_certificate": READERS | {"team_a"},
}


@pytest.mark.parametrize("page", sorted(ALLOWED))
def test_permission_boundary_on_every_page(world, setup, client, page):
    url = url_for(page, setup)
    for name in sorted(EVERYONE):
        client.force_login(who(world, setup, name))
        response = client.get(url)
        expected = 200 if name in ALLOWED[page] else 403
        hidden = name not in VIEWERS and page != "register_external"  # a public form
        if name not in ALLOWED[page] and (hidden or page == "own_certificate"):
            expected = 404  # a training, or a certificate, one may not see: as a missing one
        assert response.status_code == expected, (page, name, response.status_code)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/connexion/" in response["Location"]


@pytest.mark.parametrize(
    "name",
    ["send_invitations", "send_evaluations", "register_self"],
)
def test_posts_are_refused_outside_their_boundary(world, setup, client, name):
    training = setup["training"]
    client.force_login(setup["team_other"])
    response = client.post(reverse("trainings:%s" % name, args=[training.pk]))
    assert response.status_code == 404  # another programme's training: as a missing one
    if name != "register_self":
        client.force_login(world.team_a)
        assert client.post(reverse("trainings:%s" % name, args=[training.pk])).status_code == 403


def test_an_eric_team_member_cannot_cancel_someone_else(world, setup, client):
    client.force_login(world.team_a)
    response = client.post(reverse("trainings:registration_cancel", args=[setup["other"].pk]))
    assert response.status_code == 403
    setup["other"].refresh_from_db()
    assert setup["other"].status == RegistrationStatus.CONFIRMED


def test_an_eric_team_member_sees_no_one_elses_personal_data(world, setup, client):
    client.force_login(world.team_a)
    page = client.get(reverse("trainings:training_detail", args=[setup["training"].pk]))
    content = page.content.decode()
    assert world.team_a.email in content  # their own registration
    assert world.team_b.email not in content
    assert "Participant·es" not in content
    assert "Feuille d'émargement (PDF)" not in content
    assert "Mon attestation de présence (PDF)" in content
    client.force_login(world.region)
    content = client.get(
        reverse("trainings:training_detail", args=[setup["training"].pk])
    ).content.decode()
    assert world.team_b.email in content
    assert "Émarger" not in content  # the Region reads, it does not mark


def test_outsiders_do_not_see_the_training_in_the_list(world, setup, client):
    client.force_login(setup["team_other"])
    response = client.get(reverse("trainings:training_list"))
    assert response.status_code == 200
    assert setup["training"].title not in response.content.decode()
    client.force_login(world.team_a)
    assert (
        setup["training"].title in client.get(reverse("trainings:training_list")).content.decode()
    )


def test_evaluation_link_works_with_its_token_only(world, setup, client):
    own = setup["own"]
    response = client.get(reverse("trainings:evaluation", args=[own.token]))
    assert response.status_code == 200
    assert client.get(reverse("trainings:evaluation", args=[uuid.uuid4()])).status_code == 404
    response = client.post(
        reverse("trainings:evaluation", args=[own.token]),
        {
            "content_score": "5",
            "facilitation_score": "4",
            "usefulness_score": "4",
            "organisation_score": "7",
        },
    )
    assert response.status_code == 200
    assert "Le formulaire contient des erreurs" in response.content.decode()
    response = client.post(
        reverse("trainings:evaluation", args=[own.token]),
        {
            "content_score": "5",
            "facilitation_score": "4",
            "usefulness_score": "4",
            "organisation_score": "3",
            "comment": "Bien",
        },
        follow=True,
    )
    assert "Vous avez déjà répondu" in response.content.decode()
    assert Evaluation.objects.get(registration=own).organisation_score == 3


def test_certificate_of_someone_who_attended_nothing_gives_a_french_message(world, setup, client):
    absent = register_external(setup["training"], by=world.admin, name="Absente")
    client.force_login(setup["trainer"])
    response = client.get(reverse("trainings:certificate_pdf", args=[absent.pk]), follow=True)
    assert response.redirect_chain
    assert "n'a assisté à aucune demi-journée" in text(response)


def test_attendance_on_a_future_half_day_is_refused_in_french(world, client):
    organisation, trainer = make_trainer(world)
    training = make_training(world, trainer_organisations=[organisation], day_offset=2)
    registration = register_external(training, by=trainer)
    session = training.sessions.first()
    client.force_login(trainer)
    url = reverse("trainings:attendance_mark", args=[session.pk])
    assert "n'a pas encore commencé" in text(client.get(url))
    response = client.post(url, {"r%d" % registration.pk: "present"}, follow=True)
    assert "n'a pas encore commencé : l'émargement ouvrira le" in text(response)
    assert not Attendance.objects.exists()


def test_duplicate_external_registration_shows_a_french_error(world, setup, client):
    client.force_login(setup["trainer"])
    url = reverse("trainings:register_external", args=[setup["training"].pk])
    data = {
        "full_name": "Léa",
        "email": world.team_a.email.upper(),
        "organisation_name": "",
        "consent": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "est déjà inscrite à cette formation" in response.content.decode()
    response = client.post(url, {**data, "consent": ""})
    assert "l'accord de la personne" in text(response)


def test_public_registration_of_an_open_training(world, client):
    training = make_training(world, day_offset=20, public_registration=True, capacity=1)
    url = reverse("trainings:register_external", args=[training.pk])
    assert client.get(url).status_code == 200
    data = {"full_name": "Jeanne Habitante", "email": "jeanne@example.org", "consent": "on"}
    client.post(url, {**data, "organisation_name": "Comité des fêtes"})
    client.post(url, {**data, "email": "paul@example.org", "full_name": "Paul"})
    statuses = dict(Registration.objects.values_list("full_name", "status"))
    assert statuses == {
        "Jeanne Habitante": RegistrationStatus.CONFIRMED,
        "Paul": RegistrationStatus.WAITING,
    }
    closed = make_training(world, day_offset=20)
    response = client.get(reverse("trainings:register_external", args=[closed.pk]))
    assert response.status_code == 302
    # A logged-in member who does not manage the training uses the public form too.
    client.force_login(world.team_b)
    client.post(url, {**data, "email": "team-b@example.org", "full_name": "Équipe B"})
    assert Registration.objects.filter(full_name="Équipe B").exists()
    assert client.get(reverse("trainings:register_external", args=[closed.pk])).status_code == 403


def test_ics_download_parses_back(world, setup, client):
    client.force_login(world.team_a)
    response = client.get(reverse("trainings:training_ics", args=[setup["training"].pk]))
    calendar = Calendar.from_ical(response.content)
    assert len(calendar.walk("VEVENT")) == 2


def test_the_whole_journey(demo, client, django_capture_on_commit_callbacks):
    """openscop creates a training, boate and coste register, openscop marks attendance
    on a phone-sized screen and downloads the sheet and the certificates; the Region
    sees the training counted."""
    openscop, boate, coste, region = (
        demo[name] for name in ("openscop", "boate", "coste", "region")
    )
    from coaching.models import Programme
    from organisations.models import Organisation

    programme = Programme.objects.get()
    client.force_login(openscop)
    response = client.post(
        reverse("trainings:training_create"),
        {
            "programme": programme.pk,
            "title": "Formation trimestrielle de rattrapage",
            "kind": "quarterly",
            "quarter": "1",
            "place": "La Bo[a]te, Marseille",
            "capacity": "2",
            "trainer_organisations": [Organisation.objects.get(slug="openscop").pk],
            "objectives": "Comprendre les tiers-lieux",
        },
    )
    training = Training.objects.get(title="Formation trimestrielle de rattrapage")
    assert response["Location"] == reverse("trainings:session_create", args=[training.pk])
    from django.utils import timezone

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for slot, start, end in (("morning", "09:30", "12:30"), ("afternoon", "14:00", "17:00")):
        response = client.post(
            reverse("trainings:session_create", args=[training.pk]),
            {"date": yesterday.isoformat(), "slot": slot, "start_time": start, "end_time": end},
        )
        assert response.status_code == 302
    assert training.sessions.count() == 2

    mail.outbox.clear()
    for user in (boate, coste):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("trainings:register_self", args=[training.pk]), follow=True
            )
        assert "Vous êtes inscrit·e" in response.content.decode()
    assert [m.to for m in mail.outbox] == [[boate.email], [coste.email]]
    assert all(m.attachments for m in mail.outbox)

    client.force_login(openscop)
    morning, afternoon = training.sessions.order_by("starts_at")
    page = client.get(reverse("trainings:attendance_mark", args=[morning.pk]))
    content = page.content.decode()
    assert "Léa Bernard" in content and "Karim Benali" in content
    assert "<fieldset" in content and "<legend>" in content
    registrations = {r.user_id: r.pk for r in training.registrations.all()}
    client.post(
        reverse("trainings:attendance_mark", args=[morning.pk]),
        {"r%d" % registrations[boate.pk]: "present", "r%d" % registrations[coste.pk]: "present"},
    )
    client.post(
        reverse("trainings:attendance_mark", args=[afternoon.pk]),
        {"r%d" % registrations[boate.pk]: "present", "r%d" % registrations[coste.pk]: "excused"},
    )
    sheet = client.get(reverse("trainings:attendance_sheet_pdf", args=[morning.pk]))
    assert sheet["Content-Type"] == "application/pdf"
    assert "Karim Benali" in pdf_text(sheet.content)
    certificates = pdf_text(
        client.get(reverse("trainings:certificates_pdf", args=[training.pk])).content
    )
    assert "Léa Bernard (Made in la Boate)" in certificates
    assert "Durée totale suivie : 6 h" in certificates
    assert "Durée totale suivie : 3 h" in certificates

    client.force_login(region)
    page = text(client.get(reverse("trainings:training_detail", args=[training.pk])))
    assert "Compte pour l'objectif :</strong>\n    oui" in page
    assert "counting--yes" in page
    listing = text(client.get(reverse("trainings:training_list")))
    assert "2 formations comptées, objectif 3." in listing


def test_list_query_count_is_constant(world, client, snapshot_queries):
    give_email(world.team_a)
    make_training(world)
    client.force_login(world.team_a)
    url = reverse("trainings:training_list")
    with snapshot_queries(name="list") as queries:
        client.get(url)
    assert len(queries) == 6
    for _ in range(49):
        make_training(world, half_days=1)
    with snapshot_queries(name="list"):
        response = client.get(url)
    assert len(response.context["trainings"]) == 50


def test_detail_query_count_is_constant(world, client, snapshot_queries):
    training = make_training(world, capacity=60)
    registration = register_external(training, by=world.admin)
    services.attendance_record(
        by=world.admin,
        session=training.sessions.first(),
        statuses={registration.pk: AttendanceStatus.PRESENT},
    )
    client.force_login(world.coach_a)
    url = reverse("trainings:training_detail", args=[training.pk])
    with snapshot_queries(name="detail") as first:
        assert client.get(url).status_code == 200
    assert len(first) == 14
    for _ in range(49):
        register_external(training, by=world.admin)
    with snapshot_queries(name="detail"):
        response = client.get(url)
    assert len(response.context["participants"]) == 50


def test_attendance_screen_query_count_is_constant(world, client, snapshot_queries):
    training = make_training(world, capacity=60)
    register_external(training, by=world.admin)
    session = training.sessions.first()
    client.force_login(world.coach_a)
    url = reverse("trainings:attendance_mark", args=[session.pk])
    with snapshot_queries(name="attendance") as first:
        assert client.get(url).status_code == 200
    assert len(first) == 8
    for _ in range(49):
        register_external(training, by=world.admin)
    with snapshot_queries(name="attendance"):
        response = client.get(url)
    assert len(response.context["form"].rows) == 50


def test_a_trainer_shares_a_material_that_participants_download(world, setup, client, settings):
    client.force_login(setup["trainer"])
    response = client.post(
        reverse("trainings:material_create", args=[setup["training"].pk]),
        {
            "title": "Fiche code source",
            "licence": Licence.CC_BY_SA_4,
            "file": SimpleUploadedFile("fiche.txt", b"Tiers-lieu : mode d'emploi"),
        },
    )
    assert response.status_code == 302
    material = Material.objects.get(title="Fiche code source")
    client.force_login(world.team_a)
    download = client.get(reverse("trainings:material_download", args=[material.pk]))
    assert b"".join(download.streaming_content) == b"Tiers-lieu : mode d'emploi"
    client.force_login(setup["team_other"])
    assert client.get(reverse("trainings:material_download", args=[material.pk])).status_code == 404
    client.force_login(setup["trainer"])
    response = client.post(
        reverse("trainings:material_create", args=[setup["training"].pk]),
        {"title": "Vide", "licence": Licence.CC_BY_SA_4},
    )
    assert "Joignez un fichier ou indiquez un lien." in text(response)
