"""Files for the shared documents' tests: a real PNG, a real PDF (WeasyPrint), text."""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from collab.documents.services import document_create


def png_bytes(size=(1600, 900), colour=(200, 120, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes(text="Réemploi solidaire au fablab") -> bytes:
    from weasyprint import HTML  # slow to import: only the tests that need a PDF pay

    return HTML(string="<h1>Compte rendu</h1><p>%s</p>" % text).write_pdf()


def upload(name, content: bytes):
    return SimpleUploadedFile(name, content)


def make_document(space, by, *, name="photo.png", content=None, title="", **kwargs):
    content = png_bytes((40, 30)) if content is None else content
    return document_create(by=by, space=space, upload=upload(name, content), title=title, **kwargs)


def private_files() -> set[Path]:
    """Every file under the private media folder (versions and previews)."""
    return {p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()}
