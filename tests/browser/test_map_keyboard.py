"""The public ERIC page's trust-circle map with a keyboard alone (RGAA 7.1, 7.3, 8.7):
named marker buttons, Space and Enter open their popup without scrolling the page,
Escape closes it and gives the focus back, Leaflet's controls speak French."""

import re

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser

MAP = "#carte-made-in-la-boate"
FOCUSED_LABEL = "document.activeElement.getAttribute('aria-label') || ''"
ENGLISH_LABELS = ("Zoom in", "Zoom out", "Close popup", "A JavaScript library for interactive maps")


class MapKeyboardJourneys(BrowserJourneys):
    def open_map(self, path="/eric/made-in-la-boate/", map_selector=MAP):
        page = self.page_for()
        # No tile server here: refusing tiles at once keeps the page quick; the markers
        # and controls do not need them.
        page.route(
            re.compile(r"^https?://[^/]*tile\.openstreetmap\.org/"), lambda route: route.abort()
        )
        page.goto(self.live_server_url + path)
        page.wait_for_selector(map_selector + " path.map-marker")
        return page

    def assert_map_accessible(self, page):
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(page, context=MAP)
        serious = [
            violation
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        self.assertEqual(serious, [], results.generate_report())

    def test_a_marker_opens_with_space_and_enter_and_closes_with_escape(self):
        from django.utils import timezone
        from playwright.sync_api import expect

        from maps.models import TrustCircleEntry
        from organisations.models import Organisation

        eric = Organisation.objects.get(slug="made-in-la-boate")
        entry = (
            TrustCircleEntry.objects.for_eric(eric)
            .current(timezone.localdate())
            .in_circle_order()
            .first()
        )
        page = self.open_map()
        popup = page.locator(MAP + " .leaflet-popup")

        # Tab from the map's region reaches the entry's marker, a button named after it.
        page.focus(MAP)
        for _ in range(10):
            page.keyboard.press("Tab")
            if entry.name in page.evaluate(FOCUSED_LABEL):
                break
        marker = page.get_by_role(
            "button", name="%s — %s" % (entry.name, entry.get_circle_display()), exact=True
        )
        expect(marker).to_be_focused()
        expect(marker).to_have_attribute("aria-expanded", "false")

        # Space opens the popup, the focus goes into it, and the page stays where it was.
        scroll_y = page.evaluate("window.scrollY")
        self.assertLess(
            scroll_y + page.evaluate("window.innerHeight"),
            page.evaluate("document.documentElement.scrollHeight"),
            "the page must be able to scroll for Space to prove anything",
        )
        page.keyboard.press(" ")
        expect(popup).to_be_visible()
        expect(popup).to_contain_text(entry.name)
        expect(marker).to_have_attribute("aria-expanded", "true")
        self.assertTrue(page.evaluate("!!document.activeElement.closest('.leaflet-popup')"))
        page.wait_for_timeout(300)  # a scroll would have happened by now
        self.assertEqual(page.evaluate("window.scrollY"), scroll_y)
        self.assert_map_accessible(page)

        # Escape closes it and the focus is back on the marker.
        page.keyboard.press("Escape")
        expect(popup).to_have_count(0)
        expect(marker).to_be_focused()
        expect(marker).to_have_attribute("aria-expanded", "false")

        # Enter opens it too; its French « Fermer » button closes it, focus back again.
        page.keyboard.press("Enter")
        expect(popup).to_be_visible()
        expect(popup).to_contain_text(entry.name)
        close = page.locator(MAP).get_by_role("button", name="Fermer", exact=True)
        expect(close).to_be_visible()
        close.focus()
        page.keyboard.press("Enter")
        expect(popup).to_have_count(0)
        expect(marker).to_be_focused()

    def test_leaflet_controls_speak_french(self):
        from playwright.sync_api import expect

        page = self.open_map()
        region = page.get_by_role("region", name=re.compile("Carte des cercles de confiance"))
        expect(region).to_have_count(1)
        expect(region.get_by_role("button", name="Zoom avant", exact=True)).to_have_count(1)
        expect(region.get_by_role("button", name="Zoom arrière", exact=True)).to_have_count(1)
        labels = page.eval_on_selector_all(
            MAP + " [title], " + MAP + " [aria-label]",
            "els => els.flatMap(e => [e.getAttribute('title'), e.getAttribute('aria-label')])",
        )
        text = page.inner_text(MAP + " .leaflet-control-container")
        for english in ENGLISH_LABELS:
            self.assertNotIn(english, labels)
            self.assertNotIn(english, text)
        self.assertEqual(page.get_attribute("html", "lang"), "fr")
        # Every marker is a named button, and the table still lists the same entries.
        names = page.eval_on_selector_all(
            MAP + " path.map-marker", "els => els.map(e => e.getAttribute('aria-label'))"
        )
        self.assertTrue(names)
        self.assertTrue(all(names), names)
        self.assertEqual(
            page.locator("table.circles-table tbody tr").count(),
            len([name for name in names if " — " in name]),
        )
        self.assert_map_accessible(page)

    def test_the_eric_map_leads_from_a_marker_to_its_popup_link(self):
        from playwright.sync_api import expect

        page = self.open_map("/eric/", "#carte-eric")
        popup = page.locator("#carte-eric .leaflet-popup")
        page.focus("#carte-eric")
        page.keyboard.press("Tab")
        marker = page.locator("#carte-eric path.map-marker:focus")
        expect(marker).to_have_attribute("role", "button")
        name = marker.get_attribute("aria-label")
        self.assertTrue(name)
        page.keyboard.press("Enter")
        expect(popup).to_be_visible()
        # The popup's content comes right after its marker: one Tab reaches its link.
        page.keyboard.press("Tab")
        expect(popup.get_by_role("link", name=name)).to_be_focused()
        page.keyboard.press("Escape")
        expect(popup).to_have_count(0)
        expect(page.locator("#carte-eric").get_by_role("button", name=name)).to_be_focused()
