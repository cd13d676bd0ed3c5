"""Benchmark: the shared documents' previews (ADR 0025), as the task worker makes them.

Run from the project root:  .venv/bin/python bench/document_previews.py
Builds the files in memory and a temporary folder (nothing touches your data), then
prints the wall time of each step, best of 3: a 40-megapixel JPEG (the upload limit)
reduced to a WebP preview, a 2-megapixel photo, a 30-page PDF's first page rendered by
pdftoppm, and its text read by pdftotext.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from PIL import Image, ImageDraw  # noqa: E402

from collab.documents import previews  # noqa: E402


def jpeg(width, height) -> bytes:
    image = Image.new("RGB", (width, height), (240, 200, 120))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 97):
        draw.line((x, 0, width - x, height), fill=(60, 120, 180), width=9)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def pdf(pages) -> bytes:
    from weasyprint import HTML

    body = "".join(
        "<h1>Compte rendu %d</h1><p>%s</p><p style='page-break-after: always'></p>"
        % (n, "Atelier réemploi, coworkers, mutualisation. " * 120)
        for n in range(1, pages + 1)
    )
    return HTML(string=body).write_pdf()


def best_of(step, runs=3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    big, photo, document = jpeg(7700, 5190), jpeg(1920, 1080), pdf(30)
    print(
        "40 MP JPEG (%.1f MB) -> WebP preview: %.2f s"
        % (len(big) / 1e6, best_of(lambda: previews.image_preview(io.BytesIO(big))))
    )
    print(
        "2 MP JPEG (%.2f MB) -> WebP preview: %.2f s"
        % (len(photo) / 1e6, best_of(lambda: previews.image_preview(io.BytesIO(photo))))
    )
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(document)
        handle.flush()
        path = Path(handle.name)
        print(
            "30-page PDF (%d KB) first page -> WebP: %.2f s"
            % (len(document) // 1024, best_of(lambda: previews.pdf_preview(path)))
        )
        print(
            "30-page PDF text (pdftotext, %d characters): %.2f s"
            % (len(previews.pdf_text(path)), best_of(lambda: previews.pdf_text(path)))
        )


if __name__ == "__main__":
    main()
