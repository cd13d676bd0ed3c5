"""Photos and videos of the journal, stored with their record or not at all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.uploads import EXTENSIONS, inspect_upload


def store_media(media, upload):
    """Store a checked upload and its record together; nothing half-saved on failure."""
    kind, content_type = inspect_upload(upload)
    if media.people_visible and not media.consent:
        raise ValidationError(
            {"consent": _("Des personnes sont reconnaissables : leur accord est nécessaire.")}
        )
    media.kind = kind
    media.original_name = (upload.name or "")[:255]
    media.caption = media.caption.strip()
    media.author = media.author.strip()
    media.full_clean(exclude=["file"])
    try:
        with transaction.atomic():
            media.file.save("media" + EXTENSIONS[content_type], upload, save=False)
            media.save()
    except Exception:
        if media.file.name:
            media.file.storage.delete(media.file.name)
        raise
    return media
