"""Writes of the public site: publishing the journal's photos and videos, withdrawing them.

A journal photo or video stays private (served by the journal after a permission check).
Publishing it copies its file into Wagtail's public image or document library and
creates one ``MediaItem`` that keeps its source, who published it and when; withdrawing
it deletes that item and the public copy. The journal's own item is never changed.
"""

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log

from coaching.enums import AnimationStatus
from coaching.models import AnimationMedia, FederatingEventMedia
from coaching.models.media import JournalMedia
from core.licences import MEDIA_LIBRARY_LICENCES, Licence
from core.uploads import PHOTO_ALT_REQUIRED, MediaKind, check_captions, inspect_upload

from .models import Consent, MediaItem
from .models.media import (
    AUDIO_DESCRIPTION_BOTH,
    AUDIO_DESCRIPTION_NOT_A_VIDEO,
    AUDIO_DESCRIPTION_REQUIRED,
    CAPTIONS_REQUIRED,
)


def _is_animation_media(media) -> bool:
    return isinstance(media, AnimationMedia)


def publication_refusals(media: JournalMedia) -> list[str]:
    """Why ``media`` may not be published, in French (empty: it may). ``media`` comes
    with its animation or its event."""
    refusals = []
    if _is_animation_media(media):
        if media.animation.status != AnimationStatus.HELD:
            refusals.append(
                _(
                    "L'animation n'est pas tenue : seules les photos et vidéos d'une animation "
                    "tenue peuvent paraître sur le site."
                )
            )
    elif media.event.starts_on > timezone.localdate():
        refusals.append(
            _(
                "L'événement n'a pas encore eu lieu : ses photos et vidéos paraîtront sur le "
                "site une fois qu'il aura commencé."
            )
        )
    if media.people_visible and not media.consent:
        refusals.append(
            _(
                "Des personnes sont reconnaissables et leur accord n'est pas enregistré : "
                "recueillez-le avant de publier."
            )
        )
    if media.licence not in MEDIA_LIBRARY_LICENCES:
        refusals.append(
            _("La licence « %(licence)s » ne permet pas la diffusion publique.")
            % {"licence": Licence(media.licence).label}
        )
    return refusals


def _check_video_alternatives(media, *, captions, audio_described, no_audio_description):
    """RGAA 4.3 and 4.5 for a video about to be published: French errors, by field."""
    errors = {}
    if captions and not media.captions:
        try:
            check_captions(captions)
        except ValidationError as error:
            errors["captions"] = error.messages
    elif not media.captions:
        errors["captions"] = [CAPTIONS_REQUIRED]
    if audio_described:
        try:
            kind, _content_type = inspect_upload(audio_described)
        except ValidationError as error:
            errors["audio_described"] = error.messages
        else:
            if kind != MediaKind.VIDEO:
                errors["audio_described"] = [AUDIO_DESCRIPTION_NOT_A_VIDEO]
        if no_audio_description:
            errors["no_audio_description"] = [AUDIO_DESCRIPTION_BOTH]
    elif not no_audio_description:
        errors["no_audio_description"] = [AUDIO_DESCRIPTION_REQUIRED]
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class PublicView:
    """What the public page will show of a journal item once published."""

    credit: str
    licence: Licence
    source_title: str  # the animation's title or the event's name
    source_label: str  # « Extrait de l'animation « … », ERIC … »
    eric: object  # the host ERIC of an animation; none for an event (the programme's)
    date: object


def public_view(media: JournalMedia) -> PublicView:
    if _is_animation_media(media):
        animation = media.animation
        eric = animation.accompaniment.eric
        title, day = animation.title, timezone.localdate(animation.starts_at)
        label = _("Extrait de l'animation « %(title)s », %(eric)s") % {
            "title": title,
            "eric": eric.name,
        }
    else:
        eric, title, day = None, media.event.name, media.event.starts_on
        label = _("Extrait de l'événement fédérateur « %(title)s »") % {"title": title}
    return PublicView(
        credit=_("© %(author)s") % {"author": media.author},
        licence=Licence(media.licence),
        source_title=title,
        source_label=label,
        eric=eric,
        date=day,
    )


def _public_copy(media: JournalMedia, stored, *, title: str, by, document: bool = False):
    """A copy of a journal file (``stored``: the media's file, its captions, or a file
    uploaded at publication) in Wagtail's public library: an image or a document."""
    if isinstance(stored, UploadedFile):
        stored.seek(0)
        data = stored.read()
    else:
        with stored.open("rb") as handle:
            data = handle.read()
    # a name of its own: the public address says nothing of the journal's file
    name = uuid.uuid4().hex + Path(stored.name).suffix.lower()
    photo = media.kind == MediaKind.PHOTO and not document
    model = get_image_model() if photo else get_document_model()
    copy = model(title=title, uploaded_by_user=by)
    copy.file = ContentFile(data, name=name)
    copy.file_size = len(data)
    copy.file_hash = hashlib.sha1(data).hexdigest()  # as Wagtail hashes its files
    copy.save()
    return copy


