"""Export of everything held about one person (issue 18, item 11;
progress.personal_data_export): built by the task worker, progress shown, a French mail
when ready (through a real SMTP server), the file for the person, who asked for it and
administrators only (404 for anyone else), deleted after its retention by the clock."""

import datetime
import html
import io
import json
import zipfile

import pytest
from axes.models import AccessLog
from django.urls import reverse
from django.utils import timezone

from core import schedule
from newsletter.enums import SubscriberStatus
from newsletter.models import Subscriber
from progress.models import PersonalDataExport, ReportStatus
from progress.personal_data_export import (
    purge_expired_exports,
    purge_expired_personal_data_exports,
)
from tests.coaching.journal_helpers import call
from tests.newsletter.smtp import SMTPServer
from tests.trainings.factories import make_training, register_external


@pytest.fixture
def smtp(settings):
    with SMTPServer() as server:
        for key, value in server.settings().items():
            setattr(settings, key, value)
        yield server.sink


def _subscribe(email):
    return Subscriber.objects.create(
        email=email,
        status=SubscriberStatus.CONFIRMED,
        consent_source="form",
        consent_text="J'accepte de recevoir la lettre mensuelle.",
        consent_ip="192.0.2.9",
        consented_at=timezone.now(),
    )


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_a_person_exports_what_is_held_about_them(
    world, client, smtp, django_capture_on_commit_callbacks
):
    person = world.team_a
    person.email = "equipe-a@exemple.fr"
    person.first_name, person.last_name = "Léa", "Martin"
    person.save()
    record = call(world, summary="Question sur le wiki", caller_member=person)
    _subscribe("equipe-a@exemple.fr")
    AccessLog.objects.create(username="team_a", ip_address="192.0.2.7", user_agent="Firefox")
    client.force_login(person)

    page = html.unescape(client.get(reverse("progress:my_personal_data")).content.decode())
    assert "Préparer mon export" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("progress:my_personal_data"))
    export = PersonalDataExport.objects.get()
    assert response["Location"] == reverse("progress:personal_data_export", args=[export.pk])
    assert (export.status, export.progress, export.subject) == (ReportStatus.READY, 100, person)

    status = html.unescape(client.get(response["Location"]).content.decode())
    assert "Prêt" in status and "Télécharger l'export (ZIP)" in status

    [mail] = smtp.messages
    assert mail["To"] == "equipe-a@exemple.fr"
    assert "l'export de données personnelles est prêt" in mail["Subject"]
    assert reverse("progress:personal_data_export", args=[export.pk]) in mail.get_content()

    download = client.get(reverse("progress:personal_data_export_download", args=[export.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    archive = _zip(download)
    names = set(archive.namelist())
    assert {"index.html", "auth.user.json", "auth.user.csv"} <= names
    [account] = json.loads(archive.read("auth.user.json"))
    assert account["username"] == "team_a" and "password" not in account
    assert "password" not in archive.read("auth.user.csv").decode().splitlines()[0]
    calls = json.loads(archive.read("coaching.hotlinecall.json"))
    assert [row["id"] for row in calls] == [record.pk]
    assert "Martin" in archive.read("index.html").decode()
    [subscription] = json.loads(archive.read("newsletter.subscriber.json"))
    assert subscription["consent_text"] == "J'accepte de recevoir la lettre mensuelle."
    assert json.loads(archive.read("axes.accesslog.json"))[0]["ip_address"] == "192.0.2.7"
    assert json.loads(archive.read("organisations.membership.json"))[0]["user_id"] == person.pk
    index = archive.read("index.html").decode()
    assert "Ce que la plateforme Trajectoires garde sur vous" in index
    assert "<script" not in index


def test_an_export_answers_404_to_anyone_else(world, client, django_capture_on_commit_callbacks):
    client.force_login(world.team_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("progress:my_personal_data"))
    export = PersonalDataExport.objects.get()
    urls = [
        reverse("progress:personal_data_export", args=[export.pk]),
        reverse("progress:personal_data_export_download", args=[export.pk]),
    ]
    for who in (world.team_b, world.coach_a, world.region, world.partner):
        client.force_login(who)
        assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(world.admin)
    assert [client.get(url).status_code for url in urls] == [200, 200]
    # and only an administrator asks for someone else's
    client.force_login(world.coach_a)
    response = client.post(
        reverse("progress:personal_data_export_request"), {"person": world.team_b.pk}
    )
    assert response.status_code == 404
    assert PersonalDataExport.objects.count() == 1


def test_an_administrator_exports_an_address_without_an_account(
    world, client, django_capture_on_commit_callbacks
):
    training = make_training(world)
    register_external(training, by=world.admin, name="Lou", email="lou@exemple.fr")
    register_external(training, by=world.admin, email="autre@exemple.fr")
    _subscribe("lou@exemple.fr")
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("progress:personal_data_export_request"), {"email": "Lou@Exemple.fr"}
        )
    export = PersonalDataExport.objects.get()
    assert response["Location"] == reverse("progress:personal_data_export", args=[export.pk])
    archive = _zip(client.get(reverse("progress:personal_data_export_download", args=[export.pk])))
    [registration] = json.loads(archive.read("trainings.registration.json"))
    assert registration["email"] == "lou@exemple.fr"
    assert json.loads(archive.read("newsletter.subscriber.json"))[0]["email"] == "lou@exemple.fr"
    bad = client.post(reverse("progress:personal_data_export_request"), {"email": "pas-une"})
    assert bad.status_code == 302 and PersonalDataExport.objects.count() == 1


def test_export_files_are_deleted_after_their_retention_by_the_clock(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.PERSONAL_DATA_EXPORT_RETENTION_DAYS = 7
    client.force_login(world.team_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("progress:my_personal_data"))
    export = PersonalDataExport.objects.get()
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    assert purge_expired_exports(now=timezone.now() + datetime.timedelta(days=6)) == 0
    assert purge_expired_exports(now=timezone.now() + datetime.timedelta(days=8)) == 1
    assert not storage.exists(name)
    assert not PersonalDataExport.objects.exists()
    job = {job.name: job for job in schedule.periodic_jobs()}[
        "progress.purge_expired_personal_data_exports"
    ]
    assert job.task is purge_expired_personal_data_exports
    assert job.daily_at == datetime.time(4)
