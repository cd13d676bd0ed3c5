"""The site map and the site-wide search (RGAA 12.1: two ways to find a page besides the
menu). Both show only what a visitor may see: live, public pages and public events."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from agenda.models import AgendaPage
from agenda.selectors import upcoming_public_occurrences

from .models import CodeSourceSheet, EricPage
from .search import WORD, normalise_query, normalised_text

#: Pages outside the Wagtail tree a visitor may open (path, label).
OTHER_PUBLIC_PAGES = (
    ("/recherche/", _("Rechercher sur le site")),
    ("/donnees/", _("Données ouvertes : fichiers et API")),
    ("/connexion/", _("Se connecter à l'espace de travail")),
)

#: How many results of each kind the search shows.
RESULT_LIMIT = 50
#: How many upcoming public events the search looks through (the public agenda's six
#: months).
EVENT_WINDOW = 200


@dataclass
class TreeNode:
    page: Page
    children: list = field(default_factory=list)


def site_map_tree(request):
    """The live, public pages of the request's site as a tree under its home page, in
    the editors' order: two queries (the pages, their privacy restrictions)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    pages = list(Page.objects.live().public().descendant_of(root, inclusive=True).order_by("path"))
    nodes = {}
    top = None
    for page in pages:
        node = TreeNode(page)
        nodes[page.path] = node
        parent = nodes.get(page.path[: -Page.steplen])
        if page.pk == root.pk:
            top = node
        elif parent is not None:
            parent.children.append(node)
    return top


@dataclass
class SearchResults:
    query: str
    pages: list
    sheets: list
    erics: list
    events: list
    agenda_url: str

    @property
    def count(self) -> int:
        return len(self.pages) + len(self.sheets) + len(self.erics) + len(self.events)


def _page_ids(query: str) -> list[int]:
    """Live public pages matching every word, by relevance: the query as typed and
    without accents (sheets index an accent-free copy, see cms.search)."""
    # Words only, as typed and accent-free: punctuation and quotes would be search syntax.
    typed = " ".join(WORD.findall(query.lower()))[:200]
    found = []
    for text in dict.fromkeys([typed, normalise_query(query)]):
        if not text:
            continue
        for page in Page.objects.live().public().search(text, operator="and")[:RESULT_LIMIT]:
            if page.pk not in found:
                found.append(page.pk)
    return found


def site_search(query: str) -> SearchResults | None:
    """Wagtail pages, « code source » sheets, ERIC pages and upcoming public events whose
    words hold every word of ``query``; ``None`` for an empty query."""
    words = normalise_query(query).split()
    if not words:
        return None
    ids = _page_ids(query)
    found = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    ordered = [found[pk] for pk in ids if pk in found]
    sheets = [page for page in ordered if isinstance(page, CodeSourceSheet)]
    erics = [page for page in ordered if isinstance(page, EricPage)]
    others = [page for page in ordered if not isinstance(page, CodeSourceSheet | EricPage)]

    events = []
    for item in upcoming_public_occurrences(start=timezone.now(), limit=EVENT_WINDOW):
        entry = item.entry
        text = normalised_text(
            item.title,
            entry.location,
            entry.eric.name if entry.eric_id else "",
            entry.event.description,
        )
        if all(word in text for word in words):
            events.append(item)
        if len(events) >= RESULT_LIMIT:
            break
    agenda = AgendaPage.objects.live().public().first()
    return SearchResults(
        query=query,
        pages=others,
        sheets=sheets,
        erics=erics,
        events=events,
        agenda_url=agenda.url if agenda else "",
    )
