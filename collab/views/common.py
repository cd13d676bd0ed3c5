"""What the platform's views share: a space is found through the reader's reach (404
for one they do not belong to), and so is a wiki page."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from core.params import MAX_ID
from core.views import get_visible_or_404

from ..membership import can_view_space
from ..models import Space, WikiPage


def space_or_404(user, slug) -> Space:
    return get_visible_or_404(
        Space.objects.select_related("programme", "accompaniment"), can_view_space, user, slug=slug
    )


def wiki_page_or_404(user, space_slug, page_slug) -> WikiPage:
    space = space_or_404(user, space_slug)
    page = get_object_or_404(
        WikiPage.objects.select_related("updated_by", "proposed_sheet"),
        space=space,
        slug=page_slug,
    )
    page.space = space
    return page


def revision_or_404(page, number):
    if not 1 <= number <= MAX_ID:  # past the database's integers: no such revision
        raise Http404
    revision = page.revisions.select_related("author").filter(number=number).first()
    if revision is None:
        raise Http404
    return revision
