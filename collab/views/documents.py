"""The shared documents of a space: its folders, a document, its versions, their files.

Every view first finds the space through the reader's reach, then the folder or document
inside that space (and, for a document kept for the managers, only for them): another
space's, a forged or an out-of-range id is a 404, as a record that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.params import MAX_ID, id_param
from core.storage import private_file_response

from ..documents.forms import (
    DocumentCreateForm,
    DocumentMetaForm,
    DocumentMoveForm,
    FolderForm,
    VersionForm,
)
from ..documents.models import Document, DocumentVisibility, Folder, PreviewStatus
from ..documents.selectors import document_versions, folder_documents, folder_tree
from ..documents.services import (
    can_change_document,
    can_delete_folder,
    check_document_change,
    check_folder_delete,
    document_create,
    document_delete,
    document_move,
    document_update,
    document_version_add,
    folder_create,
    folder_delete,
    folder_refusal,
    folder_rename,
)
from ..membership import can_manage_space
from ..notifications import mark_page_read
from .common import space_or_404


def _in_range(pk: int) -> int:
    if not 1 <= pk <= MAX_ID:  # past the database's integers: no such record
        raise Http404
    return pk


def _folder_or_404(space, pk) -> Folder:
    folder = get_object_or_404(Folder, space=space, pk=_in_range(pk))
    folder.space = space
    return folder


def _folder_param(request, space, name="dossier") -> Folder | None:
    """The folder named in the query string or form (``None``: the root); a value that
    is no id, or a folder of another space, is a 404."""
    raw = request.POST.get(name) or request.GET.get(name)
    if not raw:
        return None
    pk = id_param(raw)
    if pk is None:
        raise Http404
    return _folder_or_404(space, pk)


def _document_or_404(user, space_slug, pk) -> Document:
    space = space_or_404(user, space_slug)
    document = get_object_or_404(
        Document.objects.visible_to(user).select_related(
            "folder", "created_by", "current_version", "current_version__author"
        ),
        space=space,
        pk=_in_range(pk),
    )
    document.space = space
    return document


def _version_or_404(document, number):
    version = document.versions.filter(number=_in_range(number)).first()
    if version is None:
        raise Http404
    version.document = document
    return version


def _folder_url(space, folder) -> str:
    if folder is None:
        return reverse("collab:documents", args=[space.slug])
    return reverse("collab:folder", args=[space.slug, folder.pk])


def _folder_page(request, space, folder):
    tree = folder_tree(space)
    if folder is not None:
        folder = tree.by_id[folder.pk]
    return render(
        request,
        "collab/documents/folder.html",
        {
            "space": space,
            "folder": folder,
            "path": tree.path(folder),
            "subfolders": tree.children_of(folder),
            "documents": folder_documents(request.user, space, folder),
            "can_delete": folder is not None and can_delete_folder(request.user, folder),
        },
    )


@login_required
def documents(request, space):
    space = space_or_404(request.user, space)
    return _folder_page(request, space, None)


@login_required
def folder_detail(request, space, folder):
    space = space_or_404(request.user, space)
    return _folder_page(request, space, _folder_or_404(space, folder))


@login_required
def folder_create_view(request, space):
    space = space_or_404(request.user, space)
    parent = _folder_param(request, space)
    form = FolderForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            folder = folder_create(
                by=request.user, space=space, parent=parent, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Le dossier est créé."))
            return redirect(_folder_url(space, folder))
    if request.method == "POST":
        status = 400
    return render(
        request,
        "collab/documents/folder_form.html",
        {"space": space, "parent": parent, "form": form, "path": folder_tree(space).path(parent)},
        status=status,
    )


@login_required
def folder_rename_view(request, space, folder):
    space = space_or_404(request.user, space)
    folder = _folder_or_404(space, folder)
    form = FolderForm(request.POST or None, initial={"name": folder.name})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            folder_rename(by=request.user, folder=folder, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Le dossier est renommé."))
            return redirect(_folder_url(space, folder))
    if request.method == "POST":
        status = 400
    return render(
        request,
        "collab/documents/folder_form.html",
        {"space": space, "folder": folder, "form": form, "path": folder_tree(space).path(folder)},
        status=status,
    )


@login_required
def document_create_view(request, space):
    space = space_or_404(request.user, space)
    folder = _folder_param(request, space)
    manages = can_manage_space(request.user, space)
    form = DocumentCreateForm(request.POST or None, request.FILES or None, manages=manages)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = document_create(
                by=request.user,
                space=space,
                folder=folder,
                upload=data["file"],
                title=data["title"],
                description=data["description"],
                licence=data["licence"],
                visibility=data.get("visibility") or DocumentVisibility.MEMBERS,
                comment=data["comment"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Le document est déposé."))
            return redirect("collab:document", space.slug, document.pk)
    if request.method == "POST":
        status = 400
    return render(
        request,
        "collab/documents/document_form.html",
        {"space": space, "folder": folder, "form": form, "path": folder_tree(space).path(folder)},
        status=status,
    )


def _document_page(request, document, version_form=None, move_form=None, status=200):
    space = document.space
    tree = folder_tree(space)
    folder = tree.by_id.get(document.folder_id)
    can_change = can_change_document(request.user, document)
    if can_change and move_form is None:
        move_form = DocumentMoveForm(tree=tree, initial={"folder": document.folder_id})
    return render(
        request,
        "collab/documents/document.html",
        {
            "space": space,
            "document": document,
            "version": document.current_version,
            "folder": folder,
            "path": tree.path(folder),
            "versions": document_versions(document),
            "version_form": version_form or VersionForm(),
            "can_change": can_change,
            "move_form": move_form,
            "PreviewStatus": PreviewStatus,
        },
        status=status,
    )


@login_required
def document_detail(request, space, pk):
    document = _document_or_404(request.user, space, pk)
    mark_page_read(request.user, reverse("collab:document", args=[space, document.pk]))
    return _document_page(request, document)


@login_required
@require_POST
def version_create_view(request, space, pk):
    document = _document_or_404(request.user, space, pk)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = document_version_add(
                by=request.user,
                document=document,
                upload=form.cleaned_data["file"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("La version %(number)s est déposée.") % {"number": version.number}
            )
            return redirect("collab:document", document.space.slug, document.pk)
    return _document_page(request, document, version_form=form, status=400)


@login_required
def document_edit_view(request, space, pk):
    document = _document_or_404(request.user, space, pk)
    manages = can_manage_space(request.user, document.space)
    form = DocumentMetaForm(
        request.POST or None,
        manages=manages,
        initial={
            "title": document.title,
            "description": document.description,
            "licence": document.licence,
            "visibility": document.visibility,
        },
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document_update(
                by=request.user,
                document=document,
                title=data["title"],
                description=data["description"],
                licence=data["licence"],
                visibility=data.get("visibility") or document.visibility,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Le document est modifié."))
            return redirect("collab:document", document.space.slug, document.pk)
    if request.method == "POST":
        status = 400
    tree = folder_tree(document.space)
    return render(
        request,
        "collab/documents/document_edit.html",
        {
            "space": document.space,
            "document": document,
            "form": form,
            "path": tree.path(tree.by_id.get(document.folder_id)),
        },
        status=status,
    )


def _refused(request, space, error: PermissionDenied, *, back: str, path, here=None):
    """A member who sees the document or folder but may not do this: the reason in
    French on a 403 page of the documents' own (the generic one speaks of scope)."""
    return render(
        request,
        "collab/documents/refused.html",
        {"space": space, "message": str(error), "back": back, "path": path, "here": here},
        status=403,
    )


