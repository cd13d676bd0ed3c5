"""Files people upload: one check for the whole platform, on the content, not the name.

- Size: anything over 20 MB is refused before it is read.
- Images are opened with Pillow (JPEG, PNG, WebP, GIF) and refused past 40 megapixels
  (``MAX_PIXELS``): a 388 KB single-colour PNG of 20000 × 20000 pixels would take
  1.6 GB to decode. Pillow's own bomb guard (``DecompressionBombError``) is caught too.
- SVG is refused: it is a document that can carry scripts, not a photo.
- Videos are accepted as MP4, WebM or Ogg when the extension and the container agree:
  an MP4's ``ftyp`` box with a known brand followed by another top-level box, WebM's
  EBML header declaring the ``webm`` document type, an Ogg page carrying a Theora, VP8,
  Vorbis or Opus stream.
- Documents (training materials): PDF, OpenDocument and Office Open XML (zip files
  carrying their own manifest), plain UTF-8 text, and the images and videos above.

Every refusal is a ``ValidationError`` with a French message; callers check before
they store anything, so nothing is saved on refusal.
"""

import re
import struct
import warnings
import zipfile
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


#: Photos past this many pixels are refused (a 40 MP photo is 7700 × 5200: more than
#: any page shows, and about 160 MB once decoded).
MAX_PIXELS = 40_000_000
HEAD_BYTES = 4096
MP4_BRANDS = {
    b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ",
    b"M4VP", b"M4A ", b"dash", b"qt  ", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"mmp4",
    b"MSNV", b"f4v ",
}  # fmt: skip
MP4_BOXES = {b"moov", b"mdat", b"free", b"skip", b"wide", b"uuid", b"pdin", b"meta", b"moof"}
OGG_STREAMS = (b"\x80theora", b"OVP80", b"\x01vorbis", b"OpusHead")
SVG_MARK = re.compile(rb"<svg[\s>]|<!doctype\s+svg|<\?xml", re.IGNORECASE)


def _mp4_matches(head: bytes) -> bool:
    # an ``ftyp`` box of a known brand, then another top-level box of the format
    if len(head) < 16 or head[4:8] != b"ftyp" or head[8:12] not in MP4_BRANDS:
        return False
    size = struct.unpack(">I", head[:4])[0]
    if not 16 <= size <= len(head) - 8:
        return False
    return head[size + 4 : size + 8] in MP4_BOXES


def _webm_matches(head: bytes) -> bool:
    # EBML magic, then the header's DocType element (0x4282) saying « webm »
    return head.startswith(b"\x1a\x45\xdf\xa3") and b"\x42\x82\x84webm" in head[:64]


def _ogg_matches(head: bytes) -> bool:
    # « OggS », stream structure version 0, beginning-of-stream flag, then the first
    # packet of a video or audio codec
    return (
        head.startswith(b"OggS")
        and head[4] == 0
        and head[5] & 0x02
        and any(stream in head[28:64] for stream in OGG_STREAMS)
    )


def _video_signature_matches(extension: str, head: bytes) -> bool:
    if extension in (".mp4", ".m4v"):
        return _mp4_matches(head)
    if extension == ".webm":
        return _webm_matches(head)
    if extension in (".ogv", ".ogg"):
        return len(head) >= 64 and _ogg_matches(head)
    return False


def _check_size(upload) -> None:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Le fichier pèse %(size)s Mo : la limite est de 20 Mo."),
            # in the page's language: « 28,6 » in French
            params={"size": number_format(upload.size / 1024 / 1024, 1)},
            code="too_large",
        )


def _head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def _refuse_svg(head: bytes) -> None:
    if SVG_MARK.search(head[:1024]):
        raise ValidationError(
            _(
                "Les images SVG ne sont pas acceptées : elles peuvent contenir du code. "
                "Envoyez l'image en PNG ou en JPEG."
            ),
            code="svg",
        )


