"""Shared documents moved between folders and deleted, folders deleted (ADR 0025,
« Moving and deleting »): who may, what is refused, the files removed after commit
only, the notifications and the audit log."""

import logging
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import reverse

from collab.documents.models import Document, DocumentVersion, Folder
from collab.documents.services import (
    document_delete,
    document_move,
    document_version_add,
    folder_create,
    folder_delete,
    version_preview_save,
)
from collab.models import Notification, Space

from .documents_factories import make_document, png_bytes, private_files, upload

pytestmark = pytest.mark.django_db


def entries(model, pk):
    return LogEntry.objects.filter(content_type__model=model, object_pk=str(pk)).order_by("pk")


def with_two_versions(collab, by, django_capture_on_commit_callbacks, **kwargs):
    """A PNG document (its preview made) and a second version, a text file."""
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(collab.space_a, by, content=png_bytes((300, 200)), **kwargs)
        document_version_add(by=by, document=document, upload=upload("notes.txt", b"v2"))
    document.refresh_from_db()
    return document


# --- Services ----------------------------------------------------------------------------


def test_a_document_moves_into_a_folder_and_back_to_the_root(collab):
    team = collab.world.team_a
    reports = folder_create(by=team, space=collab.space_a, name="Comptes rendus")
    year = folder_create(by=team, space=collab.space_a, parent=reports, name="2026")
    document = make_document(collab.space_a, team, title="Bilan")

    document_move(by=team, document=document, folder=year)
    document.refresh_from_db()
    assert document.folder_id == year.pk
    entry = entries("document", document.pk).last()
    assert (entry.action, entry.actor) == (LogEntry.Action.UPDATE, team)
    assert entry.changes_dict == {"folder": ["None", str(year.pk)]}

    # the space's manager (coach_a) moves a document the team put there
    document_move(by=collab.world.coach_a, document=document, folder=None)
    document.refresh_from_db()
    assert document.folder_id is None
    entry = entries("document", document.pk).last()
    assert (entry.actor, entry.changes_dict) == (
        collab.world.coach_a,
        {"folder": [str(year.pk), "None"]},
    )
    # where it already is: nothing written
    count = entries("document", document.pk).count()
    document_move(by=team, document=document, folder=None)
    assert entries("document", document.pk).count() == count


def test_a_folder_of_another_space_is_refused(collab):
    team = collab.world.team_a
    document = make_document(collab.space_a, team, title="Bilan")
    elsewhere = folder_create(by=collab.world.team_b, space=collab.space_b, name="B")
    with pytest.raises(ValidationError, match="Ce dossier n'appartient pas à cet espace."):
        document_move(by=team, document=document, folder=elsewhere)
    document.refresh_from_db()
    assert document.folder_id is None


def test_only_the_author_and_the_managers_move_or_delete_a_document(collab):
    team, region = collab.world.team_a, collab.world.region
    folder = folder_create(by=team, space=collab.space_a, name="Comptes")
    document = make_document(collab.space_a, team, title="Bilan")
    # the Region is a member of the ERIC's space, not one of its managers
    for by in (region, collab.world.team_b, collab.world.outsider):
        with pytest.raises(PermissionDenied):
            document_move(by=by, document=document, folder=folder)
        with pytest.raises(PermissionDenied):
            document_delete(by=by, document=document)
    document.refresh_from_db()
    assert document.folder_id is None
    # a member who is not a manager moves and deletes their own document
    own = make_document(collab.space_a, region, title="Note de la Région")
    document_move(by=region, document=own, folder=folder)
    assert document_delete(by=region, document=own) == 1
    assert not Document.objects.filter(pk=own.pk).exists()


def test_deleting_removes_the_rows_then_the_files_once_committed(
    collab, django_capture_on_commit_callbacks
):
    team = collab.world.team_a
    document = with_two_versions(collab, team, django_capture_on_commit_callbacks)
    kept = make_document(collab.space_a, team, name="autre.txt", content=b"autre")
    stored = private_files()
    first = DocumentVersion.objects.get(document=document, number=1)
    assert first.preview  # each version's file and the image's preview
    ours = {Path(f.path) for f in (first.file, first.preview, document.current_version.file)}
    assert ours < stored

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert document_delete(by=team, document=document) == 2
        assert not Document.objects.filter(pk=document.pk).exists()
        assert not DocumentVersion.objects.filter(document_id=document.pk).exists()
        assert private_files() == stored  # not before the commit
    for callback in callbacks:
        callback()
    assert private_files() == stored - ours
    assert Path(kept.current_version.file.path).exists()
    entry = entries("document", document.pk).filter(action=LogEntry.Action.DELETE).get()
    assert (entry.actor, entry.object_repr) == (team, document.title)
    assert entry.additional_data == {"versions": 2}


