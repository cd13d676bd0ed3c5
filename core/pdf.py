"""PDFs, rendered with WeasyPrint from a template: one renderer for every document.

Tagged PDF/UA-1 documents. The font is vendored in ``static/fonts`` (and set on
``@page`` too: margin boxes do not inherit it). The URL fetcher reads the static and
media folders and, for the charts, ``data:`` SVG images, and nothing else: a template
can never make the server fetch a remote address.

WeasyPrint (≈ 45 MB resident) is imported by the first PDF a process renders, not when
this module is imported: a web worker that never renders one does not carry it
(ADR 0020). ``StaticOnlyURLFetcher`` is built on first use for the same reason.
"""

import base64
import functools
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string

STATIC_DIR = Path(settings.BASE_DIR) / "static"
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
SVG_DATA_PREFIX = "data:image/svg+xml;base64,"
#: The charts' text in a PDF: the vendored font (see ``STATIC_DIR / "fonts"``).
PDF_FONT_FAMILY = '"DejaVu Sans", sans-serif'


@functools.cache
def _static_only_url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        """Local files under the static and media folders, ``data:`` SVG images, no more."""

        def __init__(self, **kwargs):
            super().__init__(allowed_protocols={"file"}, fail_on_errors=False, **kwargs)
            self.roots = [
                root.resolve()
                for root in (STATIC_DIR, Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT))
            ]

        def is_allowed(self, url: str) -> bool:
            parsed = urlparse(url)
            if parsed.scheme != "file":
                return False
            path = Path(unquote(parsed.path)).resolve()
            return any(path.is_relative_to(root) for root in self.roots)

        def fetch(self, url, headers=None):
            if url.startswith(SVG_DATA_PREFIX):
                body = base64.b64decode(url[len(SVG_DATA_PREFIX) :], validate=True)
                return URLFetcherResponse(url, body, {"Content-Type": "image/svg+xml"})
            if not self.is_allowed(url):
                raise ValueError("Not a static or media file: %s" % url)
            return super().fetch(url, headers)

    return StaticOnlyURLFetcher


def __getattr__(name):
    if name == "StaticOnlyURLFetcher":
        return _static_only_url_fetcher()
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


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
    import pydyf

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


def render_pdf(template: str, context: dict) -> bytes:
    """The template rendered to HTML, then to a tagged PDF."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template, context)
    document = HTML(
        string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=_static_only_url_fetcher()()
    )
    return document.write_pdf(
        font_config=FontConfiguration(), finisher=add_header_scopes, **PDF_OPTIONS
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
