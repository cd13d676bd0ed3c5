"""Private media really private (issue 18 item 1, docs/adr/0017-private-media.md): two
locations, a permission check before any private file, random stored names, nothing
shown inline but images, a sandboxing CSP on every media response."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file

from coaching import services
from core.licences import Licence
from core.storage import (
    MEDIA_CSP,
    has_random_name,
    move_rows_to_private,
    private,
    serve_public_media,
)
from progress.models import Report
from tests.coaching.journal_helpers import animation
from tests.core.test_bad_dates import PROJECT_APPS
from tests.trainings.factories import make_trainer, make_training
from trainings.models import Material

pytestmark = pytest.mark.django_db

PNG = get_test_image_file().file.getvalue()
# Files whose place is Wagtail's public library: none of ours. A new FileField of the
# project that is not private fails here until it is listed with a reason.
PUBLIC_FILE_FIELDS: set[str] = set()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def photo_of(world, eric="a"):
    return services.animation_media_add(
        by=getattr(world, f"coach_{eric}"),
        animation=animation(world, eric=eric),
        upload=SimpleUploadedFile("Portrait de Léa.png", PNG),
        author="Léa Bernard",
        alt_text="Deux personnes soudent une carte",
    )


def files_under(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


def test_every_file_field_of_the_project_is_in_the_private_location():
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.FileField):
                    label = "%s.%s" % (model._meta.label, field.name)
                    if label in PUBLIC_FILE_FIELDS:
                        continue
                    assert field.storage is private, label


def test_a_journal_photo_reaches_its_team_only(world, client, media_root):
    media = photo_of(world)
    url = reverse("coaching:animation_media_file", args=[media.pk])
    assert has_random_name(media.file.name) and "Portrait" not in media.file.name
    # nothing under the public location: the proxy has nothing to hand out
    assert files_under(media_root) == []

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]

    client.force_login(world.team_b)  # another ERIC's team: as if it did not exist
    assert client.get(url).status_code == 404
    missing = reverse("coaching:animation_media_file", args=[media.pk + 1000])
    assert client.get(missing).status_code == 404

    client.force_login(world.team_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert "filename*=utf-8''Portrait%20de%20L%C3%A9a.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == MEDIA_CSP
    assert response["Cache-Control"].startswith("private")


def test_a_material_has_a_random_name_and_downloads_under_its_own(world, client):
    organisation, trainer = make_trainer(world)
    training = make_training(world, trainer_organisations=[organisation], capacity=5)
    client.force_login(trainer)
    client.post(
        reverse("trainings:material_create", args=[training.pk]),
        {
            "title": "Fiche",
            "licence": Licence.CC_BY_SA_4,
            "file": SimpleUploadedFile("Fiche code source – Hublot.pdf", b"%PDF-1.7\n%%EOF"),
        },
    )
    material = Material.objects.get(title="Fiche")
    assert has_random_name(material.file.name)
    assert material.file.name.startswith("trainings/%s/" % training.pk)
    assert "Hublot" not in material.file.name
    assert material.original_name == "Fiche code source – Hublot.pdf"
    response = client.get(reverse("trainings:material_download", args=[material.pk]))
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Fiche%20code%20source%20%E2%80%93%20Hublot.pdf" in disposition
    assert response["Content-Security-Policy"] == MEDIA_CSP

    client.logout()
    anonymous = client.get(reverse("trainings:material_download", args=[material.pk]))
    assert anonymous.status_code == 302


@pytest.mark.parametrize(
    "name, content",
    [
        ("dessin.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_an_svg_or_html_file_is_never_served_inline(world, client, name, content, media_root):
    """Uploads refuse them (tests/core/test_uploads.py); one stored before that check, or
    put in Wagtail's public library, is still a download in a sandbox."""
    organisation, trainer = make_trainer(world)
    training = make_training(world, trainer_organisations=[organisation], capacity=5)
    material = Material.objects.create(
        training=training, title="Ancien", file=ContentFile(content, name=name)
    )
    client.force_login(trainer)
    response = client.get(reverse("trainings:material_download", args=[material.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"

    # the public location as served in development (the proxy's rules in production)
    stored = storages["default"].save("documents/" + name, ContentFile(content))
    # (the route exists under DEBUG, which pytest-django turns off: call the view)
    public = serve_public_media(RequestFactory().get("/media/" + stored), stored)
    assert public.status_code == 200
    assert public["Content-Disposition"] == "attachment"
    assert public["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert public["X-Content-Type-Options"] == "nosniff"


def test_behind_the_proxy_the_application_hands_the_sending_over(world, client, settings):
    settings.PRIVATE_MEDIA_SENDFILE = "x-accel"
    media = photo_of(world)
    url = reverse("coaching:animation_media_file", args=[media.pk])
    client.force_login(world.team_b)
    response = client.get(url)
    assert response.status_code == 404 and "X-Accel-Redirect" not in response
    client.force_login(world.team_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/" + media.file.name
    assert response.content == b""
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Security-Policy"] == MEDIA_CSP


def test_files_of_existing_rows_move_to_the_private_location_once(world, media_root):
    """The data migrations (coaching 0012, trainings 0004, progress 0002): run twice,
    the second run changes nothing."""
    public, private = storages["default"], storages["private"]
    training = make_training(world)
    legacy = "trainings/%s/Programme détaillé.pdf" % training.pk
    public.save(legacy, ContentFile(b"%PDF-1.7 programme"))
    material = Material.objects.create(training=training, title="Programme", url="")
    Material.objects.filter(pk=material.pk).update(file=legacy)
    photo = photo_of(world)
    journal_name = photo.file.name
    with private.open(journal_name, "rb") as handle:  # as the journal stored it before
        public.save(journal_name, handle)
    private.delete(journal_name)

    for _ in range(2):
        move_rows_to_private(
            Material,
            "file",
            rename_folder=lambda row: "trainings/%s" % row.training_id,
            original_name_field="original_name",
        )
        move_rows_to_private(type(photo), "file")
        move_rows_to_private(Report, "file", rename_folder=lambda row: "reports/x")
        material.refresh_from_db()
        assert has_random_name(material.file.name)
        assert material.original_name == "Programme détaillé.pdf"
        assert private.open(material.file.name).read() == b"%PDF-1.7 programme"
        assert private.exists(journal_name)
        assert files_under(media_root) == []
    assert len(files_under(private.location)) == 2


@pytest.mark.parametrize(
    "name", ["journal/animations/1/photo.jpg", "reports/2026/11/rapport.pdf", "trainings/3/a.pdf"]
)
def test_a_file_left_where_private_files_were_kept_is_never_served(name, media_root):
    """The migrations move the files rows point to; one whose row was deleted before
    stays in the public folder: neither the proxy nor the development route serves it."""
    from django.http import Http404

    stored = storages["default"].save(name, ContentFile(b"%PDF-1.7 private"))
    with pytest.raises(Http404):
        serve_public_media(RequestFactory().get("/media/" + stored), stored)
    caddyfile = (Path(__file__).resolve().parents[2] / "platform" / "Caddyfile").read_text()
    assert "@former_private path /journal/* /reports/* /trainings/*" in caddyfile
    assert "respond @former_private 404" in caddyfile
