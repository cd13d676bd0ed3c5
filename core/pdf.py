"""PDFs, rendered with WeasyPrint from a template: one renderer for every document.

Tagged PDF/UA-1 documents. The font is vendored in ``static/fonts`` (and set on
``@page`` too: margin boxes do not inherit it). The URL fetcher reads the static and
media folders and ``data:`` images (the charts, and the photos read through the storage
API: :func:`image_data_uri`), and nothing else: a template
can never make the server fetch a remote address.

WeasyPrint's part lives in :mod:`core.pdf_layout`, which does not import Django: a long
document (the reports) is laid out in a process of its own (``separate_process=True``),
so that its layout's memory is given back when it ends and is not added to a worker's.
WeasyPrint (≈ 45 MB resident) is imported by the first PDF a process renders, not when
this module is imported: a web worker that never renders one does not carry it (ADR
0020). The names re-exported from :mod:`core.pdf_layout` are therefore looked up on
first use (``__getattr__``).
"""

import base64
import functools
import logging
import mimetypes
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

#: The renderer's public names that live in :mod:`core.pdf_layout` (WeasyPrint's side).
_LAYOUT_NAMES = frozenset(
    {
        "DATA_IMAGE_TYPES",
        "LOG_FORMAT",
        "PDF_OPTIONS",
        "SVG_DATA_PREFIX",
        "FolderURLFetcher",
        "add_header_scopes",
        "html_to_pdf",
    }
)

STATIC_DIR = Path(settings.BASE_DIR) / "static"
#: The charts' text in a PDF: the vendored font (see ``STATIC_DIR / "fonts"``).
PDF_FONT_FAMILY = '"DejaVu Sans", sans-serif'
#: The longest a separate layout process may take before it is stopped.
LAYOUT_TIMEOUT = 15 * 60


def _roots() -> list[Path]:
    return [STATIC_DIR, Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)]


@functools.cache
def _static_only_url_fetcher():
    from .pdf_layout import FolderURLFetcher

    class StaticOnlyURLFetcher(FolderURLFetcher):
        """Local files under the static and media folders, ``data:`` SVG images, no more."""

        def __init__(self, **kwargs):
            super().__init__(_roots(), **kwargs)

    return StaticOnlyURLFetcher


def __getattr__(name):
    if name == "StaticOnlyURLFetcher":
        return _static_only_url_fetcher()
    if name in _LAYOUT_NAMES:
        from . import pdf_layout

        return getattr(pdf_layout, name)
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


def image_data_uri(fieldfile, content: bytes | None = None) -> str:
    """A stored image as a ``data:`` URI, read through its storage (a local folder or an
    S3 bucket, where ``.path`` does not exist) unless its ``content`` was read already:
    what a PDF's template puts in ``src``."""
    from .pdf_layout import DATA_IMAGE_TYPES
    from .storage import read_bytes

    content_type = mimetypes.guess_type(fieldfile.name)[0]
    if content_type not in DATA_IMAGE_TYPES:
        raise ValueError("Not an image a PDF may carry: %s" % fieldfile.name)
    return "data:%s;base64,%s" % (
        content_type,
        base64.b64encode(content if content is not None else read_bytes(fieldfile)).decode(),
    )


class LayoutFailed(RuntimeError):
    """The separate layout process ended with an error (its last lines say which)."""


def relay_log(stderr: bytes) -> list[str]:
    """Log again here each record the layout process wrote (WeasyPrint's warnings: an
    image refused, a missing font), under its own logger; returns the lines."""
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    for line in lines:
        name, level, message = (line.split("\t", 2) + ["", ""])[:3]
        if message and level in logging.getLevelNamesMapping():
            logging.getLogger(name).log(logging.getLevelNamesMapping()[level], message)
        else:  # a traceback's line
            logging.getLogger("weasyprint").warning(line)
    return lines


def _layout_in_subprocess(html: str) -> bytes:
    command = [sys.executable, "-m", "core.pdf_layout", "--base-url", STATIC_DIR.as_uri() + "/"]
    for root in _roots():
        command += ["--root", str(root)]
    completed = subprocess.run(  # our own interpreter and module, no shell
        command,
        input=html.encode("utf-8"),
        capture_output=True,
        cwd=settings.BASE_DIR,
        timeout=LAYOUT_TIMEOUT,
        check=False,
    )
    lines = relay_log(completed.stderr)
    if completed.returncode != 0 or not completed.stdout.startswith(b"%PDF"):
        reason = lines[-3:]
        raise LayoutFailed(
            "PDF layout process failed (exit %d): %s"
            % (completed.returncode, " / ".join(reason) or "no output")
        )
    return completed.stdout


def render_pdf(template: str, context: dict, *, separate_process: bool = False) -> bytes:
    """The template rendered to HTML, then to a tagged PDF — in a process of its own
    when ``separate_process`` (long documents built by the task worker)."""
    html = render_to_string(template, context)
    if separate_process:
        return _layout_in_subprocess(html)
    from .pdf_layout import html_to_pdf

    return html_to_pdf(
        html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=_static_only_url_fetcher()()
    )


def css_string(value: str) -> str:
    """A CSS string literal (running headers and footers): every character but
    letters, digits and spaces escaped.

    Each escape ends with a space, which CSS consumes as its terminator: a space written
    after the character (« financé par ») stays a space instead of being eaten too.
    """
    return '"%s"' % "".join(
        char if char.isalnum() or char == " " else "\\%x " % ord(char) for char in value
    )
