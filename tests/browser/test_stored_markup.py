"""User-written text reaches the DOM as text, never as markup: a trust-circle name
carrying an HTML payload, on the public ERIC page's map (tooltip and popup)."""

import re

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser

PAYLOAD = '"><img src=x onerror=alert(1)>'
MAP = "#carte-made-in-la-boate"


class StoredMarkupJourneys(BrowserJourneys):
    def test_a_trust_circle_name_with_markup_is_shown_as_text_on_the_map(self):
        from django.utils import timezone
        from playwright.sync_api import expect

        from maps.models import TrustCircleEntry
        from maps.services import trust_circle_entry_update
        from organisations.models import Organisation

        eric = Organisation.objects.get(slug="made-in-la-boate")
        entry = (
            TrustCircleEntry.objects.for_eric(eric)
            .current(timezone.localdate())
            .in_circle_order()
            .first()
        )
        trust_circle_entry_update(by=self.users["boate"], entry=entry, name=PAYLOAD)

        page = self.page_for()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.route(
            re.compile(r"^https?://[^/]*tile\.openstreetmap\.org/"), lambda route: route.abort()
        )
        page.goto(self.live_server_url + "/eric/made-in-la-boate/")
        page.wait_for_selector(MAP + " path.map-marker")
        marker = page.locator(
            MAP + ' path.map-marker[aria-label^="%s"]' % PAYLOAD.replace('"', '\\"')
        )
        expect(marker).to_have_count(1)

        # The tooltip (pointer over) and the popup (Enter) both show the name as text.
        # Markers overlap at this zoom: the event goes to this marker directly.
        marker.dispatch_event("mouseover")
        tooltip = page.locator(MAP + " .leaflet-tooltip")
        expect(tooltip).to_have_text(PAYLOAD)
        marker.focus()
        page.keyboard.press("Enter")
        popup = page.locator(MAP + " .leaflet-popup")
        expect(popup).to_contain_text(PAYLOAD)

        self.assertEqual(
            page.locator(MAP + " .leaflet-tooltip img, " + MAP + " .leaflet-popup img").count(), 0
        )
        self.assertEqual(page.locator('img[src="x"]').count(), 0)
        page.wait_for_timeout(200)
        self.assertEqual(dialogs, [])
