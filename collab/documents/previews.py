"""Previews and text of a document version, made once per version by the task worker.

- **Images** (JPEG, PNG, WebP, GIF, already checked by ``core.uploads``: within 40
  megapixels) are turned upright (EXIF), reduced to ``PREVIEW_SIZE`` and saved as WebP.
- **PDFs**: poppler's ``pdftoppm`` renders the first page to a PNG, which is reduced the
  same way; ``pdftotext`` reads the text of the first ``TEXT_PAGES`` pages for the
  search. Both run as subprocesses with a wall-clock timeout and CPU-time and memory
  limits: a hostile PDF (endless loop, huge page, deep nesting) ends as « aperçu
  impossible », never as a hung page or a crashed worker (ADR 0025).
- **Plain text** (TXT, Markdown, CSV): its text, for the search; no image.
- Anything else (office documents, videos): no preview, no text.
"""

import io
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

#: The longest side of a preview, in pixels.
PREVIEW_SIZE = 1200
#: Seconds a poppler tool may run (wall clock), and its CPU seconds and memory.
TOOL_TIMEOUT = 20
TOOL_CPU_SECONDS = 15
TOOL_MEMORY_BYTES = 768 * 1024 * 1024
#: The pages of a PDF whose text is searched, and the characters kept of any text.
TEXT_PAGES = 50
MAX_TEXT = 200_000
TEXT_TYPES = {"text/plain", "text/markdown", "text/csv"}


class PreviewFailed(Exception):
    """The file could not be read: unreadable, too slow, too big, or the tool missing."""


def _limited(command: list[str]) -> list[str]:
    """``command`` under util-linux's ``prlimit`` (CPU seconds, address space): limits
    set in the child without ``preexec_fn``, which is unsafe in a threaded process (the
    development server runs previews in its own process). Without ``prlimit``, only the
    timeout holds."""
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        return command
    return [
        prlimit,
        "--cpu=%d" % TOOL_CPU_SECONDS,
        "--as=%d" % TOOL_MEMORY_BYTES,
        "--",
        *command,
    ]


def run_tool(arguments: list[str], *, timeout: float | None = None) -> bytes:
    """Run a command line tool on a file of ours; its standard output, or PreviewFailed
    (missing tool, non-zero exit, killed by its limits, past ``timeout`` seconds)."""
    executable = shutil.which(arguments[0])
    if executable is None:
        raise PreviewFailed("%s is not installed" % arguments[0])
    try:
        result = subprocess.run(  # noqa: S603 - fixed tool, our own temporary file
            _limited([executable, *arguments[1:]]),
            capture_output=True,
            timeout=TOOL_TIMEOUT if timeout is None else timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:  # subprocess.run has killed it
        raise PreviewFailed("%s took too long" % arguments[0]) from expired
    if result.returncode != 0:
        raise PreviewFailed(
            "%s exited with %s: %s"
            % (arguments[0], result.returncode, result.stderr[:200].decode("utf-8", "replace"))
        )
    return result.stdout


def _webp(image: Image.Image) -> bytes:
    image = ImageOps.exif_transpose(image)
    image.thumbnail((PREVIEW_SIZE, PREVIEW_SIZE))
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=80)
    return buffer.getvalue()


def image_preview(handle) -> bytes:
    try:
        with Image.open(handle) as image:
            image.seek(0)  # an animated GIF: its first frame
            # JPEG decodes straight at a fraction of its size (no larger than needed)
            image.draft(None, (PREVIEW_SIZE, PREVIEW_SIZE))
            image.load()
            return _webp(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise PreviewFailed("unreadable image: %s" % error) from error


def pdf_preview(path: Path) -> bytes:
    with tempfile.TemporaryDirectory(prefix="trajectoires-preview-") as folder:
        output = Path(folder) / "page"
        run_tool(
            [
                "pdftoppm", "-q", "-f", "1", "-l", "1", "-singlefile", "-png",
                "-scale-to", str(PREVIEW_SIZE), str(path), str(output),
            ]
        )  # fmt: skip
        png = output.with_suffix(".png")
        if not png.exists():
            raise PreviewFailed("pdftoppm wrote no page")
        with png.open("rb") as handle:
            return image_preview(handle)


def pdf_text(path: Path) -> str:
    out = run_tool(["pdftotext", "-q", "-l", str(TEXT_PAGES), "-enc", "UTF-8", str(path), "-"])
    return out.decode("utf-8", "replace")[:MAX_TEXT]


def plain_text(handle) -> str:
    return handle.read(MAX_TEXT * 4).decode("utf-8", "replace")[:MAX_TEXT]


def _clean(text: str) -> str:
    """One space between words, no NUL (PostgreSQL refuses it in a text column)."""
    return " ".join(text.replace("\x00", " ").split())


def make_preview_and_text(version) -> tuple[bytes | None, str, bool]:
    """``(preview WebP or None, text, failed)`` of a version's file."""
    preview, text, failed = None, "", False
    with version.file.open("rb") as handle:
        if version.is_image:
            try:
                preview = image_preview(handle)
            except PreviewFailed:
                logger.warning("No preview for document version %s", version.pk, exc_info=True)
                failed = True
        elif version.content_type in TEXT_TYPES:
            text = plain_text(handle)
        elif version.is_pdf:
            # poppler reads a path: a local copy (the storage may be a bucket)
            with tempfile.NamedTemporaryFile(suffix=".pdf") as local:
                shutil.copyfileobj(handle, local)
                local.flush()
                path = Path(local.name)
                try:
                    preview = pdf_preview(path)
                except PreviewFailed:
                    logger.warning("No preview for document version %s", version.pk, exc_info=True)
                    failed = True
                try:
                    text = pdf_text(path)
                except PreviewFailed:
                    logger.warning("No text for document version %s", version.pk, exc_info=True)
    return preview, _clean(text), failed


def preview_file(content: bytes) -> ContentFile:
    return ContentFile(content, name="preview.webp")
