"""Photos and videos of the journal, stored with their record or not at all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.licences import Licence
from core.uploads import EXTENSIONS, inspect_upload


def store_media(
    media,
    upload,
    *,
    author: str,
    licence: str = Licence.CC_BY_SA_4,
    caption: str = "",
    people_visible: bool = False,
    consent: bool = False,
):
    """Store a checked upload and its record (a new ``AnimationMedia`` or
    ``FederatingEventMedia``, attached to its record) together; nothing half-saved on
    failure. The type is read from the content; consent is enforced."""
    kind, content_type = inspect_upload(upload)
    if people_visible and not consent:
        raise ValidationError(
            {"consent": _("Des personnes sont reconnaissables : leur accord est nécessaire.")}
        )
    media.kind = kind
    media.original_name = (upload.name or "")[:255]
    media.caption = caption.strip()
    media.author = author.strip()
    media.licence = licence
    media.people_visible = people_visible
    media.consent = consent
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
