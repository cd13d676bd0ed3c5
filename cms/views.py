"""Crawler files of the public site; publishing the journal's photos and videos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from coaching.enums import AnimationStatus
from coaching.models import AnimationMedia
from coaching.perms import can_view_animation
from coaching.views.media import media_file_response
from core.views import get_allowed_or_403

from .forms import MediaPublicationForm
from .models import MediaItem, MediaLibraryPage
from .perms import (
    can_publish_animation_media,
    can_unpublish_any_media_item,
    can_unpublish_media_item,
)
from .services import (
    public_view,
    publication_refusals,
    publish_journal_media,
    unpublish_media_item,
)


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
    """The animation's page in the journal, for who may see it; else the public page."""
    if can_view_animation(user, media.animation):
        return reverse("coaching:animation_detail", args=[media.animation_id])
    return _library_url()


@login_required
@require_http_methods(["GET", "POST"])
def animation_media_publish(request, pk):
    """The publish step: exactly what the public page will show, then « Publier »."""
    media = get_allowed_or_403(
        AnimationMedia.objects.select_related(
            "animation__accompaniment__eric", "publication__published_by"
        ),
        can_publish_animation_media,
        request.user,
        pk=pk,
    )
    publication = getattr(media, "publication", None)
    refusals = publication_refusals(media)
    form = MediaPublicationForm(
        request.POST or None,
        kind=media.kind,
        initial={"title": media.caption or media.animation.title, "alt_text": media.caption},
    )
    if request.method == "POST" and publication is None and form.is_valid():
        try:
            publish_journal_media(by=request.user, media=media, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("La photo ou la vidéo est publiée sur la page « Photos et vidéos ».")
            )
            return redirect(_journal_url(request.user, media))
    elif request.method == "POST" and publication is not None:
        messages.info(request, _("Cette photo ou vidéo est déjà publiée sur le site."))
        return redirect(_journal_url(request.user, media))
    return render(
        request,
        "cms/media_publish.html",
        {
            "media": media,
            "animation": media.animation,
            "publication": publication,
            "shown": public_view(media),
            "refusals": refusals,
            "form": form,
            "journal_url": _journal_url(request.user, media),
            "library_url": _library_url(),
            "can_unpublish": publication is not None
            and can_unpublish_media_item(request.user, publication),
        },
    )


@login_required
def animation_media_preview(request, pk):
    """The journal's private file, for who may publish it (editors do not see the
    journal's own file page)."""
    media = get_allowed_or_403(
        AnimationMedia.objects.select_related("animation__accompaniment"),
        can_publish_animation_media,
        request.user,
        pk=pk,
    )
    return media_file_response(media)


@login_required
@require_http_methods(["GET", "POST"])
def media_item_unpublish(request, pk):
    """Withdraw an item from the public page (the journal's item stays)."""
    item = get_allowed_or_403(
        MediaItem.objects.select_related(
            "image", "video_file", "eric", "source_media__animation__accompaniment"
        ),
        can_unpublish_media_item,
        request.user,
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
    """For editors: the journal's photos and videos of held animations not yet on the
    site, each with its publish step (the journal's teams publish from the animation)."""
    if not can_unpublish_any_media_item(request.user):
        raise PermissionDenied
    media = (
        AnimationMedia.objects.filter(
            animation__status=AnimationStatus.HELD, publication__isnull=True
        )
        .select_related("animation__accompaniment__eric")
        .order_by("-created_at", "-pk")
    )
    page_obj = Paginator(media, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cms/journal_media_list.html",
        {"page_obj": page_obj, "library_url": _library_url()},
    )
