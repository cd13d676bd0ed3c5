"""Each role in a real browser: French pages, accessibility, live updates."""

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser


class RoleJourneys(BrowserJourneys):
    def test_each_role_logs_in_and_sees_its_french_home(self):
        for username, greeting in [
            ("coach", "Bonjour Camille"),
            ("boate", "Bonjour Léa"),
            ("region", "Bonjour Claire"),
        ]:
            page = self.page_for(username, width=360)
            self.assertIn(greeting, page.inner_text("h1"))
            self.assertEqual(page.get_attribute("html", "lang"), "fr")
            # usable at 360 px: nothing wider than the screen
            width = page.evaluate("document.documentElement.scrollWidth")
            self.assertLessEqual(width, 360, username)
            self.assert_accessible(page)

    def test_public_pages_and_forms_are_accessible(self):
        page = self.page_for()
        for path in ("/", "/connexion/"):
            page.goto(self.live_server_url + path)
            self.assert_accessible(page)
        page = self.page_for("coach")
        acc = self.users["coach"].coached_accompaniments.get(eric__slug="made-in-la-boate")
        for path in (
            "/espace/accompagnements/%d/" % acc.pk,
            "/espace/accompagnements/%d/jalons/nouveau/" % acc.pk,
        ):
            page.goto(self.live_server_url + path)
            self.assert_accessible(page)

    def test_the_team_page_changes_live_when_the_coach_saves(self):
        from coaching.models import Accompaniment

        acc = Accompaniment.objects.get(eric__slug="made-in-la-boate")
        milestone = acc.milestones.get(title__startswith="Communauté")
        team = self.page_for("boate")
        team.goto(self.live_server_url + "/espace/accompagnements/%d/" % acc.pk)
        notice = team.locator("#live-notice")
        self.assertTrue(notice.is_hidden())
        team.wait_for_timeout(300)  # let the websocket open

        coach = self.page_for("coach")
        coach.goto(self.live_server_url + "/espace/jalons/%d/modifier/" % milestone.pk)
        coach.select_option("#id_status", "done")
        coach.fill("#id_evidence_note", "Enquête auprès de 40 usagers du coworking")
        coach.click("main button[type=submit]")
        self.assertIn("Le jalon est enregistré.", coach.inner_text("main"))

        # the trajectory refreshes in place: no reload, no notice to click
        team.locator("#live-figures", has_text="Enquête auprès de 40 usagers").wait_for(
            timeout=2000
        )
        self.assertTrue(notice.is_hidden())
        self.assertEqual(
            team.inner_text("#live-status"), "Les chiffres viennent d’être mis à jour."
        )

    def test_a_documented_animation_moves_the_open_dashboard_and_trajectory(self):
        """The issue's scenario: the coach documents a multi-partner animation; the
        Region's open dashboard and La Boate's open trajectory change within a second;
        La Boate never sees Coste's details."""
        import datetime
        import time

        from django.utils import timezone

        from coaching import services
        from coaching.enums import AnimationStatus
        from coaching.models import Accompaniment
        from organisations.models import Organisation

        acc = Accompaniment.objects.get(eric__slug="made-in-la-boate")
        held = services.animation_create(
            by=self.users["coach"],
            accompaniment=acc,
            title="Atelier de la semaine",
            starts_at=timezone.now() - datetime.timedelta(hours=3),
            status=AnimationStatus.HELD,
            co_organisers=list(Organisation.objects.partners().order_by("name")[:2]),
        )
        region = self.page_for("region")
        region.goto(self.live_server_url + "/espace/tableau-de-bord/")
        region_cell = region.locator('tr[data-indicator="animations"] td.num').first
        before_region = int(region_cell.inner_text())
        team = self.page_for("boate")
        team.goto(self.live_server_url + "/espace/accompagnements/%d/" % acc.pk)
        team_cell = team.locator('tr[data-indicator="animations"] td.num').first
        before_team = int(team_cell.inner_text())
        region.wait_for_timeout(300)  # let the websockets open

        coach = self.page_for("coach")
        coach.goto(self.live_server_url + "/espace/journal/animations/%d/documenter/" % held.pk)
        coach.fill("#id_report_what_happened", "Douze habitants ont réparé leurs ordinateurs.")
        coach.fill("#id_attendance_residents", "12")
        coach.click("main form .form__actions button[type=submit]")
        saved = time.monotonic()
        self.assertIn("La documentation de l'animation est enregistrée.", coach.inner_text("main"))
        for page, before in ((region, before_region), (team, before_team)):
            # the fragment is swapped in: look the cell up again each time
            page.wait_for_function(
                """n => {
                    const cell = document.querySelector('tr[data-indicator="animations"] td.num');
                    return cell !== null && parseInt(cell.innerText, 10) === n;
                }""",
                arg=before + 1,
                timeout=1000,
            )
        self.assertLess(time.monotonic() - saved, 1.5)  # both, within about a second
        self.assertNotIn("Centre Social Jean Paul Coste", team.inner_text("main"))

    def test_a_team_cannot_open_another_erics_trajectory(self):
        from coaching.models import Accompaniment

        coste = Accompaniment.objects.get(eric__slug="centre-social-jean-paul-coste")
        page = self.page_for("boate")
        response = page.goto(self.live_server_url + "/espace/accompagnements/%d/" % coste.pk)
        # as a missing page: another ERIC's ids tell nothing (docs/security.md)
        self.assertEqual(response.status, 404)
        self.assertNotIn("Centre Social Jean Paul Coste", page.content())

    def test_dashboards_are_accessible_and_draw_their_charts(self):
        page = self.page_for("region")
        page.goto(self.live_server_url + "/espace/tableau-de-bord/")
        self.assertIn("Tableau de bord", page.inner_text("h1"))
        self.assertGreater(page.locator("figure.chart img").count(), 0)
        # the SVG charts load as images under the page's CSP
        widths = page.eval_on_selector_all(
            "figure.chart img", "els => els.map(e => e.naturalWidth)"
        )
        self.assertTrue(all(width > 0 for width in widths))
        self.assert_accessible(page)
        page = self.page_for("coach")
        page.goto(self.live_server_url + "/espace/ma-semaine/")
        self.assertIn("Ma semaine", page.inner_text("h1"))
        self.assert_accessible(page)
