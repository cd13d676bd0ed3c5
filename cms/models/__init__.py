"""Page types of the public site, by area.

pages: home, standard and legal pages, ERIC and partner pages, news.
knowledge, knowledge_base, themes: the code-source sheets, the knowledge base's page,
their themes.
media: the photo and video library.
"""

from .knowledge import CodeSourceSheet
from .knowledge_base import KnowledgeBaseIndexPage
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
from .themes import Theme

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