def _too_many_pixels(width: int | None = None, height: int | None = None):
    params = {"max": number_format(MAX_PIXELS / 1_000_000, 0)}
    if width and height:
        params.update(width=width, height=height)
        message = _(
            "L'image mesure %(width)s × %(height)s pixels : la limite est de "
            "%(max)s millions de pixels. Réduisez-la avant de l'envoyer."
        )
    else:
        message = _(
            "L'image a trop de pixels : la limite est de %(max)s millions de pixels. "
            "Réduisez-la avant de l'envoyer."
        )
    return ValidationError(message, params=params, code="too_many_pixels")


def _image_format(upload) -> str | None:
    """The Pillow format of an image within ``MAX_PIXELS``, None if it is no image.

    Only the header is read to know the size; ``verify`` then checks the file's
    structure without decoding the pixels."""
    try:
        with warnings.catch_warnings():
            # past 89 MP Pillow warns; the size is checked right below instead
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                image_format = image.format
                image.verify()
    except Image.DecompressionBombError:  # past 179 MP Pillow refuses to open it
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error):
        image_format = None
    finally:
        upload.seek(0)
    return image_format


def inspect_upload(upload) -> tuple[str, str]:
    """Return ``(kind, content_type)`` of an uploaded photo or video, or raise a French
    error. The journal's media and the public media library go through here."""
    _check_size(upload)
    extension = Path(upload.name or "").suffix.lower()
    head = _head(upload)
    if extension in VIDEO_TYPES:
        if _video_signature_matches(extension, head):
            return MediaKind.VIDEO, VIDEO_TYPES[extension]
        raise ValidationError(
            _("Ce fichier ne contient pas une vidéo %(ext)s lisible."),
            params={"ext": extension.lstrip(".").upper()},
            code="bad_video",
        )
    _refuse_svg(head)
    image_format = _image_format(upload)
    if image_format in IMAGE_FORMATS:
        return MediaKind.PHOTO, IMAGE_FORMATS[image_format]
    raise ValidationError(
        _("Ce fichier n'est ni une photo (JPEG, PNG, WebP, GIF) ni une vidéo (MP4, WebM, Ogg)."),
        code="bad_type",
    )


ZIP_DOCUMENTS = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
TEXT_DOCUMENTS = {".txt": "text/plain", ".md": "text/markdown", ".csv": "text/csv"}


def _zip_document_matches(upload, extension: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension.startswith(".od"):
                return (
                    "mimetype" in names
                    and archive.read("mimetype").decode("ascii", "replace")
                    == ZIP_DOCUMENTS[extension]
                )
            return "[Content_Types].xml" in names
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return False
    finally:
        upload.seek(0)


def _text_matches(upload) -> bool:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def inspect_document(upload) -> str:
    """Return the content type of a document (a training's material), or raise a French
    error: PDF, OpenDocument, Office Open XML, UTF-8 text, or a photo or video as
    ``inspect_upload`` accepts them."""
    _check_size(upload)
    extension = Path(upload.name or "").suffix.lower()
    head = _head(upload)
    if extension == ".pdf":
        if head.startswith(b"%PDF-"):
            return "application/pdf"
    elif extension in ZIP_DOCUMENTS:
        if _zip_document_matches(upload, extension):
            return ZIP_DOCUMENTS[extension]
    elif extension in TEXT_DOCUMENTS:
        _refuse_svg(head)
        if _text_matches(upload):
            return TEXT_DOCUMENTS[extension]
    elif extension == ".svg":
        _refuse_svg(b"<svg ")
    else:
        try:
            return inspect_upload(upload)[1]
        except ValidationError as error:
            if error.code != "bad_type":
                raise
    raise ValidationError(
        _(
            "Ce fichier n'est pas un document accepté : PDF, texte, OpenDocument "
            "(ODT, ODS, ODP), Office (DOCX, XLSX, PPTX), photo (JPEG, PNG, WebP, GIF) "
            "ou vidéo (MP4, WebM, Ogg), et son contenu doit correspondre à son extension."
        ),
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
