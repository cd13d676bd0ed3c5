"""The wiki of a space: read a page, write it, its history, diffs, restore, propose.

Every view first finds the space through the reader's reach (404 otherwise), so another
ERIC's pages, revisions and diffs are as absent as pages that do not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coaching.models import Accompaniment
from coaching.perms import sheet_eric_ids
from core.params import id_param
from organisations.models import Organisation

from ..diff import diff_rows
from ..enums import SpaceKind
from ..forms import ProposalForm, WikiCreateForm, WikiEditForm
from ..membership import can_propose_sheet
from ..models import WikiPage
from ..notifications import mark_page_read
from ..selectors import backlinks
from ..services import (
    WikiConflict,
    wiki_page_create,
    wiki_page_propose,
    wiki_page_save,
    wiki_revision_restore,
)
from ..wikitext import page_slug, render_wiki
from .common import revision_or_404, space_or_404, wiki_page_or_404

HISTORY_PAGE_SIZE = 50


def _resolver(space):
    """``resolve(slug, title)`` for :func:`render_wiki`: one query for the space's pages."""
    existing = set(WikiPage.objects.filter(space=space).values_list("slug", flat=True))

    def resolve(slug, title):
        if slug in existing:
            return reverse("collab:wiki_page", args=[space.slug, slug]), True
        create = reverse("collab:wiki_create", args=[space.slug])
        return "%s?%s" % (create, urlencode({"titre": title})), False

    return resolve


@login_required
def wiki_page(request, space, page):
    page = wiki_page_or_404(request.user, space, page)
    mark_page_read(request.user, reverse("collab:wiki_page", args=[page.space.slug, page.slug]))
    return render(
        request,
        "collab/wiki_page.html",
        {
            "space": page.space,
            "page": page,
            "html": render_wiki(page.body, _resolver(page.space)),
            "backlinks": backlinks(page),
            "can_propose": can_propose_sheet(request.user, page.space),
        },
    )


@login_required
def wiki_create(request, space):
    space = space_or_404(request.user, space)
    if request.method == "POST":
        form = WikiCreateForm(request.POST)
        if form.is_valid():
            try:
                page = wiki_page_create(by=request.user, space=space, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("La page est créée."))
                return redirect("collab:wiki_page", space.slug, page.slug)
    else:
        title = (request.GET.get("titre") or "")[:200]
        existing = WikiPage.objects.filter(space=space, slug=page_slug(title)).first()
        if title and existing is not None:
            return redirect("collab:wiki_page", space.slug, existing.slug)
        form = WikiCreateForm(initial={"title": title})
    return render(request, "collab/wiki_form.html", {"space": space, "form": form})


@login_required
def wiki_edit(request, space, page):
    page = wiki_page_or_404(request.user, space, page)
    conflict_rows = None
    status = 200
    if request.method == "POST":
        form = WikiEditForm(request.POST)
        if form.is_valid():
            try:
                wiki_page_save(by=request.user, page=page, **form.cleaned_data)
            except WikiConflict as conflict:
                # Nothing is written: the editor sees what changed meanwhile, their text
                # kept in the form, now based on the newest revision.
                current = conflict.page
                conflict_rows = diff_rows(current.body, form.cleaned_data["body"])
                data = request.POST.copy()
                data["base_number"] = current.current_number
                form = WikiEditForm(data)
                form.is_valid()
                page = wiki_page_or_404(request.user, space, current.slug)
                status = 409
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("La page est enregistrée."))
                return redirect("collab:wiki_page", page.space.slug, page.slug)
    else:
        form = WikiEditForm(initial={"body": page.body, "base_number": page.current_number})
    return render(
        request,
        "collab/wiki_form.html",
        {"space": page.space, "page": page, "form": form, "conflict_rows": conflict_rows},
        status=status,
    )


@login_required
def wiki_history(request, space, page):
    page = wiki_page_or_404(request.user, space, page)
    revisions = page.revisions.select_related("author").order_by("-number")
    paginator = Paginator(revisions, HISTORY_PAGE_SIZE)
    # A page number that is not one shows the first page (core/params' rule).
    history = paginator.get_page(id_param(request.GET.get("page")) or 1)
    return render(
        request,
        "collab/wiki_history.html",
        {"space": page.space, "page": page, "history": history},
    )


@login_required
def wiki_revision(request, space, page, number):
    page = wiki_page_or_404(request.user, space, page)
    revision = revision_or_404(page, number)
    return render(
        request,
        "collab/wiki_revision.html",
        {
            "space": page.space,
            "page": page,
            "revision": revision,
            "html": render_wiki(revision.body, _resolver(page.space)),
        },
    )


@login_required
def wiki_diff(request, space, page):
    page = wiki_page_or_404(request.user, space, page)
    new_number = id_param(request.GET.get("a")) or page.current_number
    old_number = id_param(request.GET.get("de")) or max(new_number - 1, 1)
    if old_number > new_number:
        old_number, new_number = new_number, old_number
    revisions = {
        revision.number: revision
        for revision in page.revisions.select_related("author").filter(
            Q(number=old_number) | Q(number=new_number)
        )
    }
    if old_number not in revisions or new_number not in revisions:
        raise Http404
    old, new = revisions[old_number], revisions[new_number]
    return render(
        request,
        "collab/wiki_diff.html",
        {
            "space": page.space,
            "page": page,
            "old": old,
            "new": new,
            "rows": diff_rows(old.body, new.body),
        },
    )


@login_required
@require_POST
def wiki_restore(request, space, page, number):
    page = wiki_page_or_404(request.user, space, page)
    revision_or_404(page, number)
    try:
        wiki_revision_restore(by=request.user, page=page, number=number)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La révision %(number)s est rétablie.") % {"number": number})
    return redirect("collab:wiki_page", page.space.slug, page.slug)


def _proposable_erics(user, space):
    """The programme's ERIC in whose name ``user`` may write a sheet (coaching.perms)."""
    erics = Organisation.objects.filter(
        pk__in=Accompaniment.objects.filter(programme_id=space.programme_id).values("eric_id")
    )
    writable = sheet_eric_ids(user)
    if writable is not None:
        erics = erics.filter(pk__in=writable)
    return erics.order_by("name")


@login_required
def wiki_propose(request, space, page):
    page = wiki_page_or_404(request.user, space, page)
    if not can_propose_sheet(request.user, page.space):
        raise PermissionDenied
    if page.proposed_sheet_id is not None:
        messages.info(request, _("Cette page a déjà été proposée à la base de connaissance."))
        return redirect("collab:wiki_page", page.space.slug, page.slug)
    erics = _proposable_erics(request.user, page.space)
    if request.method == "POST":
        form = ProposalForm(request.POST, erics=erics)
        if form.is_valid():
            try:
                wiki_page_propose(by=request.user, page=page, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _(
                        "La fiche « code source » est créée en brouillon et soumise à la "
                        "relecture éditoriale."
                    ),
                )
                return redirect("collab:wiki_page", page.space.slug, page.slug)
    else:
        initial = {}
        writable = sheet_eric_ids(request.user)
        if page.space.kind == SpaceKind.ERIC and (
            writable is None or page.space.accompaniment.eric_id in writable
        ):
            initial["author_eric"] = page.space.accompaniment.eric_id
        form = ProposalForm(initial=initial, erics=erics)
    return render(
        request, "collab/wiki_propose.html", {"space": page.space, "page": page, "form": form}
    )
