"""Every write of the shared documents, each in a transaction.

An upload is checked by ``core.uploads.inspect_document`` (type from the content, size,
pixels, no SVG) before anything is written: a refusal saves nothing. Its preview and
text are made after commit by the task worker (``collab.documents.tasks``)."""

import copy
import logging
from pathlib import PurePosixPath

from auditlog.context import disable_auditlog
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.licences import PUBLICATION_LICENCES, Licence
from core.uploads import inspect_document

from ..membership import can_manage_space, can_view_space
from ..notifications import forget_page, notify
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


def can_change_document(user, document) -> bool:
    """May ``user`` move or delete ``document``? Its author and the space's managers."""
    if not can_view_document(user, document):
        return False
    return (user.is_authenticated and document.created_by_id == user.pk) or can_manage_space(
        user, document.space
    )


def can_delete_folder(user, folder) -> bool:
    """May ``user`` delete ``folder`` (once empty)? The space's managers and its creator."""
    if not can_view_space(user, folder.space):
        return False
    return (user.is_authenticated and folder.created_by_id == user.pk) or can_manage_space(
        user, folder.space
    )


def _audit(*, by, instance, action, old=None, new=None, fields=None, **extra) -> None:
    """One entry of the audit log (django-auditlog) in the name of ``by``. The writes it
    describes run under ``disable_auditlog()``: the automatic entry would name the
    person only inside a request (the middleware), not from a command or a task."""
    LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=action,
        actor=by,
        changes=model_instance_diff(
            old,
            new,
            fields_to_check=fields,
            use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES,
        ),
        **extra,
    )


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


def check_document_change(by, document) -> None:
    if not can_change_document(by, document):
        raise PermissionDenied(
            _(
                "Seuls l'auteur du document et les gestionnaires de l'espace le déplacent "
                "ou le suppriment."
            )
        )


@transaction.atomic
def document_move(*, by, document: Document, folder: Folder | None) -> Document:
    """Put ``document`` in ``folder`` of its space (``None``: the space's root). Its
    address, versions and files stay the same."""
    check_document_change(by, document)
    if folder is not None and folder.space_id != document.space_id:
        raise ValidationError(_("Ce dossier n'appartient pas à cet espace."))
    folder_id = folder.pk if folder is not None else None
    if document.folder_id == folder_id:
        return document
    before = copy.copy(document)
    document.folder = folder
    with disable_auditlog():
        document.save(update_fields=["folder"])
    _audit(
        by=by,
        instance=document,
        action=LogEntry.Action.UPDATE,
        old=before,
        new=document,
        fields=["folder"],
    )
    return document


def _stored_files(document_id) -> tuple[int, list[tuple]]:
    """The number of versions of a document, and ``(storage, name)`` of each version's
    file and preview."""
    rows = list(
        DocumentVersion.objects.filter(document_id=document_id).values_list("file", "preview")
    )
    field = DocumentVersion._meta.get_field
    files = [(field("file").storage, name) for name, _preview in rows if name]
    files += [(field("preview").storage, preview) for _name, preview in rows if preview]
    return len(rows), files


def _delete_stored_files(files) -> None:
    """After the commit: a file that cannot be removed (the bucket unreachable) is
    logged, and the person who deleted the document sees it deleted all the same."""
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:
            logger.warning("Stored file %s of a deleted document not removed", name, exc_info=True)


def document_delete(*, by, document: Document) -> int:
    """Delete ``document`` with all its versions; the notifications that point to it go
    with it. Its stored files (each version's, each preview) are removed once this is
    committed, never before: a rollback leaves the document whole. The number of
    versions deleted (0: deleted meanwhile by someone else)."""
    check_document_change(by, document)
    path = reverse("collab:document", args=[document.space.slug, document.pk])
    with transaction.atomic():
        # The row lock orders this after an upload of a version or a preview being saved
        # (each locks the document's row first): their files are in the list below.
        locked = Document.objects.select_for_update().filter(pk=document.pk).first()
        if locked is None:
            return 0
        locked.space = document.space
        versions, files = _stored_files(locked.pk)
        _audit(
            by=by,
            instance=locked,
            action=LogEntry.Action.DELETE,
            old=locked,
            additional_data={"versions": versions},
        )
        forget_page(path)
        with disable_auditlog():
            locked.delete()
        transaction.on_commit(lambda: _delete_stored_files(files))
    logger.info(
        "Document %s (%s versions) deleted in space %s by user %s",
        document.pk,
        versions,
        document.space_id,
        getattr(by, "pk", None),
    )
    return versions


def folder_refusal(folder: Folder) -> str:
    """Why ``folder`` cannot be deleted yet (« » when it is empty): what it still holds,
    counting the documents some cannot see (kept for the managers)."""
    documents = Document.objects.filter(folder=folder).count()
    children = Folder.objects.filter(parent=folder).count()
    if not documents and not children:
        return ""
    held_documents = ngettext("%(count)s document", "%(count)s documents", documents) % {
        "count": documents
    }
    held_folders = ngettext("%(count)s sous-dossier", "%(count)s sous-dossiers", children) % {
        "count": children
    }
    if documents and children:
        held = _("%(documents)s et %(folders)s") % {
            "documents": held_documents,
            "folders": held_folders,
        }
    else:
        held = held_documents if documents else held_folders
    return _(
        "Ce dossier contient encore %(held)s. Déplacez ou supprimez d'abord son contenu, "
        "puis supprimez le dossier vide."
    ) % {"held": held}


def check_folder_delete(by, folder) -> None:
    if not can_delete_folder(by, folder):
        raise PermissionDenied(
            _(
                "Seuls les gestionnaires de l'espace et la personne qui a créé ce dossier "
                "le suppriment."
            )
        )


def folder_delete(*, by, folder: Folder) -> None:
    """Delete ``folder``, only when it holds no document and no folder."""
    check_folder_delete(by, folder)
    with transaction.atomic():
        # Locked, then counted: a document or folder added meanwhile into it (its
        # foreign key waits for this lock) is refused by the database, never deleted.
        locked = Folder.objects.select_for_update().filter(pk=folder.pk).first()
        if locked is None:
            return
        locked.space = folder.space
        refusal = folder_refusal(locked)
        if refusal:
            raise ValidationError(refusal)
        _audit(by=by, instance=locked, action=LogEntry.Action.DELETE, old=locked)
        with disable_auditlog():
            locked.delete()


def version_preview_save(version: DocumentVersion, *, preview, text: str, failed: bool) -> bool:
    """Keep what the task worker made of ``version``; its document's text follows when
    it is still the current version. False when the document was deleted meanwhile."""
    with transaction.atomic():
        # The document's row first, as its deletion locks it: a document deleted while
        # its preview was made gets no preview file that nothing would remove.
        document = Document.objects.select_for_update().filter(pk=version.document_id).first()
        if document is None:
            return False
        if preview is not None:
            version.preview.save("preview.webp", preview_file(preview), save=False)
            version.preview_status = PreviewStatus.READY
        else:
            version.preview_status = PreviewStatus.FAILED if failed else PreviewStatus.NONE
        version.text = text
        version.save(update_fields=["preview", "preview_status", "text"])
        if document.current_version_id == version.pk:
            document.content_text = text
            _refresh_search_text(document)
            document.save(update_fields=["content_text", "search_text"])
    return True


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
