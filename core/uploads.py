"""Photos and videos people upload: what we accept, checked on the content, not the name.

Images are opened with Pillow (JPEG, PNG, WebP, GIF). Videos are accepted as MP4, WebM
or Ogg when both the extension and the first bytes of the file agree. Anything over
20 MB is refused.
"""

import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError


class MediaKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    VIDEO = "video", _("vidéo")


MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: A photo is never stored or published without its alternative text (RGAA 1.1).
PHOTO_ALT_REQUIRED = _("Décrivez la photo en une phrase : le texte alternatif est obligatoire.")
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
VIDEO_TYPES = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
    ".ogg": "video/ogg",
}


def _video_signature_matches(extension: str, head: bytes) -> bool:
    if extension in (".mp4", ".m4v"):
        return len(head) >= 12 and head[4:8] == b"ftyp"
    if extension == ".webm":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    if extension in (".ogv", ".ogg"):
        return head.startswith(b"OggS")
    return False


def inspect_upload(upload) -> tuple[str, str]:
    """Return ``(kind, content_type)`` of an uploaded file, or raise a French error."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Le fichier pèse %(size)s Mo : la limite est de 20 Mo."),
            # in the page's language: « 28,6 » in French
            params={"size": number_format(upload.size / 1024 / 1024, 1)},
            code="too_large",
        )
    extension = Path(upload.name or "").suffix.lower()
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension in VIDEO_TYPES:
        if _video_signature_matches(extension, head):
            return MediaKind.VIDEO, VIDEO_TYPES[extension]
        raise ValidationError(
            _("Ce fichier ne contient pas une vidéo %(ext)s lisible."),
            params={"ext": extension.lstrip(".").upper()},
            code="bad_video",
        )
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        image_format = None
    finally:
        upload.seek(0)
    if image_format in IMAGE_FORMATS:
        return MediaKind.PHOTO, IMAGE_FORMATS[image_format]
    raise ValidationError(
        _("Ce fichier n'est ni une photo (JPEG, PNG, WebP, GIF) ni une vidéo (MP4, WebM, Ogg)."),
        code="bad_type",
    )


EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "video/mp4": ".mp4",
    "video/webm": ".webm",
    "video/ogg": ".ogv",
}


def content_type_of(name: str, kind: str) -> str:
    """The content type to serve a stored file with (it was checked on upload)."""
    extension = Path(name).suffix.lower()
    if kind == MediaKind.VIDEO:
        return VIDEO_TYPES.get(extension, "application/octet-stream")
    return {
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".png": "image/png",
        ".webp": "image/webp",
        ".gif": "image/gif",
    }.get(extension, "application/octet-stream")


#: A captions file: WebVTT, UTF-8, 1 MB at most.
MAX_CAPTIONS_BYTES = 1024 * 1024
_TIMESTAMP = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
_CUE_TIMING = re.compile(r"^(%s)[ \t]+-->[ \t]+(%s)(?:[ \t].*)?$" % (_TIMESTAMP, _TIMESTAMP))


def _seconds(stamp: str) -> float:
    parts = stamp.split(":")
    seconds = float(parts[-1])
    for position, value in enumerate(reversed(parts[:-1]), start=1):
        seconds += int(value) * 60**position
    return seconds


def check_captions(upload) -> str:
    """The text of a WebVTT captions file, or a French error: UTF-8, the « WEBVTT »
    signature, at least one cue, every cue timing well formed and ending after it
    starts."""
    if upload.size > MAX_CAPTIONS_BYTES:
        raise ValidationError(
            _("Le fichier de sous-titres pèse plus de 1 Mo."), code="captions_too_large"
        )
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("Le fichier de sous-titres doit être un texte WebVTT encodé en UTF-8."),
            code="captions_encoding",
        ) from error
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0] if lines else ""
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(
            _("Ce fichier n'est pas au format WebVTT : sa première ligne doit être « WEBVTT »."),
            code="captions_signature",
        )
    cues = 0
    for number, line in enumerate(lines, start=1):
        if "-->" not in line:
            continue
        match = _CUE_TIMING.match(line.strip())
        if match is None or _seconds(match.group(2)) <= _seconds(match.group(1)):
            raise ValidationError(
                _("Ligne %(line)s : le minutage doit s'écrire « 00:00:01.000 --> 00:00:04.000 »."),
                params={"line": number},
                code="captions_timing",
            )
        cues += 1
    if not cues:
        raise ValidationError(
            _("Ce fichier WebVTT ne contient aucun sous-titre."), code="captions_empty"
        )
    return text
