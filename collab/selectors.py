"""The platform's own reads, each a fixed number of queries whatever the rows."""

from django.db.models import Count, Min

from .models import WikiLink, WikiPage


def space_pages(space):
    """The wiki pages of ``space``, by title, with who last changed them."""
    return (
        WikiPage.objects.filter(space=space)
        .select_related("updated_by")
        .only("title", "slug", "updated_at", "current_number", "updated_by__first_name",
              "updated_by__last_name", "updated_by__username", "space_id")
        .order_by("title")
    )  # fmt: skip


def missing_pages(space) -> list[dict]:
    """« Pages manquantes »: pages of ``space`` linked to but not written yet, with the
    number of pages that link to each."""
    existing = WikiPage.objects.filter(space=space).values("slug")
    return list(
        WikiLink.objects.filter(space=space)
        .exclude(target_slug__in=existing)
        .values("target_slug")
        .annotate(title=Min("target_title"), links=Count("source", distinct=True))
        .order_by("target_slug")
    )


def backlinks(page):
    """« Pages qui pointent ici »."""
    return (
        WikiPage.objects.filter(space_id=page.space_id, links__target_slug=page.slug)
        .only("title", "slug")
        .order_by("title")
        .distinct()
    )