def _refused_change(request, document, tree):
    """The 403 page when ``request.user`` may not move or delete ``document``, else None."""
    try:
        check_document_change(request.user, document)
    except PermissionDenied as error:
        return _refused(
            request,
            document.space,
            error,
            back=reverse("collab:document", args=[document.space.slug, document.pk]),
            path=tree.path(tree.by_id.get(document.folder_id)),
            here=document.title,
        )
    return None


@login_required
@require_POST
def document_move_view(request, space, pk):
    document = _document_or_404(request.user, space, pk)
    space = document.space
    tree = folder_tree(space)
    refused = _refused_change(request, document, tree)
    if refused is not None:
        return refused
    form = DocumentMoveForm(request.POST, tree=tree)
    if form.is_valid():
        folder = tree.by_id.get(form.cleaned_data["folder"])  # None: the root
        try:
            document_move(by=request.user, document=document, folder=folder)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if folder is None:
                text = _("Le document est rangé à la racine des documents.")
            else:
                text = _("Le document est rangé dans « %(folder)s ».") % {
                    "folder": " / ".join(item.name for item in tree.path(folder))
                }
            messages.success(request, text)
            return redirect("collab:document", space.slug, document.pk)
    return _document_page(request, document, move_form=form, status=400)


@login_required
def document_delete_view(request, space, pk):
    """GET: what will be deleted (the title, the number of versions); POST: delete."""
    document = _document_or_404(request.user, space, pk)
    space = document.space
    tree = folder_tree(space)
    folder = tree.by_id.get(document.folder_id)
    path = tree.path(folder)
    refused = _refused_change(request, document, tree)
    if refused is not None:
        return refused
    if request.method == "POST":
        versions = document_delete(by=request.user, document=document)
        if versions:  # 0: someone else deleted it a moment before
            messages.success(
                request,
                ngettext(
                    "Le document « %(title)s » est supprimé, avec sa version.",
                    "Le document « %(title)s » est supprimé, avec ses %(count)s versions.",
                    versions,
                )
                % {"title": document.title, "count": versions},
            )
        return redirect(_folder_url(space, folder))
    return render(
        request,
        "collab/documents/document_delete.html",
        {
            "space": space,
            "document": document,
            "path": path,
            "version_count": document.versions.count(),
        },
    )


