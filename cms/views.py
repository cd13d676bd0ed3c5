"""Crawler files of the public site; the way into Wagtail's editor for a new sheet;
publishing the journal's photos and videos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from coaching.enums import AnimationStatus
from coaching.models import AnimationMedia, FederatingEventMedia
from coaching.perms import (
    can_view_animation,
    can_view_federating_event,
    can_write_code_source_sheet,
)
from coaching.views.media import media_file_response
from core.views import get_visible_or_404

from .editorial import CONTRIBUTORS_GROUP
from .forms import MediaPublicationForm, SheetStartForm
from .models import KnowledgeBaseIndexPage, MediaItem, MediaLibraryPage
from .perms import (
    can_publish_animation_media,
    can_publish_event_media,
    can_unpublish_any_media_item,
    can_unpublish_media_item,
)
from .services import (
    public_view,
    publication_refusals,
    publish_journal_media,
    unpublish_media_item,
)
from .site import OTHER_PUBLIC_PAGES, site_map_tree, site_search


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /espace/",
        "Disallow: /connexion/",
        "Sitemap: %s" % request.build_absolute_uri(reverse("sitemap")),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# --- Publishing the journal's photos and videos ----------------------------------------


def _library_url() -> str:
    library = MediaLibraryPage.objects.live().public().first()
    return library.url if library else "/"


def _back_url(request, default: str) -> str:
    """Where to go back: ``?next=`` when it is a path of this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _journal_url(user, media) -> str:
    """The record's page in the journal, for who may see it; else the public page."""
    if isinstance(media, AnimationMedia):
        if can_view_animation(user, media.animation):
            return reverse("coaching:animation_detail", args=[media.animation_id])
    elif can_view_federating_event(user, media.event):
        return reverse("coaching:federating_event_detail", args=[media.event_id])
    return _library_url()


def _publish_page(request, media, *, preview_url: str):
    """The publish step: exactly what the public page will show, then « Publier »."""
    publication = getattr(media, "publication", None)
    journal_url = _journal_url(request.user, media)
    form = MediaPublicationForm(
        request.POST or None,
        request.FILES or None,
        kind=media.kind,
        has_captions=bool(media.captions),
        initial={
            "title": media.caption or public_view(media).source_title,
            "alt_text": media.alt_text,
            "transcript": media.transcript,
        },
    )
    if request.method == "POST" and publication is not None:
        messages.info(request, _("Cette photo ou vidéo est déjà publiée sur le site."))
        return redirect(journal_url)
    if request.method == "POST" and form.is_valid():
        try:
            publish_journal_media(by=request.user, media=media, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("La photo ou la vidéo est publiée sur la page « Photos et vidéos ».")
            )
            return redirect(journal_url)
    return render(
        request,
        "cms/media_publish.html",
        {
            "media": media,
            "publication": publication,
            "shown": public_view(media),
            "refusals": publication_refusals(media),
            "form": form,
            "preview_url": preview_url,
            "journal_url": journal_url,
            "library_url": _library_url(),
            "can_unpublish": publication is not None
            and can_unpublish_media_item(request.user, publication),
        },
    )


def _animation_media(request, pk):
    return get_visible_or_404(
        AnimationMedia.objects.select_related(
            "animation__accompaniment__eric", "publication__published_by"
        ),
        lambda user, media: (
            can_publish_animation_media(user, media) or can_view_animation(user, media.animation)
        ),
        request.user,
        may=can_publish_animation_media,
        pk=pk,
    )


