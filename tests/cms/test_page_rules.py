"""Where each page type may be created (Wagtail's own assertions)."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import (
    AccessibilityStatementPage,
    CodeSourceSheet,
    EricIndexPage,
    EricPage,
    HomePage,
    KnowledgeBaseIndexPage,
    NewsIndexPage,
    NewsPage,
    PartnerIndexPage,
    PartnerPage,
    StandardPage,
)


class TestPageCreationRules(WagtailPageTestCase):
    def test_sections_live_under_the_home_page(self):
        for model in (
            KnowledgeBaseIndexPage,
            EricIndexPage,
            PartnerIndexPage,
            NewsIndexPage,
            StandardPage,
            AccessibilityStatementPage,
        ):
            self.assertCanCreateAt(HomePage, model)
            self.assertAllowedParentPageTypes(
                model, {HomePage} | ({StandardPage} if model is StandardPage else set())
            )

    def test_sheets_live_in_the_knowledge_base_only(self):
        self.assertCanCreateAt(KnowledgeBaseIndexPage, CodeSourceSheet)
        self.assertAllowedParentPageTypes(CodeSourceSheet, {KnowledgeBaseIndexPage})
        self.assertAllowedSubpageTypes(KnowledgeBaseIndexPage, {CodeSourceSheet})
        for parent in (HomePage, StandardPage, EricIndexPage, NewsIndexPage):
            self.assertCanNotCreateAt(parent, CodeSourceSheet)
        self.assertAllowedSubpageTypes(CodeSourceSheet, set())

    def test_eric_partner_and_news_pages_under_their_index(self):
        self.assertAllowedParentPageTypes(EricPage, {EricIndexPage})
        self.assertAllowedParentPageTypes(PartnerPage, {PartnerIndexPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertCanNotCreateAt(HomePage, EricPage)
        self.assertCanNotCreateAt(KnowledgeBaseIndexPage, NewsPage)

    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(StandardPage, HomePage)


@pytest.mark.django_db
def test_sections_are_single(site):
    assert not KnowledgeBaseIndexPage.can_create_at(site.home)
    assert not EricIndexPage.can_create_at(site.home)
    assert NewsIndexPage.can_create_at(site.home)
