"""Page types of the public site, by area.

pages: home, standard and legal pages, ERIC and partner pages, news.
knowledge: the knowledge base of code-source sheets and their themes.
media: the photo and video library.
"""

from .knowledge import CodeSourceSheet, KnowledgeBaseIndexPage, Theme
from .media import Consent, MediaItem, MediaLibraryPage
from .pages import (
    AccessibilityStatementPage,
    EricIndexPage,
    EricPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PartnerIndexPage,
    PartnerPage,
    StandardPage,
)

__all__ = [
    "AccessibilityStatementPage",
    "CodeSourceSheet",
    "Consent",
    "EricIndexPage",
    "EricPage",
    "HomePage",
    "KnowledgeBaseIndexPage",
    "MediaItem",
    "MediaLibraryPage",
    "NewsIndexPage",
    "NewsPage",
    "PartnerIndexPage",
    "PartnerPage",
    "StandardPage",
    "Theme",
]