@login_required
def folder_delete_view(request, space, folder):
    """GET: the folder and, when it is not empty, what it still holds; POST: delete it
    (only when empty)."""
    space = space_or_404(request.user, space)
    folder = _folder_or_404(space, folder)
    tree = folder_tree(space)
    path = tree.path(tree.by_id[folder.pk])
    try:
        check_folder_delete(request.user, folder)
    except PermissionDenied as error:
        return _refused(request, space, error, back=_folder_url(space, folder), path=path)
    status = 200
    if request.method == "POST":
        try:
            folder_delete(by=request.user, folder=folder)
        except ValidationError as error:
            refusal, status = " ".join(error.messages), 400
        else:
            messages.success(
                request, _("Le dossier « %(name)s » est supprimé.") % {"name": folder.name}
            )
            return redirect(_folder_url(space, tree.by_id.get(folder.parent_id)))
    else:
        refusal = folder_refusal(folder)
    return render(
        request,
        "collab/documents/folder_delete.html",
        {"space": space, "folder": folder, "path": path, "refusal": refusal},
        status=status,
    )


@login_required
def version_download(request, space, pk, number):
    document = _document_or_404(request.user, space, pk)
    version = _version_or_404(document, number)
    return private_file_response(
        version.file, filename=version.original_name, content_type=version.content_type
    )


@login_required
def version_preview(request, space, pk, number):
    document = _document_or_404(request.user, space, pk)
    version = _version_or_404(document, number)
    if version.preview_status != PreviewStatus.READY or not version.preview:
        raise Http404
    return private_file_response(
        version.preview,
        filename="apercu-%s.webp" % version.number,
        content_type="image/webp",
    )