def publish_journal_media(
    *,
    by,
    media: JournalMedia,
    title: str,
    alt_text: str = "",
    transcript: str = "",
    captions=None,
    audio_described=None,
    no_audio_description: bool = False,
) -> tuple[MediaItem, bool]:
    """Publish a journal photo or video (of an animation or a federating event) in the
    public library; ``(item, created)``.

    A video needs its synchronised captions (RGAA 4.3): the journal's, or ``captions``
    (a WebVTT upload) given here. It needs too (RGAA 4.5) either ``audio_described``, an
    audio-described version (a video upload, checked like the journal's), or
    ``no_audio_description``: ``by`` declares that the sound track describes all that is
    shown, stored with the time on the public item. A transcript is welcome, never enough.

    Publishing an item already published returns its public item unchanged. Raises a
    ``ValidationError`` in French when the item may not be published (see
    :func:`publication_refusals`) or when the public text is missing; nothing is stored.
    """
    if _is_animation_media(media):
        model, source_field, related = (
            AnimationMedia,
            "animation_media",
            "animation__accompaniment__eric",
        )
    else:
        model, source_field, related = FederatingEventMedia, "event_media", "event"
    with transaction.atomic():
        media = (
            model.objects.select_for_update(of=("self",)).select_related(related).get(pk=media.pk)
        )
        existing = MediaItem.objects.filter(**{source_field: media}).first()
        if existing is not None:
            return existing, False
        refusals = publication_refusals(media)
        if refusals:
            raise ValidationError(refusals)
        shown = public_view(media)
        item = MediaItem(
            kind=media.kind,
            title=title.strip(),
            alt_text=alt_text.strip() if media.kind == MediaKind.PHOTO else "",
            transcript=transcript.strip(),
            author=media.author,
            date=shown.date,
            licence=media.licence,
            credit=shown.credit,
            consent=Consent.GIVEN if media.people_visible else Consent.NOBODY,
            eric=shown.eric,
            event=shown.source_title,
            **{source_field: media},
            published_by=by,
            published_at=timezone.now(),
        )
        if not item.title:
            raise ValidationError({"title": _("Donnez un titre à la photo ou à la vidéo.")})
        if item.kind == MediaKind.PHOTO and not item.alt_text:
            raise ValidationError({"alt_text": PHOTO_ALT_REQUIRED})
        if item.kind == MediaKind.VIDEO:
            _check_video_alternatives(
                media,
                captions=captions,
                audio_described=audio_described,
                no_audio_description=no_audio_description,
            )
            if no_audio_description and not audio_described:
                item.audio_description_not_needed = True
                item.audio_description_not_needed_by = by
                item.audio_description_not_needed_at = item.published_at
        copies = []
        try:
            copy = _public_copy(media, media.file, title=item.title, by=by)
            copies.append(copy)
            if item.kind == MediaKind.PHOTO:
                item.image = copy
            else:
                item.video_file = copy
                captions_copy = _public_copy(
                    media,
                    media.captions or captions,
                    title=_("Sous-titres : %(title)s") % {"title": item.title},
                    by=by,
                    document=True,
                )
                copies.append(captions_copy)
                item.captions_file = captions_copy
                if audio_described:
                    described = _public_copy(
                        media,
                        audio_described,
                        title=_("Version audiodécrite : %(title)s") % {"title": item.title},
                        by=by,
                    )
                    copies.append(described)
                    item.audio_description_file = described
            item.full_clean(
                exclude=["image", "video_file", "captions_file", "audio_description_file"]
            )
            item.save()
            log(instance=item, action="wagtail.create", user=by)
        except Exception:
            for copy in copies:
                if copy.file.name:
                    copy.file.storage.delete(copy.file.name)
            raise
    return item, True


def unpublish_media_item(*, by, item: MediaItem) -> None:
    """Withdraw an item from the public library at once: the item and the public copy
    of its file go (the journal's own item stays). A copy that an editor has reused
    elsewhere on the site stays in Wagtail's library (as do the captions and the
    audio-described version)."""
    with transaction.atomic():
        copy = item.image or item.video_file
        log(instance=item, action="wagtail.delete", user=by)
        item.delete()
        if copy is not None and (item.animation_media_id or item.event_media_id):
            try:
                with transaction.atomic():
                    copy.delete()  # Wagtail deletes the file once committed
            except ProtectedError:
                pass
