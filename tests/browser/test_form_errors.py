"""A refused form in a real browser (RGAA 11.10): focus lands on the error summary, and
each of its links focuses the field it names."""

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser

ACTIVE_ID = "document.activeElement && document.activeElement.id"


class FormErrorJourneys(BrowserJourneys):
    def test_an_empty_animation_form_leads_to_its_summary_then_to_each_field(self):
        page = self.page_for("coach")
        page.goto(self.live_server_url + "/espace/journal/animations/nouvelle/")
        # A page without errors leaves focus alone.
        self.assertEqual(page.evaluate("document.activeElement.tagName"), "BODY")
        self.assertEqual(page.get_attribute("#id_format", "aria-required"), "true")

        page.locator(".form__actions").get_by_role("button", name="Enregistrer").click()
        page.wait_for_selector("#erreurs")
        self.assertEqual(page.evaluate(ACTIVE_ID), "erreurs")
        # (a select always sends its first option: only the text fields are missing)
        self.assertIn("Titre : Champ requis.", page.inner_text("#erreurs"))
        self.assert_accessible(page)

        page.locator("#erreurs").get_by_role("link", name="Début : Champ requis.").click()
        self.assertEqual(page.evaluate(ACTIVE_ID), "id_starts_at")
        # The keyboard too: from the summary, Tab reaches its first link, Enter follows it.
        page.focus("#erreurs")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        self.assertEqual(page.evaluate(ACTIVE_ID), "id_title")

    def test_a_radio_group_s_link_focuses_its_first_radio(self):
        page = self.page_for("coach")
        page.goto(self.live_server_url + "/espace/journal/appel-rapide/")
        # No channel chosen: something a person cannot do by hand, but the server refuses.
        page.evaluate(
            "document.querySelectorAll('input[name=channel]')"
            ".forEach(function (radio) { radio.checked = false; })"
        )
        page.get_by_role("button", name="Enregistrer l'appel").click()
        page.wait_for_selector("#erreurs")
        self.assertEqual(page.evaluate(ACTIVE_ID), "erreurs")
        page.locator("#erreurs a", has_text="Canal").click()
        self.assertEqual(page.evaluate(ACTIVE_ID), "id_channel_0")