def test_a_delete_rolled_back_keeps_the_document_and_its_files(
    collab, django_capture_on_commit_callbacks
):
    team = collab.world.team_a
    document = with_two_versions(collab, team, django_capture_on_commit_callbacks)
    stored = private_files()
    with pytest.raises(RuntimeError), transaction.atomic():
        document_delete(by=team, document=document)
        raise RuntimeError("something after the delete failed")
    assert DocumentVersion.objects.filter(document=document).count() == 2
    assert private_files() == stored


def test_the_notifications_pointing_to_the_document_go_with_it(
    collab, django_capture_on_commit_callbacks
):
    team = collab.world.team_a
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(collab.space_a, team, title="Compte rendu")
        other = make_document(collab.space_a, team, title="Autre")
    url = reverse("collab:document", args=[collab.space_a.slug, document.pk])
    assert Notification.objects.filter(url=url).exists()
    Notification.objects.create(
        user=collab.world.coach_a, space=collab.space_a, kind="document", text="x", url=url + "#v"
    )
    others = Notification.objects.exclude(url__startswith=url).count()
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(by=team, document=document)
    assert not Notification.objects.filter(url__startswith=url).exists()
    assert Notification.objects.count() == others
    other_url = reverse("collab:document", args=[collab.space_a.slug, other.pk])
    assert Notification.objects.filter(url=other_url).exists()


def test_a_preview_made_while_the_document_was_deleted_is_not_kept(collab):
    team = collab.world.team_a
    document = make_document(collab.space_a, team)  # its preview not made (no commit)
    version = document.current_version
    document_delete(by=team, document=document)
    stored = private_files()
    assert not version_preview_save(version, preview=png_bytes(), text="", failed=False)
    assert private_files() == stored


def test_a_folder_is_deleted_only_when_empty(collab):
    team, coach = collab.world.team_a, collab.world.coach_a
    space = collab.space_a
    full = folder_create(by=team, space=space, name="Comptes")
    child = folder_create(by=team, space=space, parent=full, name="2026")
    make_document(space, team, folder=full, title="Bilan", visibility="managers")
    with pytest.raises(ValidationError) as refused:
        folder_delete(by=team, folder=full)
    assert refused.value.messages == [
        "Ce dossier contient encore 1 document et 1 sous-dossier. Déplacez ou supprimez "
        "d'abord son contenu, puis supprimez le dossier vide."
    ]
    make_document(space, team, folder=child, title="Un")
    make_document(space, team, folder=child, title="Deux")
    with pytest.raises(ValidationError, match="contient encore 2 documents. Déplacez"):
        folder_delete(by=team, folder=child)
    assert Folder.objects.filter(space=space).count() == 2

    empty = folder_create(by=team, space=space, name="Archives")
    folder_delete(by=coach, folder=empty)  # a manager deletes the team's folder
    assert not Folder.objects.filter(pk=empty.pk).exists()
    entry = entries("folder", empty.pk).filter(action=LogEntry.Action.DELETE).get()
    assert (entry.actor, entry.object_repr) == (coach, "Archives")


def test_a_folder_is_deleted_by_its_creator_or_a_manager(collab):
    team, region = collab.world.team_a, collab.world.region
    space = collab.space_a
    teams = folder_create(by=team, space=space, name="De l'équipe")
    regions = folder_create(by=region, space=space, name="De la Région")
    for by in (region, collab.world.team_b):
        with pytest.raises(PermissionDenied):
            folder_delete(by=by, folder=teams)
    folder_delete(by=region, folder=regions)  # its creator, a member only
    folder_delete(by=team, folder=teams)
    assert not Folder.objects.filter(space=space).exists()


# --- Views -------------------------------------------------------------------------------


def test_the_document_page_offers_moving_and_deleting_to_those_who_may(collab, login):
    team, region = collab.world.team_a, collab.world.region
    space = collab.space_a
    reports = folder_create(by=team, space=space, name="Comptes rendus")
    folder_create(by=team, space=space, parent=reports, name="2026")
    document = make_document(space, team, folder=reports, title="Bilan")
    url = reverse("collab:document", args=[space.slug, document.pk])
    delete_url = reverse("collab:document_delete", args=[space.slug, document.pk])
    move_url = reverse("collab:document_move", args=[space.slug, document.pk])

    for user in (team, collab.world.coach_a):
        page = login(user).get(url).content.decode()
        assert delete_url in page and move_url in page
        assert '<label for="id_folder">Dossier de destination</label>' in page
        assert ">Comptes rendus / 2026</option>" in page
        assert f'<option value="{reports.pk}" selected>Comptes rendus</option>' in page
        assert ">Racine des documents de l&#x27;espace</option>" in page
    page = login(region).get(url).content.decode()
    assert delete_url not in page and move_url not in page


