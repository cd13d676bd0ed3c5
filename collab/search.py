"""Search in the spaces one belongs to: the wiki, the shared documents and the
discussion list's messages, each kind by its own ``_…_results`` function, filtered by
the same reach and returning the same :class:`Result`.

On PostgreSQL: full text in French, accent-insensitive — the page's title (weight A)
and text (weight B) are read with the ``french_unaccent`` configuration, PostgreSQL's
``french`` one (stems, stop words) with ``unaccent`` before the stemmer, created with
the extension by ``collab/migrations/0002_french_unaccent.py``; the query is read the
same way, as a web search (``"exact phrase"``, ``-word``, ``or``); results are ranked
and their extract comes from ``ts_headline``.

On the embedded SQLite database: every word of the query must appear in the page's
accent-free, lower-cased copy (``WikiPage.search_text``), by ``icontains``; no stemming
(« animations » does not find « animation »), newest first. The docs say so.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.html import escape

from .membership import collab_reach
from .models import Document, Message, Thread, WikiPage

MAX_RESULTS = 50
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_WORD = re.compile(r"\w+")
#: Markdown's marks, left out of an extract (« ## », « ** », « [[ »…).
_MARKUP = re.compile(r"[#*`>\[\]|]+")


def normalise(text: str) -> str:
    """Accent-free, lower-cased (« Réemploi, ŒUVRE » → « reemploi, oeuvre »)."""
    text = unicodedata.normalize("NFKD", str(text).translate(_LIGATURES))
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


@dataclass(frozen=True)
class Result:
    kind: str  # "wiki", "document", "thread"
    title: str
    url: str
    space_title: str
    #: Safe HTML: an extract with the matched words in <mark>.
    excerpt: str
    updated_at: object


#: PostgreSQL's text search configuration (see collab/migrations/0002_french_unaccent.py).
SEARCH_CONFIG = "french_unaccent"
_MARK_START, _MARK_END = "⟦", "⟧"


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _visible_pages(user):
    return WikiPage.objects.visible_to(user).select_related("space")


def _plain_excerpt(text: str, words: list[str], width: int = 160) -> str:
    """An extract of ``text`` around its first matched word, the words marked."""
    plain = " ".join(_MARKUP.sub(" ", text).split())
    folded = normalise(plain)
    positions = [folded.find(word) for word in words if folded.find(word) >= 0]
    start = max(min(positions) - width // 3, 0) if positions else 0
    if start:  # begin and end on whole words
        start = plain.find(" ", start) + 1 or start
    end = start + width
    if end < len(plain):
        end = plain.rfind(" ", start, end) if " " in plain[start:end] else end
    extract = plain[start:end]
    html = escape(extract)
    for word in sorted(set(words), key=len, reverse=True):
        # Accent-insensitive marking: find each occurrence in the folded extract.
        folded_extract = normalise(extract)
        spans, at = [], folded_extract.find(word)
        while at >= 0 and word:
            spans.append((at, at + len(word)))
            at = folded_extract.find(word, at + len(word))
        if spans:
            pieces, last = [], 0
            for begin, end in spans:
                pieces += [
                    escape(extract[last:begin]),
                    "<mark>%s</mark>" % escape(extract[begin:end]),
                ]
                last = end
            pieces.append(escape(extract[last:]))
            html = "".join(pieces)
            break
    prefix = "… " if start else ""
    suffix = " …" if end < len(plain) else ""
    return prefix + html + suffix


def _matching(queryset, query: str, words: list[str], *, vector, headline, newest: str):
    """``queryset`` narrowed to what matches ``query``, best first. PostgreSQL: ranked by
    ``vector``, each row's ``headline`` extract made from the ``headline`` expression.
    SQLite: every word in the row's ``search_text``, ``newest`` first."""
    if not uses_full_text():
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset.order_by("-" + newest)
    search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    return (
        queryset.annotate(document=vector, rank=SearchRank(vector, search_query))
        .filter(document=search_query)
        .annotate(
            headline=SearchHeadline(
                headline,
                search_query,
                config=SEARCH_CONFIG,
                start_sel=_MARK_START,
                stop_sel=_MARK_END,
                max_words=30,
                min_words=10,
            )
        )
        .order_by("-rank", "-" + newest)
    )


