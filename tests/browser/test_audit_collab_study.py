"""RGAA audit of the pages added after the first audit (AUDITED_PAGES): the collaborative
platform (spaces, wiki, discussions, shared documents, notifications, search), the
visitor study's team pages and the two-factor enrolment, each axe-clean (no serious or
critical violation), with one heading 1, at 1280 and 320 px without sideways scroll."""

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser


class AuditedPagesJourneys(BrowserJourneys):
    def paths(self):
        from collab.documents.models import Document, Folder
        from collab.models import Space, Thread, WikiPage
        from study.models import Study, StudyEvent

        thread = Thread.objects.select_related("space").order_by("pk").first()
        space = thread.space
        wiki = WikiPage.objects.filter(space=space).order_by("pk").first() or (
            WikiPage.objects.select_related("space").order_by("pk").first()
        )
        document = Document.objects.select_related("space").order_by("pk").first()
        folder = Folder.objects.select_related("space").order_by("pk").first()
        event = StudyEvent.objects.order_by("pk").first()
        study = Study.objects.order_by("pk").first()
        self.assertTrue(Space.objects.exists() and wiki and document and folder and event and study)
        collab = "/espace/plateforme/"
        return [
            ("coach", collab),
            ("coach", "%s%s/" % (collab, space.slug)),
            ("coach", "%s%s/wiki/%s/" % (collab, wiki.space.slug, wiki.slug)),
            ("coach", "%s%s/wiki/%s/historique/" % (collab, wiki.space.slug, wiki.slug)),
            ("coach", "%s%s/wiki/%s/modifier/" % (collab, wiki.space.slug, wiki.slug)),
            ("coach", "%s%s/discussions/" % (collab, space.slug)),
            ("coach", "%s%s/discussions/%d/" % (collab, space.slug, thread.pk)),
            ("coach", "%s%s/documents/" % (collab, document.space.slug)),
            ("coach", "%s%s/documents/%d/" % (collab, document.space.slug, document.pk)),
            (
                "coach",
                "%s%s/documents/%d/supprimer/" % (collab, document.space.slug, document.pk),
            ),
            (
                "coach",
                "%s%s/documents/dossiers/%d/supprimer/" % (collab, folder.space.slug, folder.pk),
            ),
            ("coach", collab + "notifications/"),
            ("coach", collab + "notifications/reglages/"),
            ("coach", collab + "recherche/?q=charte"),
            ("region", "/espace/etude/"),
            ("region", "/espace/etude/evenements/%d/" % event.pk),
            ("region", "/espace/etude/evenements/%d/direct/" % event.pk),
            ("skema", "/espace/etude/%d/typologie/" % study.pk),
            ("skema", "/espace/etude/%d/codage/" % study.pk),
            ("region", "/compte/double-authentification/"),
        ]

    def test_the_pages_added_since_the_first_audit_are_axe_clean_at_1280_and_320_px(self):
        paths = self.paths()
        for width in (1280, 320):
            pages = {}
            for username, path in paths:
                if username not in pages:
                    pages[username] = self.page_for(username, width=width)
                page = pages[username]
                response = page.goto(self.live_server_url + path)
                with self.subTest(path=path, width=width):
                    self.assertEqual(response.status, 200)
                    self.assertEqual(page.locator("h1").count(), 1)
                    self.assert_accessible(page)
                    scroll = page.evaluate("document.documentElement.scrollWidth")
                    self.assertLessEqual(scroll, width)