def _event_media(request, pk):
    return get_visible_or_404(
        FederatingEventMedia.objects.select_related(
            "event", "publication__published_by"
        ).prefetch_related("event__participations__accompaniment"),
        lambda user, media: (
            can_publish_event_media(user, media) or can_view_federating_event(user, media.event)
        ),
        request.user,
        may=can_publish_event_media,
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def animation_media_publish(request, pk):
    media = _animation_media(request, pk)
    return _publish_page(
        request, media, preview_url=reverse("cms:animation_media_preview", args=[pk])
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_media_publish(request, pk):
    media = _event_media(request, pk)
    return _publish_page(request, media, preview_url=reverse("cms:event_media_preview", args=[pk]))


# The journal's private file, for who may publish it (editors do not see the journal's
# own file pages).


@login_required
def animation_media_preview(request, pk):
    return media_file_response(_animation_media(request, pk))


@login_required
def event_media_preview(request, pk):
    return media_file_response(_event_media(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def media_item_unpublish(request, pk):
    """Withdraw an item from the public page (the journal's item stays)."""
    item = get_visible_or_404(
        MediaItem.objects.select_related(
            "image",
            "video_file",
            "eric",
            "animation_media__animation__accompaniment",
            "event_media__event",
        ).prefetch_related("event_media__event__participations__accompaniment"),
        lambda user, item: True,  # a published item is on the public page
        request.user,
        may=can_unpublish_media_item,
        pk=pk,
    )
    back_url = _back_url(request, _library_url())
    if request.method == "POST":
        unpublish_media_item(by=request.user, item=item)
        messages.success(
            request,
            _("« %(title)s » est retirée de la page « Photos et vidéos ».") % {"title": item.title},
        )
        return redirect(back_url)
    return render(request, "cms/media_unpublish.html", {"item": item, "back_url": back_url})


@login_required
def journal_media_to_publish(request):
    """For editors: the journal's photos and videos of held animations and started
    events not yet on the site, each with its publish step (the journal's teams publish
    from the record's page)."""
    if not can_unpublish_any_media_item(request.user):
        raise PermissionDenied
    animation_media = (
        AnimationMedia.objects.filter(
            animation__status=AnimationStatus.HELD, publication__isnull=True
        )
        .select_related("animation__accompaniment__eric")
        .order_by("-created_at", "-pk")
    )
    event_media = (
        FederatingEventMedia.objects.filter(
            event__starts_on__lte=timezone.localdate(), publication__isnull=True
        )
        .select_related("event")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "cms/journal_media_list.html",
        {
            "animation_page": Paginator(animation_media, 50).get_page(request.GET.get("page")),
            "event_page": Paginator(event_media, 50).get_page(request.GET.get("page_ev")),
            "library_url": _library_url(),
        },
    )


@login_required
@require_GET
def sheet_new(request):
    """« Rédiger une fiche »: Wagtail's editor for a new sheet, under the knowledge base,
    with the ERIC, the animation and its month filled in (see ``cms.wagtail_hooks``)."""
    form = SheetStartForm(request.GET)
    if not form.is_valid():
        problems = [error for errors in form.errors.values() for error in errors]
        return _problem(request, problems, status=400)
    if not can_write_code_source_sheet(request.user, form.cleaned_data["eric"].pk):
        raise PermissionDenied
    knowledge_base = KnowledgeBaseIndexPage.objects.first()
    if knowledge_base is None:
        return _problem(
            request,
            [_("La base de connaissance n'est pas encore créée sur le site public.")],
            status=404,
        )
    if not knowledge_base.permissions_for_user(request.user).can_add_subpage():
        return _problem(
            request,
            [
                _(
                    "Votre compte n'a pas encore accès à l'espace d'édition du site : "
                    "demandez à un administrateur de vous ajouter au groupe « %(group)s »."
                )
                % {"group": CONTRIBUTORS_GROUP}
            ],
            status=403,
        )
    url = reverse("wagtailadmin_pages:add", args=("cms", "codesourcesheet", knowledge_base.pk))
    return redirect("%s?%s" % (url, form.query_string(next_url=_sheet_back_url(request, form))))


def _sheet_back_url(request, form) -> str:
    """Where Wagtail sends the team once the sheet is submitted: the page it came from."""
    back = request.GET.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    animation = form.cleaned_data["animation"]
    if animation is not None:
        return reverse("coaching:animation_detail", args=[animation.pk])
    return reverse("coaching:home")


def _problem(request, problems, *, status):
    return render(request, "cms/sheet_new_problem.html", {"problems": problems}, status=status)


@require_GET
def site_map(request):
    """« Plan du site »: every live public page of the site, and the pages outside it."""
    return render(
        request,
        "cms/site_map.html",
        {"tree": site_map_tree(request), "other_pages": OTHER_PUBLIC_PAGES},
    )


@require_GET
def site_search_view(request):
    """« Rechercher »: pages, sheets, ERIC and public events in one search."""
    query = request.GET.get("q", "")[:200]
    return render(
        request,
        "cms/site_search.html",
        {"query": query, "results": site_search(query)},
    )
