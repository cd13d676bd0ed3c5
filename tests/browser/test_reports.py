"""A report asked for in a real browser: the Region prepares the month's report in DOCX
from the dashboard's reports page and lands on its page, ready, with the download."""

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser


class ReportJourneys(BrowserJourneys):
    def test_the_region_asks_for_the_months_docx_and_downloads_it(self):
        page = self.page_for("region")
        page.goto(self.live_server_url + "/espace/tableau-de-bord/")
        page.get_by_role("link", name="Rapports du mois", exact=False).click()
        self.assert_accessible(page)
        page.select_option("#id_kind", "month")
        page.select_option("#id_format", "docx")
        page.get_by_role("button", name="Demander le rapport").click()
        # the embedded default builds it at the end of the request: the page says « Prêt »
        page.wait_for_selector(".report-status--ready")
        self.assert_accessible(page)
        with page.expect_download() as download:
            page.get_by_role("link", name="Télécharger le rapport (DOCX (modifiable))").click()
        self.assertTrue(download.value.suggested_filename.endswith(".docx"))

    def assert_axe_clean(self, page):
        """The issue's bar for the audited pages: no moderate, serious or critical
        violation (the shared helper stops at serious)."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(page)
        found = [
            violation
            for violation in results.response["violations"]
            if violation["impact"] in ("moderate", "serious", "critical")
        ]
        self.assertEqual(found, [], results.generate_report())

    def test_the_reports_pages_are_axe_clean_at_1280_and_320_px(self):
        """RGAA audit, the reports pages (AUDITED_PAGES): the reports list, a report's
        status page, the end-of-programme narrative (the Region, and the resource person
        who writes it)."""
        from coaching.models import Programme

        slug = Programme.objects.order_by("pk").values_list("slug", flat=True).first()
        for width in (1280, 320):
            page = self.page_for("region", width=width)
            page.goto(self.live_server_url + "/espace/rapports/%s/" % slug)
            self.assertIn("Rapports —", page.inner_text("h1"))
            self.assert_axe_clean(page)
            if width == 1280:
                page.select_option("#id_kind", "month")
                page.select_option("#id_format", "docx")
                page.get_by_role("button", name="Demander le rapport").click()
                page.wait_for_selector(".report-status--ready")
            else:
                from progress.models import Report

                report = Report.objects.order_by("-pk").first()
                page.goto(self.live_server_url + "/espace/rapports/%d/" % report.pk)
            self.assertEqual(page.locator("h1").count(), 1)
            self.assertIn("/espace/rapports/", page.url)
            self.assertIn("Télécharger le rapport", page.inner_text("main"))
            self.assert_axe_clean(page)
            for username in ("region", "coach"):
                writer = page if username == "region" else self.page_for(username, width=width)
                writer.goto(self.live_server_url + "/espace/rapports/%s/fin-de-programme/" % slug)
                self.assertEqual(writer.locator("h1").count(), 1)
                self.assertIn("Rapport de fin de programme", writer.inner_text("h1"), username)
                self.assert_axe_clean(writer)
            # nothing scrolls sideways at 320 px
            self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), width)
