"""A folder with 100 documents runs the same queries as one with 1 (and a document with
1 version as with 30, the confirmation of its deletion too, and a folder's with 1 or 50
documents): each block is recorded twice under one snapshot name."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collab.documents.services import document_version_add, folder_create

from .documents_factories import make_document

pytestmark = pytest.mark.django_db


def test_a_folder_with_1_or_100_documents(collab, login, snapshot_queries):
    team = collab.world.team_a
    folder = folder_create(by=team, space=collab.space_a, name="Comptes")
    folder_create(by=team, space=collab.space_a, parent=folder, name="2026")
    make_document(collab.space_a, team, folder=folder, title="Document 0")
    client = login(collab.world.coach_a)
    url = reverse("collab:folder", args=[collab.space_a.slug, folder.pk])
    client.get(url)
    with snapshot_queries(name="folder"):
        response = client.get(url)
    assert response.content.decode().count("Document 0") == 1
    for n in range(1, 100):
        make_document(collab.space_a, team if n % 2 else collab.world.coach_a, folder=folder,
                      title="Document %d" % n, visibility="managers" if n % 3 else "members")  # fmt: skip
    with snapshot_queries(name="folder"):
        response = client.get(url)
    assert "100 documents" in response.content.decode()


def test_a_document_with_1_or_30_versions(collab, login, snapshot_queries):
    team = collab.world.team_a
    document = make_document(collab.space_a, team, name="notes.txt", content=b"v1")
    client = login(team)
    url = reverse("collab:document", args=[collab.space_a.slug, document.pk])
    client.get(url)
    with snapshot_queries(name="document"):
        assert client.get(url).status_code == 200
    for n in range(2, 31):
        document_version_add(
            by=team, document=document, upload=SimpleUploadedFile("notes.txt", b"v%d" % n)
        )
    with snapshot_queries(name="document"):
        response = client.get(url)
    assert "30 versions" in response.content.decode()


def test_the_delete_confirmation_with_1_or_30_versions(collab, login, snapshot_queries):
    team = collab.world.team_a
    folder = folder_create(by=team, space=collab.space_a, name="Comptes")
    document = make_document(collab.space_a, team, folder=folder, name="notes.txt", content=b"v1")
    client = login(collab.world.coach_a)
    url = reverse("collab:document_delete", args=[collab.space_a.slug, document.pk])
    client.get(url)
    with snapshot_queries(name="document_delete"):
        assert client.get(url).status_code == 200
    for n in range(2, 31):
        document_version_add(
            by=team, document=document, upload=SimpleUploadedFile("notes.txt", b"v%d" % n)
        )
    with snapshot_queries(name="document_delete"):
        response = client.get(url)
    assert "Le document et ses 30 versions seront supprimés." in response.content.decode()


def test_a_folder_delete_confirmation_with_1_or_50_documents(collab, login, snapshot_queries):
    team = collab.world.team_a
    folder = folder_create(by=team, space=collab.space_a, name="Comptes")
    make_document(collab.space_a, team, folder=folder, title="Document 0")
    client = login(collab.world.coach_a)
    url = reverse("collab:folder_delete", args=[collab.space_a.slug, folder.pk])
    client.get(url)
    with snapshot_queries(name="folder_delete"):
        assert client.get(url).status_code == 200
    for n in range(1, 50):
        make_document(collab.space_a, team, folder=folder, title="Document %d" % n)
    with snapshot_queries(name="folder_delete"):
        response = client.get(url)
    assert "Ce dossier contient encore 50 documents." in response.content.decode()
