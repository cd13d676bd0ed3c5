"""Every write of the shared documents, each in a transaction.

An upload is checked by ``core.uploads.inspect_document`` (type from the content, size,
pixels, no SVG) before anything is written: a refusal saves nothing. Its preview and
text are made after commit by the task worker (``collab.documents.tasks``)."""

import logging
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.licences import PUBLICATION_LICENCES, Licence
from core.uploads import inspect_document

from ..membership import can_manage_space, can_view_space
from ..notifications import notify
from ..search import normalise
from ..threads_models import NotificationKind
from .models import Document, DocumentVersion, DocumentVisibility, Folder, PreviewStatus
from .previews import preview_file
from .tasks import build_version_preview

logger = logging.getLogger(__name__)


def can_view_document(user, document) -> bool:
    if document.visibility == DocumentVisibility.MANAGERS:
        return can_manage_space(user, document.space)
    return can_view_space(user, document.space)


def _check_member(by, space):
    if not can_view_space(by, space):
        raise ValidationError(_("Vous ne faites pas partie de cet espace."))


def _check_visibility(by, space, visibility):
    if visibility not in DocumentVisibility.values:
        raise ValidationError({"visibility": _("Choisissez qui peut voir le document.")})
    if visibility == DocumentVisibility.MANAGERS and not can_manage_space(by, space):
        raise ValidationError(
            {
                "visibility": _(
                    "Seuls les gestionnaires de l'espace réservent un document aux gestionnaires."
                )
            }
        )


def _check_licence(licence):
    if licence not in PUBLICATION_LICENCES:
        raise ValidationError({"licence": _("Choisissez une des licences proposées.")})


def _check_upload(upload) -> str:
    """The checked content type of ``upload``, or a French error on the ``file`` field."""
    try:
        return inspect_document(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Donnez un nom au dossier.")})
    if "/" in name or "\\" in name:
        raise ValidationError({"name": _("Un nom de dossier ne contient ni « / » ni « \\ ».")})
    return name[:120]


def _check_sibling_name(space, parent, name, *, exclude_pk=None):
    siblings = Folder.objects.filter(space=space, parent=parent, name__iexact=name)
    if exclude_pk is not None:
        siblings = siblings.exclude(pk=exclude_pk)
    if siblings.exists():
        raise ValidationError({"name": _("Un dossier de ce nom existe déjà ici.")})


@transaction.atomic
def folder_create(*, by, space, name: str, parent: Folder | None = None) -> Folder:
    _check_member(by, space)
    if parent is not None and parent.space_id != space.pk:
        raise ValidationError(_("Ce dossier n'appartient pas à cet espace."))
    name = _clean_name(name)
    _check_sibling_name(space, parent, name)
    return Folder.objects.create(space=space, parent=parent, name=name, created_by=by)


@transaction.atomic
def folder_rename(*, by, folder: Folder, name: str) -> Folder:
    _check_member(by, folder.space)
    name = _clean_name(name)
    _check_sibling_name(folder.space, folder.parent_id, name, exclude_pk=folder.pk)
    folder.name = name
    folder.save(update_fields=["name"])
    return folder


def _refresh_search_text(document: Document) -> None:
    document.search_text = normalise(
        "\n".join([document.title, document.description, document.file_name, document.content_text])
    )


def _add_version(*, by, document: Document, upload, content_type: str, comment: str):
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=PurePosixPath(upload.name or "").name[:255] or "document",
        content_type=content_type,
        size=upload.size,
        comment=" ".join((comment or "").split())[:200],
        author=by,
        created_at=timezone.now(),
    )
    version.file = upload  # saved under a random name (version_upload_to)
    version.save()
    document.current_version = version
    document.file_name = version.original_name
    document.content_text = ""  # the new file's text comes with its preview
    document.updated_at = version.created_at
    _refresh_search_text(document)
    document.save(
        update_fields=["current_version", "file_name", "content_text", "search_text", "updated_at"]
    )
    transaction.on_commit(lambda: build_version_preview.enqueue(version.pk))
    transaction.on_commit(lambda: document_added(document=document, version=version, by=by))
    return version


