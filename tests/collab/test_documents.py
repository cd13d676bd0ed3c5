"""Shared documents: folders, versions, previews, licence, visibility, bad input."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from collab.documents import previews
from collab.documents.models import Document, DocumentVersion, Folder, PreviewStatus
from collab.documents.services import (
    document_update,
    document_version_add,
    folder_create,
    folder_rename,
)
from core.storage import has_random_name

from .documents_factories import make_document, pdf_bytes, png_bytes, private_files, upload

pytestmark = pytest.mark.django_db


def test_an_image_gets_a_version_stored_privately_and_a_reduced_preview(
    collab, login, django_capture_on_commit_callbacks
):
    team = collab.world.team_a
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(
            collab.space_a, team, name="Atelier vélo.png", content=png_bytes((1600, 900))
        )
    version = DocumentVersion.objects.get(document=document)
    assert (document.title, version.number, version.original_name) == (
        "Atelier vélo",
        1,
        "Atelier vélo.png",
    )
    assert has_random_name(version.file.name) and "Atelier" not in version.file.name
    assert version.preview_status == PreviewStatus.READY
    with version.preview.open("rb") as handle, Image.open(handle) as preview:
        assert (preview.format, preview.size) == ("WEBP", (1200, 675))

    client = login(team)
    page = client.get(reverse("collab:document", args=[collab.space_a.slug, document.pk]))
    assert page.status_code == 200
    preview_url = reverse("collab:document_preview", args=[collab.space_a.slug, document.pk, 1])
    assert preview_url in page.content.decode()
    answer = client.get(preview_url)
    assert answer["Content-Type"] == "image/webp"
    assert answer["Content-Security-Policy"] == "default-src 'none'; sandbox"
    download = client.get(
        reverse("collab:document_download", args=[collab.space_a.slug, document.pk, 1])
    )
    assert download["Content-Disposition"].startswith("inline;")
    assert "Atelier%20v%C3%A9lo.png" in download["Content-Disposition"]


def test_a_new_version_becomes_current_and_the_older_one_stays_downloadable(
    collab, login, django_capture_on_commit_callbacks
):
    team, coach = collab.world.team_a, collab.world.coach_a
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(
            collab.space_a, team, name="budget.csv", content=b"poste;montant\nlocal;100\n"
        )
    client = login(coach)
    url = reverse("collab:document_version_create", args=[collab.space_a.slug, document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "file": upload("budget 2.csv", b"poste;montant\nlocal;250\n"),
                "comment": "Loyer de mars",
            },
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.current_version.number == 2
    assert document.file_name == "budget 2.csv"
    assert "250" in document.content_text and "100" not in document.content_text

    page = client.get(reverse("collab:document", args=[collab.space_a.slug, document.pk]))
    text = page.content.decode()
    assert "2 versions" in text and "Loyer de mars" in text
    first = client.get(
        reverse("collab:document_download", args=[collab.space_a.slug, document.pk, 1])
    )
    assert b"".join(first.streaming_content) == b"poste;montant\nlocal;100\n"
    assert first["Content-Disposition"] == 'attachment; filename="budget.csv"'
    assert first["X-Content-Type-Options"] == "nosniff"
    assert (
        client.get(
            reverse("collab:document_download", args=[collab.space_a.slug, document.pk, 3])
        ).status_code
        == 404
    )


def test_a_pdf_shows_its_first_page_and_its_text_is_searched(
    collab, login, django_capture_on_commit_callbacks
):
    team = collab.world.team_a
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(
            collab.space_a, team, name="compte-rendu.pdf", content=pdf_bytes(), title="CR"
        )
    version = document.current_version
    version.refresh_from_db()
    assert version.preview_status == PreviewStatus.READY
    with version.preview.open("rb") as handle, Image.open(handle) as preview:
        assert preview.format == "WEBP" and max(preview.size) == 1200
    document.refresh_from_db()
    assert "Réemploi solidaire" in document.content_text

    client = login(team)
    page = client.get(reverse("collab:document", args=[collab.space_a.slug, document.pk]))
    assert "Première page de « CR »" in page.content.decode()
    results = client.get(reverse("collab:search"), {"q": "reemploi"}).content.decode()
    assert ">CR</a>" in results and "<mark>" in results
    download = client.get(
        reverse("collab:document_download", args=[collab.space_a.slug, document.pk, 1])
    )
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")


def test_a_hostile_pdf_leaves_the_page_working_without_a_preview(
    collab, login, django_capture_on_commit_callbacks
):
    broken = b"%PDF-1.7\n1 0 obj << /Type /Pages /Kids [1 0 R] /Count 99999999 >>\n" * 50
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(collab.space_a, collab.world.team_a, name="x.pdf", content=broken)
    version = DocumentVersion.objects.get(document=document)
    assert version.preview_status == PreviewStatus.FAILED and not version.preview
    page = login(collab.world.team_a).get(
        reverse("collab:document", args=[collab.space_a.slug, document.pk])
    )
    assert page.status_code == 200
    assert "Aperçu impossible" in page.content.decode()
    preview = reverse("collab:document_preview", args=[collab.space_a.slug, document.pk, 1])
    assert login(collab.world.team_a).get(preview).status_code == 404


def test_a_tool_past_its_time_is_stopped():
    with pytest.raises(previews.PreviewFailed, match="took too long"):
        previews.run_tool(["sleep", "30"], timeout=0.5)


def test_a_missing_tool_is_a_failed_preview_not_an_error():
    with pytest.raises(previews.PreviewFailed, match="not installed"):
        previews.run_tool(["pdftoppm-absent"])


def test_the_licence_is_cc_by_sa_by_default_and_shown(collab, login):
    document = make_document(collab.space_a, collab.world.team_a)
    assert document.licence == "cc-by-sa-4.0"
    page = login(collab.world.team_a).get(
        reverse("collab:document", args=[collab.space_a.slug, document.pk])
    )
    assert 'rel="license">CC BY-SA 4.0</a>' in page.content.decode()
    with pytest.raises(ValidationError):
        document_update(
            by=collab.world.team_a,
            document=document,
            title="T",
            description="",
            licence="all-rights-reserved",
            visibility="members",
        )
    document_update(
        by=collab.world.team_a,
        document=document,
        title="Affiche",
        description="L'affiche du festival",
        licence="movecommons",
        visibility="members",
    )
    document.refresh_from_db()
    assert (document.title, document.licence) == ("Affiche", "movecommons")


def test_a_document_for_the_managers_only(collab, login):
    team, region = collab.world.team_a, collab.world.region
    # In an ERIC's space the team and its resource person manage; the Region is a member.
    document = make_document(collab.space_a, team, title="Budget interne", visibility="managers")
    url = reverse("collab:document", args=[collab.space_a.slug, document.pk])
    assert login(team).get(url).status_code == 200
    assert login(collab.world.coach_a).get(url).status_code == 200
    client = login(region)
    assert client.get(url).status_code == 404
    listing = client.get(reverse("collab:documents", args=[collab.space_a.slug])).content.decode()
    assert "Budget interne" not in listing
    assert (
        "Budget interne"
        not in client.get(reverse("collab:search"), {"q": "budget"}).content.decode()
    )
    with pytest.raises(ValidationError):
        make_document(collab.space_a, region, visibility="managers")
    # the form offers the choice to managers only
    create = reverse("collab:document_create", args=[collab.space_a.slug])
    assert 'name="visibility"' not in client.get(create).content.decode()
    assert 'name="visibility"' in login(team).get(create).content.decode()


def test_folders_nest_and_are_renamed(collab, login):
    team = collab.world.team_a
    client = login(team)
    space = collab.space_a
    response = client.post(reverse("collab:folder_create", args=[space.slug]), {"name": "Comptes"})
    comptes = Folder.objects.get(space=space, name="Comptes")
    assert response.status_code == 302
    response = client.post(
        reverse("collab:folder_create", args=[space.slug]) + "?dossier=%d" % comptes.pk,
        {"name": "2026"},
    )
    year = Folder.objects.get(parent=comptes)
    make_document(space, team, folder=year, title="Bilan")
    page = client.get(reverse("collab:folder", args=[space.slug, year.pk])).content.decode()
    assert "Bilan" in page and "Comptes" in page  # the path to the folder
    root = client.get(reverse("collab:documents", args=[space.slug])).content.decode()
    assert "Bilan" not in root and "Comptes" in root

    same = client.post(reverse("collab:folder_create", args=[space.slug]), {"name": "  comptes "})
    assert same.status_code == 400
    assert "Un dossier de ce nom existe déjà ici." in same.content.decode()
    client.post(reverse("collab:folder_rename", args=[space.slug, year.pk]), {"name": "Année 2026"})
    year.refresh_from_db()
    assert year.name == "Année 2026"
    with pytest.raises(ValidationError):
        folder_rename(by=team, folder=year, name="a/b")
    with pytest.raises(ValidationError):
        folder_create(by=collab.world.team_b, space=space, name="Intrus")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("script.exe", b"MZ\x90\x00" * 100, "pas un document accepté"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
        ("faux.pdf", b"<html>pas un pdf</html>", "pas un document accepté"),
        ("faux.png", b"GIF89a n'importe quoi", "pas un document accepté"),
    ],
)
def test_a_refused_file_saves_nothing(collab, login, name, content, message):
    client = login(collab.world.team_a)
    response = client.post(
        reverse("collab:document_create", args=[collab.space_a.slug]),
        {"file": upload(name, content), "title": "Essai", "licence": "cc-by-sa-4.0"},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert private_files() == set()


def test_a_file_too_large_is_refused_and_a_version_too(collab, login, monkeypatch):
    document = make_document(collab.space_a, collab.world.team_a)
    monkeypatch.setattr("core.uploads.MAX_UPLOAD_BYTES", 1000)
    files_before = private_files()
    client = login(collab.world.team_a)
    response = client.post(
        reverse("collab:document_version_create", args=[collab.space_a.slug, document.pk]),
        {"file": upload("grand.png", png_bytes((400, 400), (1, 2, 3)) + b"\0" * 2000)},
    )
    assert response.status_code == 400
    assert re.search(
        r"Le fichier pèse [\d,]+ Mo : la limite est de 20 Mo.", response.content.decode()
    )
    assert DocumentVersion.objects.filter(document=document).count() == 1
    assert private_files() == files_before
    with pytest.raises(ValidationError):
        document_version_add(
            by=collab.world.team_a, document=document, upload=upload("x.txt", b"\xff\xfe")
        )


def test_forged_folder_and_document_ids_are_404_and_save_nothing(collab, login):
    other_folder = folder_create(by=collab.world.team_b, space=collab.space_b, name="B")
    other_document = make_document(collab.space_b, collab.world.team_b, title="Doc B")
    client = login(collab.world.team_a)
    space = collab.space_a.slug
    create = reverse("collab:document_create", args=[space])
    for value in (str(other_folder.pk), "abc", "-1", "99999999999999999999"):
        response = client.post(
            create + "?dossier=" + value,
            {"file": upload("a.txt", b"texte"), "title": "T", "licence": "cc-by-sa-4.0"},
        )
        assert response.status_code == 404, value
        assert (
            client.post(
                reverse("collab:folder_create", args=[space]), {"name": "X", "dossier": value}
            ).status_code
            == 404
        ), value
    # another space's document through this space's address, or a number past the database's
    for pk in (other_document.pk, 2**40):
        assert client.get(reverse("collab:document", args=[space, pk])).status_code == 404
        assert (
            client.get(reverse("collab:document_download", args=[space, pk, 1])).status_code == 404
        )
    assert client.get(reverse("collab:folder", args=[space, other_folder.pk])).status_code == 404
    assert Document.objects.count() == 1 and Folder.objects.count() == 1


def test_the_spaces_members_hear_of_a_document_but_not_of_one_for_the_managers(
    collab, django_capture_on_commit_callbacks
):
    from collab.models import Notification

    team, coach, region = collab.world.team_a, collab.world.coach_a, collab.world.region
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(collab.space_a, team, title="Compte rendu d'atelier")
    told = Notification.objects.filter(url__contains="/documents/%d/" % document.pk)
    users = set(told.values_list("user_id", flat=True))
    assert {coach.pk, region.pk} <= users and team.pk not in users
    assert collab.world.team_b.pk not in users  # another ERIC's team is not a member
    assert "Compte rendu d'atelier" in told.first().text
    with django_capture_on_commit_callbacks(execute=True):
        secret = make_document(collab.space_a, team, title="Budget", visibility="managers")
    assert not Notification.objects.filter(url__contains="/documents/%d/" % secret.pk).exists()
