"""Page types of the public site, by area.

pages: home, standard and legal pages, ERIC and partner pages, news.
knowledge: the knowledge base of code-source sheets and their themes.
"""

from .knowledge import CodeSourceSheet, KnowledgeBaseIndexPage, Theme
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
    "EricIndexPage",
    "EricPage",
    "HomePage",
    "KnowledgeBaseIndexPage",
    "NewsIndexPage",
    "NewsPage",
    "PartnerIndexPage",
    "PartnerPage",
    "StandardPage",
    "Theme",
]
