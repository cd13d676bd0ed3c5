"""A report asked for in a real browser: the Region prepares the month's report in DOCX
from the dashboard's reports page and lands on its page, ready, with the download."""

import pytest

from tests.browser import test_journeys

pytestmark = pytest.mark.browser


class ReportJourneys(test_journeys.BrowserJourneys):
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


# Only this class's journeys here: the inherited ones run in test_journeys.py.
for _name in vars(test_journeys.BrowserJourneys):
    if _name.startswith("test_"):
        setattr(ReportJourneys, _name, None)
