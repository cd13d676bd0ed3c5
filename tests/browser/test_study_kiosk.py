"""Pilot 1's kiosk on a tablet: enrolled by the team, recording visitors on and off the
network; the team's live view shows every entry exactly once."""

import pytest
from django.utils import timezone

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser

TABLET = {"width": 820, "height": 1180}


class KioskJourneys(BrowserJourneys):
    # the server and browser set-up only, not the journeys of the base class
    locals().update({name: None for name in dir(BrowserJourneys) if name.startswith("test_")})

    def record_visitor(self, kiosk, email=None):
        kiosk.click("text=J'accepte et je commence")
        for step in ("age_band", "residence", "first_visit", "heard_of"):
            kiosk.locator('[data-step="%s"] .kiosk__choices button' % step).first.click()
        for step in ("motivations", "activities"):
            kiosk.locator('[data-step="%s"] .kiosk__choices button' % step).first.click()
            kiosk.click("#kiosk-next")
        for step in ("companions", "satisfaction", "would_return"):
            kiosk.locator('[data-step="%s"] .kiosk__choices button' % step).first.click()
        # the optional « être recontacté·e » screen
        kiosk.wait_for_selector('[data-step="contact"]:not([hidden])')
        if email:
            kiosk.fill("#kiosk-contact-email", "pas une adresse")
            kiosk.click("text=Laisser mon adresse et terminer")
            assert "invalide" in kiosk.inner_text("#kiosk-contact-error")
            kiosk.fill("#kiosk-contact-email", email)
            kiosk.fill("#kiosk-contact-name", "Camille")
            kiosk.click("text=Laisser mon adresse et terminer")
        else:
            kiosk.click("text=Non merci, terminer")
        kiosk.wait_for_selector('[data-step="thanks"]:not([hidden])')
        # it resets itself for the next visitor
        kiosk.wait_for_selector('[data-step="consent"]:not([hidden])', timeout=5000)

    def waiting(self, kiosk, n, timeout=20000):
        kiosk.wait_for_selector('#kiosk-queue[data-waiting="%d"]' % n, timeout=timeout)

    def test_offline_entries_reach_the_live_view_exactly_once(self):
        from study.models import ContactRequest, StudyEvent, VisitorEntry

        event = StudyEvent.objects.get(name__startswith="Fête du Miel")
        today = timezone.localdate()
        StudyEvent.objects.filter(pk=event.pk).update(start_date=today, end_date=today)

        team = self.page_for("mouans")
        team.goto(self.live_server_url + "/espace/etude/evenements/%d/direct/" % event.pk)
        team.wait_for_selector("body[data-study-live=open]")

        kiosk = self.page_for("mouans", width=TABLET["width"])
        kiosk.set_viewport_size(TABLET)
        kiosk.goto(self.live_server_url + "/espace/etude/evenements/%d/" % event.pk)
        kiosk.fill("#id_label", "Tablette de l'Aquarium")
        kiosk.click("text=Enrôler une borne")
        kiosk.click("#start-kiosk")
        kiosk.wait_for_selector('[data-step="consent"]:not([hidden])')
        self.assertNotIn("jeton", kiosk.url)  # the token left the address bar
        self.assert_accessible(kiosk)

        for _ in range(3):
            self.record_visitor(kiosk)
        self.waiting(kiosk, 0)

        kiosk.context.set_offline(True)
        kiosk.wait_for_function("() => !navigator.onLine")
        self.record_visitor(kiosk)
        self.record_visitor(kiosk, email="camille@example.org")
        self.waiting(kiosk, 3)  # two visitors' answers and one contact request, apart
        self.assertIn("3 réponses attendent", kiosk.inner_text("#kiosk-queue"))
        self.assertEqual(VisitorEntry.objects.count(), 3)
        self.assertFalse(ContactRequest.objects.exists())

        kiosk.context.set_offline(False)
        self.waiting(kiosk, 0)
        team.wait_for_function(
            "() => document.getElementById('live-visitors').textContent.trim() === '5'",
            timeout=10000,
        )
        self.assertEqual(VisitorEntry.objects.count(), 5)
        self.assertEqual(VisitorEntry.objects.values("uuid").distinct().count(), 5)
        contact = ContactRequest.objects.get()
        self.assertEqual((contact.email, contact.first_name), ("camille@example.org", "Camille"))
        team.wait_for_timeout(500)
        self.assertEqual(team.inner_text("#live-visitors").strip(), "5")
