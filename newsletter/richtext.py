"""A contribution's text: a small set of HTML tags, sanitised by nh3 (ammonia).

Contributors write in a plain text area: paragraphs separated by a blank line become
``<p>``; the few tags below are kept, everything else (scripts, styles, event
attributes, images from elsewhere) is removed. The result is stored and shown as is.
"""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "h3", "h4", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
_HAS_TAG = re.compile(r"<\s*/?\s*(p|ul|ol|h3|h4|blockquote)\b", re.IGNORECASE)


def clean_html(text: str) -> str:
    """``text`` as safe HTML: plain paragraphs wrapped, the allowed tags kept."""
    text = (text or "").strip()
    if not text:
        return ""
    if not _HAS_TAG.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join("<p>%s</p>" % "<br>".join(p.splitlines()) for p in paragraphs)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def editable_text(value: str) -> str:
    """Stored HTML back into the text area: paragraphs of plain text (inline tags such as
    links stay as written) when the HTML has no other block; the HTML itself otherwise."""
    value = value or ""
    if _HAS_TAG.search(re.sub(r"</?p>", "", value)):
        return value
    value = re.sub(r"<br\s*/?>", "\n", value)
    return re.sub(r"</p>\s*<p>", "\n\n", value).removeprefix("<p>").removesuffix("</p>")


def plain_text(value: str) -> str:
    """The sanitised HTML as plain text, for the e-mail's text part."""
    value = re.sub(r"<\s*br\s*/?>", "\n", value or "")
    value = re.sub(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', r"\2 (\1)", value)
    value = re.sub(r"</(p|h3|h4|li|blockquote)>", "\n\n", value)
    value = re.sub(r"<li>", "- ", value)
    value = re.sub(r"<[^>]+>", "", value)
    value = html.unescape(value)
    return re.sub(r"\n{3,}", "\n\n", value).strip()