def test_moving_from_the_document_page(collab, login):
    team = collab.world.team_a
    space = collab.space_a
    reports = folder_create(by=team, space=space, name="Comptes rendus")
    year = folder_create(by=team, space=space, parent=reports, name="2026")
    document = make_document(space, team, title="Bilan")
    client = login(collab.world.coach_a)
    move_url = reverse("collab:document_move", args=[space.slug, document.pk])

    response = client.post(move_url, {"folder": year.pk}, follow=True)
    assert response.redirect_chain == [
        (reverse("collab:document", args=[space.slug, document.pk]), 302)
    ]
    assert "Le document est rangé dans « Comptes rendus / 2026 »." in response.content.decode()
    document.refresh_from_db()
    assert document.folder_id == year.pk
    folder_page = client.get(reverse("collab:folder", args=[space.slug, year.pk]))
    assert "Bilan" in folder_page.content.decode()

    response = client.post(move_url, {"folder": ""}, follow=True)
    assert "Le document est rangé à la racine des documents." in response.content.decode()
    document.refresh_from_db()
    assert document.folder_id is None

    elsewhere = folder_create(by=collab.world.team_b, space=collab.space_b, name="B")
    for forged in (elsewhere.pk, "abc", 2**40):
        response = client.post(move_url, {"folder": forged})
        assert response.status_code == 400, forged
        assert "Le formulaire contient des erreurs" in response.content.decode()
    document.refresh_from_db()
    assert document.folder_id is None
    assert client.get(move_url).status_code == 405  # POST only


def test_deleting_from_its_confirmation_page(collab, login, django_capture_on_commit_callbacks):
    team = collab.world.team_a
    space = collab.space_a
    folder = folder_create(by=team, space=space, name="Comptes rendus")
    document = with_two_versions(collab, team, django_capture_on_commit_callbacks, folder=folder)
    Document.objects.filter(pk=document.pk).update(title="Bilan 2026")
    client = login(team)
    delete_url = reverse("collab:document_delete", args=[space.slug, document.pk])

    page = client.get(delete_url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Supprimer «\u00a0Bilan 2026\u00a0»\u00a0?</h1>" in text  # no break inside
    assert "Le document et ses 2 versions seront supprimés." in text
    assert 'class="button button--danger">Supprimer le document</button>' in text
    assert Document.objects.filter(pk=document.pk).exists()  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url, follow=True)
    assert response.redirect_chain == [
        (reverse("collab:folder", args=[space.slug, folder.pk]), 302)
    ]
    assert (
        "Le document « Bilan 2026 » est supprimé, avec ses 2 versions." in response.content.decode()
    )
    assert not Document.objects.filter(pk=document.pk).exists()
    document_url = reverse("collab:document", args=[space.slug, document.pk])
    assert client.get(document_url).status_code == 404
    assert client.post(delete_url).status_code == 404  # a second click


def test_a_document_at_the_root_returns_to_the_root(collab, login):
    team = collab.world.team_a
    document = make_document(collab.space_a, team, title="Seul")
    client = login(team)
    response = client.post(
        reverse("collab:document_delete", args=[collab.space_a.slug, document.pk]), follow=True
    )
    assert response.redirect_chain == [
        (reverse("collab:documents", args=[collab.space_a.slug]), 302)
    ]
    assert "Le document « Seul » est supprimé, avec sa version." in response.content.decode()


