"""Photos and videos of the journal, stored with their record or not at all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.licences import Licence
from core.uploads import (
    EXTENSIONS,
    PHOTO_ALT_REQUIRED,
    MediaKind,
    check_captions,
    inspect_upload,
)


def store_media(
    media,
    upload,
    *,
    author: str,
    licence: str = Licence.CC_BY_SA_4,
    caption: str = "",
    people_visible: bool = False,
    consent: bool = False,
    alt_text: str = "",
    transcript: str = "",
    captions=None,
):
    """Store a checked upload and its record (a new ``AnimationMedia`` or
    ``FederatingEventMedia``, attached to its record) together; nothing half-saved on
    failure. The type is read from the content; consent is enforced. A photo needs its
    alternative text (RGAA 1.1); a video may bring its captions (WebVTT, checked) and its
    transcript — it needs one of them to be published (``cms.services``)."""
    kind, content_type = inspect_upload(upload)
    if people_visible and not consent:
        raise ValidationError(
            {"consent": _("Des personnes sont reconnaissables : leur accord est nécessaire.")}
        )
    if kind == MediaKind.PHOTO and not alt_text.strip():
        raise ValidationError({"alt_text": PHOTO_ALT_REQUIRED})
    if kind == MediaKind.PHOTO and captions:
        raise ValidationError({"captions": _("Seule une vidéo a des sous-titres.")})
    if captions:
        try:
            check_captions(captions)
        except ValidationError as error:
            raise ValidationError({"captions": error.messages}) from error
    media.kind = kind
    media.original_name = (upload.name or "")[:255]
    media.caption = caption.strip()
    media.alt_text = alt_text.strip() if kind == MediaKind.PHOTO else ""
    media.transcript = transcript.strip() if kind == MediaKind.VIDEO else ""
    media.author = author.strip()
    media.licence = licence
    media.people_visible = people_visible
    media.consent = consent
    media.full_clean(exclude=["file", "captions"])
    try:
        with transaction.atomic():
            media.file.save("media" + EXTENSIONS[content_type], upload, save=False)
            if captions:
                media.captions.save("captions.vtt", captions, save=False)
            media.save()
    except Exception:
        for stored in (media.file, media.captions):
            if stored.name:
                stored.storage.delete(stored.name)
        raise
    return media
