"""The newsletter in the browser: boate and skema write their sections, the editor sees
who is late, publishes; the archive shows the issue; the figure moves on the dashboard;
a subscriber unsubscribes in one click."""

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser


class NewsletterJourneys(BrowserJourneys):
    def _issue(self):
        from newsletter.models import NewsletterIssue

        return NewsletterIssue.objects.get(number=1)

    def _write(self, username, text):
        from newsletter.models import Section

        section = Section.objects.get(
            issue=self._issue(), organisation__memberships__user__username=username
        )
        page = self.page_for(username, width=360)
        page.goto(self.live_server_url + "/espace/lettre/")
        page.get_by_role("link", name=section.title, exact=False).first.click()
        page.fill("#id_body", text)
        page.check("#id_submit")
        page.click("main form button[type=submit]")
        self.assertIn("Votre rubrique est enregistrée.", page.inner_text(".messages"))
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 360)
        self.assert_accessible(page)
        return section

    def test_contributors_write_the_editor_publishes_the_archive_shows_it(self):
        from newsletter.models import Subscriber
        from newsletter.services.subscribers import unsubscribe_token

        self._write("boate", "Notre atelier de réparation ouvre le samedi.")
        self._write("skema", "Trois étudiants ont suivi les ERIC pendant un mois.")

        editor = self.page_for("editor")
        editor.goto(self.live_server_url + "/espace/lettre/%d/" % self._issue().pk)
        plan = editor.inner_text("table")
        self.assertEqual(plan.count("remise"), 2)
        self.assertIn("en retard", plan)  # the resource person's section
        self.assert_accessible(editor)
        editor.check("#id_when_0")
        editor.get_by_role("button", name="Valider").click()
        self.assertIn("la lettre est publiée", editor.inner_text(".messages"))

        visitor = self.page_for(None, width=360)
        visitor.goto(self.live_server_url + "/lettre/inscription/")
        self.assert_accessible(visitor)
        visitor.goto(self.live_server_url + "/lettre/")
        self.assert_accessible(visitor)
        visitor.get_by_role("link", name="Les ERIC en chemin", exact=False).click()
        self.assertIn("Notre atelier de réparation", visitor.inner_text("main"))
        self.assert_accessible(visitor)

        region = self.page_for("region")
        region.goto(self.live_server_url + "/espace/tableau-de-bord/")
        row = region.locator('tr[data-indicator="newsletters"]').first
        self.assertNotIn("pas encore suivi", row.inner_text())
        self.assertEqual(row.locator("td.num").first.inner_text().strip(), "1")

        subscriber = Subscriber.objects.order_by("pk").first()
        visitor.goto(
            self.live_server_url + "/lettre/desinscription/%s/" % unsubscribe_token(subscriber)
        )
        self.assert_accessible(visitor)
        visitor.get_by_role("button", name="Me désabonner").click()
        self.assertIn("Désabonnement enregistré", visitor.inner_text("h1"))
        self.assert_accessible(visitor)
        subscriber.refresh_from_db()
        self.assertEqual(subscriber.status, "unsubscribed")
