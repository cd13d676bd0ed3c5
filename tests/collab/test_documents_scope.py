"""`coste` (Centre social Jean Paul Coste's team) cannot list, open, download, preview,
version or find Made in la Boate's documents: 404 or absent. Run on SQLite and
PostgreSQL alike (CI's two legs)."""

import pytest
from django.urls import reverse

from collab.documents.models import Document, DocumentVersion, Folder
from collab.documents.services import folder_create
from collab.models import Space

from .documents_factories import make_document, upload

pytestmark = pytest.mark.django_db
BOATE = "made-in-la-boate"


@pytest.fixture
def boate_document(demo, django_capture_on_commit_callbacks):
    space = Space.objects.get(slug=BOATE)
    folder = folder_create(by=demo["boate"], space=space, name="Questionnaires")
    with django_capture_on_commit_callbacks(execute=True):
        return make_document(
            space,
            demo["boate"],
            folder=folder,
            name="questionnaire-coworkers.txt",
            content="Réponses des coworkers : mutualisation".encode(),
            title="Réponses au questionnaire",
        )


def test_coste_cannot_reach_made_in_la_boate_documents(demo, boate_document, login):
    args = [BOATE, boate_document.pk]
    folder = boate_document.folder_id
    client = login(demo["coste"])
    for url in (
        reverse("collab:documents", args=[BOATE]),
        reverse("collab:folder", args=[BOATE, folder]),
        reverse("collab:folder_create", args=[BOATE]),
        reverse("collab:folder_rename", args=[BOATE, folder]),
        reverse("collab:document_create", args=[BOATE]),
        reverse("collab:document", args=args),
        reverse("collab:document_edit", args=args),
        reverse("collab:document_download", args=[*args, 1]),
        reverse("collab:document_preview", args=[*args, 1]),
    ):
        assert client.get(url).status_code == 404, url
    for url, data in (
        (reverse("collab:document_version_create", args=args), {"file": upload("x.txt", b"x")}),
        (reverse("collab:folder_create", args=[BOATE]), {"name": "Intrus"}),
        (reverse("collab:folder_rename", args=[BOATE, folder]), {"name": "Intrus"}),
        (reverse("collab:document_edit", args=args), {"title": "Intrus", "licence": "cc-by-4.0"}),
        (
            reverse("collab:document_create", args=[BOATE]),
            {"file": upload("x.txt", b"x"), "title": "Intrus", "licence": "cc-by-4.0"},
        ),
    ):
        assert client.post(url, data).status_code == 404, url
    # the same document through coste's own space's address
    own = Space.objects.get(accompaniment__eric=demo["coste"].memberships.first().organisation)
    assert (
        client.get(reverse("collab:document", args=[own.slug, boate_document.pk])).status_code
        == 404
    )
    results = client.get(reverse("collab:search"), {"q": "mutualisation"}).content.decode()
    assert "Réponses au questionnaire" not in results
    boate_document.refresh_from_db()
    assert boate_document.title == "Réponses au questionnaire"
    assert DocumentVersion.objects.filter(document=boate_document).count() == 1
    assert Folder.objects.get(pk=folder).name == "Questionnaires"
    assert not Folder.objects.filter(name="Intrus").exists()
    assert not Document.objects.filter(title="Intrus").exists()


def test_the_demo_has_shared_documents_with_versions(demo, login):
    client = login(demo["boate"])
    listing = client.get(reverse("collab:documents", args=[BOATE])).content.decode()
    assert "Enquête coworkers" in listing
    document = Document.objects.get(title="Synthèse des réponses des coworkers")
    page = client.get(reverse("collab:document", args=[BOATE, document.pk])).content.decode()
    assert "2 versions" in page and "Deuxième vague ajoutée" in page
    coste = login(demo["coste"])
    assert coste.get(reverse("collab:document", args=[BOATE, document.pk])).status_code == 404


def test_boate_finds_and_downloads_its_document(demo, boate_document, login):
    client = login(demo["boate"])
    results = client.get(reverse("collab:search"), {"q": "mutualisation"}).content.decode()
    assert "Réponses au questionnaire" in results and "<mark>mutualisation</mark>" in results
    download = client.get(reverse("collab:document_download", args=[BOATE, boate_document.pk, 1]))
    assert b"".join(download.streaming_content).decode().startswith("Réponses")
