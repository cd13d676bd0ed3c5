"""Wiki text: Markdown (CommonMark, markdown-it-py) with ``[[Page]]`` links, sanitised
by nh3 after rendering. Raw HTML in the text is shown as text, never interpreted; the
sanitiser is a second fence (ADR 0021).

``[[Titre]]`` and ``[[Titre|texte du lien]]`` link to the page of the same space whose
address is ``slugify(Titre)``: « [[Ouverture du wiki commun]] » and « [[ouverture du
WIKI commun]] » are the same page.
"""

import re

import nh3
from django.utils.html import escape
from django.utils.text import slugify
from markdown_it import MarkdownIt

WIKI_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a",
}  # fmt: skip
WIKI_ATTRIBUTES = {"a": {"href", "title", "class"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

#: The rich-text features of a « code source » sheet (cms.models.knowledge).
SHEET_TAGS = {"p", "br", "h3", "h4", "b", "i", "ol", "ul", "li", "a"}


def page_slug(title: str) -> str:
    """The address of the page titled ``title`` in its space ('' when it has no letter)."""
    return slugify(title)[:200]


#: The longest ``Title|label`` a link may hold.
MAX_LINK_LENGTH = 405


def _wikilink(state, silent) -> bool:
    """The inline rule for ``[[Title]]`` / ``[[Title|label]]``."""
    start = state.pos
    if not state.src.startswith("[[", start):
        return False
    # a title (200) and its label: never scan the rest of the text for each « [[ »
    end = state.src.find("]]", start + 2, start + 4 + MAX_LINK_LENGTH)
    if end < 0:
        return False
    content = state.src[start + 2 : end]
    target, _bar, label = content.partition("|")
    target = target.strip()
    if not target or "\n" in content or "[" in content or not page_slug(target):
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {"title": target, "label": label.strip() or target}
    state.pos = end + 2
    return True


def _render_wikilink(self, tokens, idx, options, env) -> str:
    meta = tokens[idx].meta
    resolve = env.get("resolve")
    if resolve is None:  # the sheet's copy: links into the platform are not public
        return escape(meta["label"])
    href, exists = resolve(page_slug(meta["title"]), meta["title"])
    css = "wikilink" if exists else "wikilink wikilink--missing"
    title = "" if exists else ' title="%s"' % escape("Page à créer : %s" % meta["title"])
    return '<a class="%s" href="%s"%s>%s</a>' % (css, escape(href), title, escape(meta["label"]))


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    md.inline.ruler.before("link", "wikilink", _wikilink)
    md.add_render_rule("wikilink", _render_wikilink)
    return md


MARKDOWN = _markdown()


def _tokens(text: str):
    tokens = MARKDOWN.parse(text or "", {})
    # The page's title is its <h1>: the text's headings start at <h2>.
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = "h%d" % min(int(token.tag[1]) + 1, 6)
    return tokens


def wiki_links(text: str) -> list[tuple[str, str]]:
    """The ``(slug, title)`` of every page ``text`` links to, in order, once each."""
    links, seen = [], set()
    for block in MARKDOWN.parse(text or "", {}):
        for token in block.children or ():
            if token.type == "wikilink":
                slug = page_slug(token.meta["title"])
                if slug not in seen:
                    seen.add(slug)
                    links.append((slug, token.meta["title"][:200]))
    return links


def render_wiki(text: str, resolve) -> str:
    """Safe HTML for ``text``. ``resolve(slug, title) -> (href, exists)`` gives each
    ``[[link]]`` its address and says whether the page exists."""
    html = MARKDOWN.renderer.render(_tokens(text), MARKDOWN.options, {"resolve": resolve})
    return nh3.clean(
        html,
        tags=WIKI_TAGS,
        attributes=WIKI_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


_HEADING = re.compile(r"<(/?)h([1-6])>")
_STRONG = re.compile(r"<(/?)strong>")
_EM = re.compile(r"<(/?)em>")


def sheet_html(text: str) -> str:
    """``text`` as the rich text of a « code source » sheet: its features only (h3, h4,
    bold, italic, lists, links); ``[[links]]`` into the platform become plain words."""
    # The sheet's sections are its <h2>: « # » and « ## » become <h3>, deeper ones <h4>.
    html = MARKDOWN.render(text or "", {})
    html = _HEADING.sub(lambda m: "<%sh%s>" % (m[1], "3" if m[2] in "12" else "4"), html)
    html = _STRONG.sub(r"<\1b>", _EM.sub(r"<\1i>", html))
    return nh3.clean(
        html,
        tags=SHEET_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    ).strip()
