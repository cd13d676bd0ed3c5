"""Free addresses: ``slugify(text)``, then ``-2``, ``-3``… until one is not taken."""

from django.utils.text import slugify


def free_slug(text: str, taken, *, max_length: int, default: str) -> str:
    """The first of ``base``, ``base-2``, ``base-3``… not in ``taken`` (any container:
    the slugs already used where the new one goes). ``base`` is ``slugify(text)`` cut to
    leave room for the suffix, or ``default`` when nothing of ``text`` is left."""
    base = slugify(text)[: max_length - 6].rstrip("-") or default
    slug, n = base, 2
    while slug in taken:
        slug, n = "%s-%d" % (base, n), n + 1
    return slug
