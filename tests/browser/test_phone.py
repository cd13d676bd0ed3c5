"""On a 360 × 740 phone: a one-line header with a « Menu » disclosure, the resource
person's first gestures on the first screen, the quick log savable without scrolling."""

import pytest

from tests.browser import test_journeys

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


class PhoneJourneys(test_journeys.BrowserJourneys):
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
        # the date and the duration share a line without overlapping
        date = page.locator("#id_started_at").bounding_box()
        duration = page.locator("#id_duration_minutes").bounding_box()
        self.assertLessEqual(date["x"] + date["width"], duration["x"])
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


# Only this class's journeys here: the inherited ones run in test_journeys.py.
for _name in vars(test_journeys.BrowserJourneys):
    if _name.startswith("test_"):
        setattr(PhoneJourneys, _name, None)