def document_create(
    *,
    by,
    space,
    upload,
    title: str,
    folder: Folder | None = None,
    description: str = "",
    licence: str = Licence.CC_BY_SA_4,
    visibility: str = DocumentVisibility.MEMBERS,
    comment: str = "",
) -> Document:
    """A new document in ``space`` (in ``folder``, or at its root) with its first version."""
    _check_member(by, space)
    if folder is not None and folder.space_id != space.pk:
        raise ValidationError(_("Ce dossier n'appartient pas à cet espace."))
    _check_visibility(by, space, visibility)
    _check_licence(licence)
    content_type = _check_upload(upload)
    title = " ".join((title or "").split())[:200] or PurePosixPath(upload.name or "").stem[:200]
    if not title:
        raise ValidationError({"title": _("Donnez un titre au document.")})
    with transaction.atomic():
        document = Document.objects.create(
            space=space,
            folder=folder,
            title=title,
            description=(description or "").strip()[:4000],
            licence=licence,
            visibility=visibility,
            created_by=by,
        )
        document.space = space
        _add_version(by=by, document=document, upload=upload, content_type=content_type,
                     comment=comment)  # fmt: skip
    return document


def document_version_add(*, by, document: Document, upload, comment: str = "") -> DocumentVersion:
    """A new version of ``document``: it becomes the one shown and downloaded; the older
    ones stay in its history."""
    if not can_view_document(by, document):
        raise ValidationError(_("Vous ne faites pas partie de cet espace."))
    content_type = _check_upload(upload)
    with transaction.atomic():
        # Two uploads at once: one after the other, each its own number.
        locked = Document.objects.select_for_update().get(pk=document.pk)
        locked.space = document.space
        version = _add_version(
            by=by, document=locked, upload=upload, content_type=content_type, comment=comment
        )
    document.refresh_from_db()
    return version


@transaction.atomic
def document_update(
    *, by, document: Document, title: str, description: str, licence: str, visibility: str
) -> Document:
    """Change what is said of a document (its files are changed by new versions)."""
    if not can_view_document(by, document):
        raise ValidationError(_("Vous ne faites pas partie de cet espace."))
    _check_visibility(by, document.space, visibility)
    _check_licence(licence)
    title = " ".join((title or "").split())[:200]
    if not title:
        raise ValidationError({"title": _("Donnez un titre au document.")})
    document.title = title
    document.description = (description or "").strip()[:4000]
    document.licence = licence
    document.visibility = visibility
    _refresh_search_text(document)
    document.save(update_fields=["title", "description", "licence", "visibility", "search_text"])
    return document


def version_preview_save(version: DocumentVersion, *, preview, text: str, failed: bool) -> None:
    """Keep what the task worker made of ``version``; its document's text follows when
    it is still the current version."""
    with transaction.atomic():
        if preview is not None:
            version.preview.save("preview.webp", preview_file(preview), save=False)
            version.preview_status = PreviewStatus.READY
        else:
            version.preview_status = PreviewStatus.FAILED if failed else PreviewStatus.NONE
        version.text = text
        version.save(update_fields=["preview", "preview_status", "text"])
        document = Document.objects.select_for_update().get(pk=version.document_id)
        if document.current_version_id == version.pk:
            document.content_text = text
            _refresh_search_text(document)
            document.save(update_fields=["content_text", "search_text"])


def document_added(*, document: Document, version: DocumentVersion, by) -> None:
    """Called once a document or a new version of it is committed: the space's members
    hear of it through the notifications (ADR 0024), except for a document kept to the
    managers, which no notification announces (a notification goes to members)."""
    logger.info(
        "Document %s version %s added in space %s by user %s",
        document.pk,
        version.number,
        document.space_id,
        getattr(by, "pk", None),
    )
    if document.managers_only:
        return
    who = by.get_full_name() or by.get_username()
    text = (
        _("%(who)s a déposé le document « %(title)s »")
        if version.number == 1
        else _("%(who)s a déposé la version %(number)s du document « %(title)s »")
    )
    notify(
        space=document.space,
        kind=NotificationKind.DOCUMENT,
        text=text % {"who": who, "title": document.title, "number": version.number},
        url=reverse("collab:document", args=[document.space.slug, document.pk]),
        actor=by,
    )
