"""WeasyPrint's half of :mod:`core.pdf`: HTML in, tagged PDF out, without Django.

Kept free of Django so that a long document can be laid out in a process of its own
(``python -m core.pdf_layout``, see :func:`core.pdf.render_pdf`'s ``separate_process``):
WeasyPrint's boxes for a table of 1,000 rows take some 250 MiB, which then belong to a
short-lived process of about 50 MiB at start rather than to a worker that already holds
Django and the whole platform (some 190 MiB) and keeps its heap once grown.

The child reads the HTML on its standard input and writes the PDF on its standard
output; its arguments are the base URL and the folders its URL fetcher may read.
"""

import argparse
import base64
import logging
import resource
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pydyf
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
#: How the child writes its log records on its standard error, one a line, for the
#: parent to log them again under the same logger (see :func:`core.pdf.relay_log`).
LOG_FORMAT = "%(name)s\t%(levelname)s\t%(message)s"
SVG_DATA_PREFIX = "data:image/svg+xml;base64,"
#: The images a document may carry inside itself (``data:<type>;base64,``): the charts'
#: SVG, and the photos read through the storage API (an S3 bucket has no local path).
DATA_IMAGE_TYPES = frozenset(
    {"image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/webp"}
)


def data_image(url: str) -> tuple[str, bytes] | None:
    """``(content type, bytes)`` of a ``data:`` image of an allowed type, else ``None``."""
    header, comma, payload = url.partition(",")
    if not (comma and header.startswith("data:") and header.endswith(";base64")):
        return None
    content_type = header[len("data:") : -len(";base64")]
    if content_type not in DATA_IMAGE_TYPES:
        return None
    return content_type, base64.b64decode(payload, validate=True)


class FolderURLFetcher(URLFetcher):
    """Local files under ``roots``, ``data:`` images (:data:`DATA_IMAGE_TYPES`), no more:
    a template can never make the server fetch a remote address."""

    def __init__(self, roots, **kwargs):
        super().__init__(allowed_protocols={"file"}, fail_on_errors=False, **kwargs)
        self.roots = [Path(root).resolve() for root in roots]

    def is_allowed(self, url: str) -> bool:
        parsed = urlparse(url)
        if parsed.scheme != "file":
            return False
        path = Path(unquote(parsed.path)).resolve()
        return any(path.is_relative_to(root) for root in self.roots)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            image = data_image(url)
            if image is None:
                raise ValueError("Not an image of the allowed types: %s" % url[:40])
            return URLFetcherResponse(url, image[1], {"Content-Type": image[0]})
        if not self.is_allowed(url):
            raise ValueError("Not a static or media file: %s" % url)
        return super().fetch(url, headers)


def _parent(objects, element):
    reference = element.get("P")
    if not reference:
        return None
    number = int(bytes(reference).split()[0])
    return objects[number] if number < len(objects) else None


def add_header_scopes(document, pdf):
    """Give each table header cell of the tagged PDF its ``/Scope`` (PDF/UA, Matterhorn
    15-003), which WeasyPrint does not write: a header of a ``<thead>`` row heads its
    column, one in a body row heads its row — as every ``<th scope>`` of our templates
    does. A ``write_pdf`` finisher: it runs on the PDF objects before they are written."""
    objects = pdf.objects
    for element in objects:
        if not isinstance(element, pydyf.Dictionary) or element.get("S") != "/TH":
            continue
        row = _parent(objects, element)
        group = _parent(objects, row) if row is not None else None
        in_head = group is not None and group.get("S") == "/THead"
        attributes = element.get("A")
        if not isinstance(attributes, pydyf.Dictionary):
            attributes = element["A"] = pydyf.Dictionary({"O": "/Table"})
        attributes["Scope"] = "/Column" if in_head else "/Row"


def html_to_pdf(html: str, *, base_url: str, url_fetcher: URLFetcher) -> bytes:
    document = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)
    del html  # the parsed tree holds what is needed from here on
    return document.write_pdf(
        font_config=FontConfiguration(), finisher=add_header_scopes, **PDF_OPTIONS
    )


def peak_rss_kib() -> int:
    """This process' own peak resident memory (``VmHWM``): unlike ``getrusage``, it does
    not count the parent's pages seen before ``exec``."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="HTML on stdin, tagged PDF on stdout.")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--root", action="append", default=[], help="a folder it may read")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format=LOG_FORMAT, stream=sys.stderr)
    content = html_to_pdf(
        sys.stdin.buffer.read().decode("utf-8"),
        base_url=args.base_url,
        url_fetcher=FolderURLFetcher(args.root),
    )
    sys.stdout.buffer.write(content)
    sys.stdout.buffer.flush()
    logger = logging.getLogger("core.pdf_layout")
    logger.setLevel(logging.INFO)
    logger.info(
        "PDF laid out: %d bytes, %.2f s of CPU, peak RSS %d KiB",
        len(content),
        time.process_time(),
        peak_rss_kib(),
    )


if __name__ == "__main__":
    main()