def test_a_storage_failure_is_logged_not_shown(
    collab, login, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from core.storage import PrivateFileSystemStorage

    team = collab.world.team_a
    document = make_document(collab.space_a, team, title="Bilan")

    def unreachable(storage, name):
        raise OSError("bucket unreachable")

    monkeypatch.setattr(PrivateFileSystemStorage, "delete", unreachable)
    client = login(team)
    with (
        caplog.at_level(logging.WARNING, logger="collab.documents.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("collab:document_delete", args=[collab.space_a.slug, document.pk])
        )
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert "not removed" in caplog.text and "bucket unreachable" in caplog.text


def test_who_is_refused_and_how(collab, login, client):
    team, region = collab.world.team_a, collab.world.region
    space = collab.space_a
    folder = folder_create(by=team, space=space, name="Comptes")
    document = make_document(space, team, title="Bilan")
    secret = make_document(space, team, title="Budget", visibility="managers")
    move_url = reverse("collab:document_move", args=[space.slug, document.pk])
    delete_url = reverse("collab:document_delete", args=[space.slug, document.pk])
    folder_delete_url = reverse("collab:folder_delete", args=[space.slug, folder.pk])

    # not logged in: the login page
    for url in (delete_url, folder_delete_url):
        assert client.get(url)["Location"].startswith(resolve_url(settings.LOGIN_URL))
    # the Region sees the document and the folder, and is told why it may not
    member = login(region)
    refused = member.get(delete_url)
    assert refused.status_code == 403
    assert "Seuls l&#x27;auteur du document et les gestionnaires" in refused.content.decode()
    assert member.post(delete_url).status_code == 403
    assert member.post(move_url, {"folder": folder.pk}).status_code == 403
    refused = member.post(folder_delete_url)
    assert refused.status_code == 403
    assert "la personne qui a créé ce dossier" in refused.content.decode()
    # a document kept for the managers is not seen by the Region: 404
    secret_delete = reverse("collab:document_delete", args=[space.slug, secret.pk])
    assert member.get(secret_delete).status_code == 404
    # another ERIC's team sees nothing of the space: 404 for all
    outsider = login(collab.world.team_b)
    for url in (delete_url, folder_delete_url):
        assert outsider.get(url).status_code == 404
        assert outsider.post(url).status_code == 404
    assert outsider.post(move_url, {"folder": folder.pk}).status_code == 404
    # through another space's address
    other = reverse("collab:document_delete", args=[collab.space_b.slug, document.pk])
    assert login(collab.world.coach_b).post(other).status_code == 404
    assert Document.objects.count() == 2 and Folder.objects.filter(pk=folder.pk).exists()
    document.refresh_from_db()
    assert document.folder_id is None


def test_deleting_a_folder_from_its_page(collab, login):
    team, region = collab.world.team_a, collab.world.region
    space = collab.space_a
    parent = folder_create(by=team, space=space, name="Comptes")
    full = folder_create(by=team, space=space, parent=parent, name="2026")
    make_document(space, team, folder=full, title="Bilan")
    full_url = reverse("collab:folder_delete", args=[space.slug, full.pk])
    client = login(team)

    folder_page = client.get(reverse("collab:folder", args=[space.slug, full.pk])).content.decode()
    assert full_url in folder_page and "Supprimer le dossier" in folder_page
    assert (
        full_url
        not in login(region)
        .get(reverse("collab:folder", args=[space.slug, full.pk]))
        .content.decode()
    )

    client = login(team)
    page = client.get(full_url).content.decode()
    assert "Ce dossier contient encore 1 document." in page
    assert "Supprimer le dossier</button>" not in page  # nothing to press
    response = client.post(full_url)
    assert response.status_code == 400
    assert "Ce dossier contient encore 1 document." in response.content.decode()
    assert Folder.objects.filter(pk=full.pk).exists()

    Document.objects.filter(folder=full).delete()
    page = client.get(full_url).content.decode()
    assert "Le dossier est vide : il sera supprimé." in page
    response = client.post(full_url, follow=True)
    assert response.redirect_chain == [
        (reverse("collab:folder", args=[space.slug, parent.pk]), 302)
    ]
    assert "Le dossier « 2026 » est supprimé." in response.content.decode()
    assert not Folder.objects.filter(pk=full.pk).exists()
    response = client.post(reverse("collab:folder_delete", args=[space.slug, parent.pk]))
    assert response["Location"] == reverse("collab:documents", args=[space.slug])


# --- Made in la Boate's documents stay out of coste's reach ------------------------------

BOATE = "made-in-la-boate"


def test_coste_cannot_move_or_delete_made_in_la_boate_documents(demo, login):
    space = Space.objects.get(slug=BOATE)
    folder = folder_create(by=demo["boate"], space=space, name="Questionnaires")
    empty = folder_create(by=demo["boate"], space=space, name="Vide")
    document = make_document(space, demo["boate"], folder=folder, title="Réponses")
    client = login(demo["coste"])
    delete_url = reverse("collab:document_delete", args=[BOATE, document.pk])
    move_url = reverse("collab:document_move", args=[BOATE, document.pk])
    for url in (
        delete_url,
        reverse("collab:folder_delete", args=[BOATE, empty.pk]),
        reverse("collab:folder_delete", args=[BOATE, folder.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    assert client.post(move_url, {"folder": empty.pk}).status_code == 404
    assert client.post(move_url, {"folder": ""}).status_code == 404
    # nor through its own space's address
    own = Space.objects.get(accompaniment__eric=demo["coste"].memberships.first().organisation)
    for url in (
        reverse("collab:document_delete", args=[own.slug, document.pk]),
        reverse("collab:document_move", args=[own.slug, document.pk]),
        reverse("collab:folder_delete", args=[own.slug, empty.pk]),
    ):
        assert client.post(url, {"folder": ""}).status_code == 404, url
    document.refresh_from_db()
    assert document.folder_id == folder.pk
    assert Folder.objects.filter(pk__in=[folder.pk, empty.pk]).count() == 2
    # and the page of Made in la Boate's team offers them what coste cannot reach
    page = login(demo["boate"]).get(reverse("collab:document", args=[BOATE, document.pk]))
    assert delete_url in page.content.decode()