def _marked(headline: str) -> str:
    """PostgreSQL's extract, escaped; only its markers become <mark>."""
    return escape(headline).replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")


def _wiki_results(user, query: str) -> list[Result]:
    words = _WORD.findall(normalise(query))
    if not words:
        return []
    pages = _matching(
        _visible_pages(user),
        query,
        words,
        vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG),
        headline="body",
        newest="updated_at",
    )
    results = []
    for page in pages[:MAX_RESULTS]:
        excerpt = _marked(page.headline) if uses_full_text() else _plain_excerpt(page.body, words)
        results.append(
            Result(
                kind="wiki",
                title=page.title,
                url=reverse("collab:wiki_page", args=[page.space.slug, page.slug]),
                space_title=page.space.title,
                excerpt=excerpt,
                updated_at=page.updated_at,
            )
        )
    return results


def _document_results(user, query: str) -> list[Result]:
    """Shared documents (ADR 0025): title (weight A), description and file name (B), the
    text of a PDF or plain-text file (C); only those ``user`` may see."""
    words = _WORD.findall(normalise(query))
    if not words:
        return []
    documents = _matching(
        Document.objects.visible_to(user).select_related("space"),
        query,
        words,
        vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("description", "file_name", weight="B", config=SEARCH_CONFIG)
        + SearchVector("content_text", weight="C", config=SEARCH_CONFIG),
        headline=Concat("description", Value(" "), "content_text", output_field=TextField()),
        newest="updated_at",
    )
    results = []
    for document in documents.defer("search_text")[:MAX_RESULTS]:
        if uses_full_text():
            excerpt = _marked(document.headline)
        else:
            excerpt = _plain_excerpt("%s %s" % (document.description, document.content_text), words)
        results.append(
            Result(
                kind="document",
                title=document.title,
                url=reverse("collab:document", args=[document.space.slug, document.pk]),
                space_title=document.space.title,
                excerpt=excerpt.strip() or escape(document.file_name),
                updated_at=document.updated_at,
            )
        )
    return results


def _thread_results(user, query: str) -> list[Result]:
    """The discussion list (ADR 0024): messages whose thread's title (weight A) or text
    (B) match, in the threads ``user`` may read; one result per thread, its best message
    (the address opens the thread at that message)."""
    words = _WORD.findall(normalise(query))
    if not words:
        return []
    messages = _matching(
        Message.objects.filter(thread__in=Thread.objects.visible_to(user)).select_related(
            "thread__space"
        ),
        query,
        words,
        vector=SearchVector("thread__title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG),
        headline="body",
        newest="created_at",
    )
    results, seen = [], set()
    # a thread's other matching messages are skipped: read a few more than shown
    for message in messages.defer("search_text")[: MAX_RESULTS * 4]:
        if message.thread_id in seen:
            continue
        seen.add(message.thread_id)
        if uses_full_text():
            excerpt = _marked(message.headline)
        else:
            excerpt = _plain_excerpt(message.body, words)
        thread = message.thread
        results.append(
            Result(
                kind="thread",
                title=thread.title,
                url="%s#message-%d"
                % (
                    reverse("collab:thread_detail", args=[thread.space.slug, thread.pk]),
                    message.pk,
                ),
                space_title=thread.space.title,
                excerpt=excerpt,
                updated_at=message.created_at,
            )
        )
        if len(results) == MAX_RESULTS:
            break
    return results


def search(user, query: str) -> list[Result]:
    """What ``user`` may read that matches ``query``, best first."""
    if not collab_reach(user).is_authenticated:
        return []
    return (
        _wiki_results(user, query) + _document_results(user, query) + _thread_results(user, query)
    )
