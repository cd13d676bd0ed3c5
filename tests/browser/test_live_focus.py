"""Live updates leave the person where they were (RGAA 7.3) and say so once (7.5).

The saves are real: the coach documents animations in a browser of their own, so the
server pushes each change over the region's websocket as in production. (The test
process cannot save through the services itself: its in-memory channel layer is not
the Daphne process's, so nothing would be pushed.)"""

import datetime

import pytest
from django.utils import timezone

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser

FIGURES_UPDATED = "Les chiffres viennent d’être mis à jour."

# Every text the page's polite live region takes, in order (#live-figures-status
# before the region was shared by the page's live fragments), and when each change
# reached the page.
RECORD_ANNOUNCEMENTS = """() => {
    const region = document.getElementById('live-status')
        || document.getElementById('live-figures-status');
    window.announced = [];
    window.changes = [];
    new MutationObserver(() => { window.announced.push(region.textContent); })
        .observe(region, { childList: true, characterData: true, subtree: true });
    document.addEventListener('trajectoires:changed', () => {
        window.changes.push(performance.now());
    });
}"""
BURST_MS = 2000  # live-swap.js's QUIET_MS


class LiveFocusJourneys(BrowserJourneys):
    def held_animations(self, count):
        from coaching import services
        from coaching.enums import AnimationStatus
        from coaching.models import Accompaniment
        from organisations.models import Organisation

        acc = Accompaniment.objects.get(eric__slug="made-in-la-boate")
        partners = list(Organisation.objects.partners().order_by("name")[:2])
        return [
            services.animation_create(
                by=self.users["coach"],
                accompaniment=acc,
                title="Atelier n° %d" % (n + 1),
                starts_at=timezone.now() - datetime.timedelta(hours=3 + n),
                status=AnimationStatus.HELD,
                co_organisers=partners,
            )
            for n in range(count)
        ]

    def documentation_forms(self, animations):
        """One coach tab per animation, its form filled, ready to be sent."""
        coach = self.page_for("coach")
        tabs = [coach]
        for _ in animations[1:]:
            tabs.append(coach.context.new_page())
        for tab, animation in zip(tabs, animations, strict=True):
            tab.goto(
                self.live_server_url + "/espace/journal/animations/%d/documenter/" % animation.pk
            )
            tab.fill("#id_report_what_happened", "Des habitants ont réparé leurs ordinateurs.")
            tab.fill("#id_attendance_residents", "12")
        return tabs

    def test_a_burst_of_changes_keeps_focus_and_choice_and_is_announced_once(self):
        animations = self.held_animations(3)
        forms = self.documentation_forms(animations)

        region = self.page_for("region")
        region.goto(self.live_server_url + "/espace/tableau-de-bord/")
        cell = 'tr[data-indicator="animations"] td.num'
        before = int(region.locator(cell).first.inner_text())
        # « Afficher » : the person picks the late ERIC but has not pressed « Filtrer »
        select = region.locator("#eric-filter")
        select.focus()
        select.select_option(label="les ERIC en retard ou en danger")
        chosen = select.input_value()
        self.assertNotEqual(chosen, "")
        region.evaluate(RECORD_ANNOUNCEMENTS)
        region.wait_for_timeout(300)  # let the websocket open

        for tab in forms:  # three saves in a row, each one pushed to the dashboard
            tab.click("main form .form__actions button[type=submit]")
            self.assertIn(
                "La documentation de l'animation est enregistrée.", tab.inner_text("main")
            )
        region.wait_for_function(
            """n => {
                const cell = document.querySelector('tr[data-indicator="animations"] td.num');
                return cell !== null && parseInt(cell.innerText, 10) === n;
            }""",
            arg=before + len(forms),
            timeout=5000,
        )
        region.wait_for_timeout(500)  # any late push of the burst

        # focus stayed on the control, which kept the unsubmitted choice
        self.assertEqual(region.evaluate("document.activeElement.id"), "eric-filter")
        self.assertEqual(select.input_value(), chosen)
        # the figures changed three times; the region spoke once per burst of changes
        # (one, unless the machine was so slow that the saves came 2 s apart)
        changes = region.evaluate("window.changes")
        self.assertGreaterEqual(len(changes), len(forms))
        bursts = 1 + sum(
            1
            for earlier, later in zip(changes, changes[1:], strict=False)
            if later - earlier >= BURST_MS
        )
        self.assertLess(bursts, len(changes))
        said = [text for text in region.evaluate("window.announced") if text]
        self.assertEqual(said, [FIGURES_UPDATED] * bursts)
        self.assert_accessible(region)

    def test_a_control_replaced_by_a_new_rendering_gets_back_focus_and_value(self):
        """When the new fragment's structure differs (here a notice shifts the filter's
        form), the filter is a new element: focus and the choice move over to it. The
        page's own swap function is called with its own fragment, altered, since the
        server never renders this shift on demand."""
        region = self.page_for("region")
        region.goto(self.live_server_url + "/espace/tableau-de-bord/")
        select = region.locator("#eric-filter")
        select.focus()
        select.select_option(label="les ERIC en retard ou en danger")
        chosen = select.input_value()
        outcome = region.evaluate(
            """async () => {
                const box = document.getElementById('live-figures');
                const old = document.getElementById('eric-filter');
                const response = await fetch(
                    box.dataset.fragmentUrl, { headers: { 'X-Requested-With': 'fetch' } });
                const html = (await response.text()).replace(
                    '<form method="get"', '<p>Nouveau</p><form method="get"');
                const swapped = window.TrajectoiresLive.swap(box, html);
                const now = document.getElementById('eric-filter');
                return { swapped, replaced: now !== old, focused: document.activeElement.id };
            }"""
        )
        self.assertEqual(outcome, {"swapped": True, "replaced": True, "focused": "eric-filter"})
        self.assertEqual(select.input_value(), chosen)
        self.assertIn("Nouveau", region.inner_text("#live-figures"))
