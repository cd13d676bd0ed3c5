"""On a 360 × 740 phone: a one-line header with a « Menu » disclosure, the resource
person's first gestures on the first screen, the quick log savable without scrolling."""

import pytest
from django.utils.formats import date_format

from coaching.models import Programme
from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


class PhoneJourneys(BrowserJourneys):
    def phone_page(self, username=None):
        page = self.page_for(username, width=PHONE["width"])
        page.set_viewport_size(PHONE)
        return page

    def header_height(self, page):
        return page.evaluate("document.querySelector('.site-header').offsetHeight")

    def test_the_header_folds_into_a_menu_and_the_coach_logs_a_call_on_one_screen(self):
        page = self.phone_page("coach")
        # Mon espace: « Noter un appel » on the first screen, under a compact header
        self.assertLessEqual(self.header_height(page), 120)
        call = page.get_by_role("link", name="Noter un appel")
        box = call.bounding_box()
        self.assertLessEqual(box["y"] + box["height"], PHONE["height"])
        self.assertFalse(page.get_by_role("link", name="Journal", exact=True).is_visible())

        # the menu: a disclosure that opens and closes by keyboard
        toggle = page.locator(".site-menu__toggle")
        self.assertEqual(toggle.inner_text().strip(), "Menu")
        toggle.focus()
        page.keyboard.press("Enter")
        journal = page.get_by_role("link", name="Journal", exact=True)
        self.assertTrue(journal.is_visible())
        self.assertTrue(page.locator(".site-menu").evaluate("el => el.open"))
        page.keyboard.press("Escape")
        self.assertFalse(journal.is_visible())
        self.assertEqual(page.evaluate("document.activeElement.tagName"), "SUMMARY")
        self.assert_accessible(page)

        # the quick log: the save button is on screen before any scrolling
        call.click()
        page.wait_for_url("**/journal/appel-rapide/")
        self.assertLessEqual(self.header_height(page), 120)
        self.assertEqual(page.evaluate("window.scrollY"), 0)
        save = page.get_by_role("button", name="Enregistrer l'appel")
        box = save.bounding_box()
        self.assertGreaterEqual(box["y"], 0)
        self.assertLessEqual(box["y"] + box["height"], PHONE["height"])
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 360)
        # the date and the duration never overlap: they stack when the date's whole
        # value would not fit beside the duration (test_reflow.py checks it at 320 px)
        date = page.locator("#id_started_at").bounding_box()
        duration = page.locator("#id_duration_minutes").bounding_box()
        self.assertTrue(
            date["x"] + date["width"] <= duration["x"]
            or date["y"] + date["height"] <= duration["y"]
        )
        self.assert_accessible(page)
        page.get_by_text("Made in la Boate").click()
        page.get_by_text("aide technique").click()
        save.click()
        self.assertIn("enregistré", page.inner_text(".messages"))

        # public pages too; on a wide screen the links show and « Menu » does not
        page = self.phone_page()
        page.goto(self.live_server_url + "/eric/")
        self.assertLessEqual(self.header_height(page), 120)
        wide = self.page_for("coach")
        self.assertFalse(wide.locator(".site-menu__toggle").is_visible())
        self.assertTrue(wide.get_by_role("link", name="Journal", exact=True).is_visible())

    def test_circles_tables_fit_the_phone_and_small_tools_work(self):
        # The ERIC page's two circles tables: no sideways scroll, captions whole.
        page = self.phone_page()
        page.goto(self.live_server_url + "/eric/made-in-la-boate/")
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 360)
        for table in ("table.circles-table", "table.growth-table"):
            box = page.locator(table).bounding_box()
            self.assertLessEqual(box["x"] + box["width"], 344, table)  # inside the margins
            caption = page.locator(table + " caption")
            self.assertTrue(caption.evaluate("el => el.scrollWidth <= el.clientWidth"), table)
            box = caption.bounding_box()
            self.assertGreaterEqual(box["x"], 0)
            self.assertLessEqual(box["x"] + box["width"], 360, table)
        # the first row is the programme's first month
        first_month = date_format(Programme.objects.get().start_date, "F Y")
        self.assertIn(first_month, page.inner_text("table.growth-table tbody tr"))
        self.assert_accessible(page)

        # The private iCal address: « Copier » puts it on the clipboard and says so.
        page = self.phone_page("boate")
        page.context.grant_permissions(
            ["clipboard-read", "clipboard-write"], origin=self.live_server_url
        )
        page.goto(self.live_server_url + "/agenda/abonnement/")
        page.get_by_role("button", name="Créer mon adresse d'abonnement").click()
        address = page.input_value("#feed-url")
        page.get_by_role("button", name="Copier l'adresse d'abonnement").click()
        page.locator("#feed-url-status", has_text="Adresse copiée").wait_for(timeout=2000)
        self.assertEqual(page.evaluate("navigator.clipboard.readText()"), address)
        self.assert_accessible(page)
        # Without the clipboard, the whole address is selected for Ctrl+C.
        page.evaluate(
            "() => { navigator.clipboard.writeText = () => Promise.reject(new Error('no'));"
            " document.getElementById('feed-url-status').textContent = ''; }"
        )
        page.get_by_role("button", name="Copier l'adresse d'abonnement").click()
        page.locator("#feed-url-status:not(:empty)").wait_for(timeout=2000)
        self.assertEqual(
            page.evaluate(
                "(() => { const f = document.getElementById('feed-url');"
                " return f.value.substring(f.selectionStart, f.selectionEnd); })()"
            ),
            address,
        )

        # The session form shows the chosen ERIC's milestones only.
        page = self.page_for("coach")
        page.goto(self.live_server_url + "/espace/journal/seances/nouvelle/")
        page.select_option("#id_accompaniment", label="Le Hublot + Les Satellites")
        shown = page.eval_on_selector_all(
            "#id_milestone optgroup", "groups => groups.filter(g => !g.hidden).map(g => g.label)"
        )
        self.assertEqual(shown, ["Le Hublot + Les Satellites"])
