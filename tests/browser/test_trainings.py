"""The trainer marks attendance on a phone; the trainings' pages pass axe-core."""

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser


class TrainingJourneys(BrowserJourneys):
    def _first_training(self):
        from trainings.models import Training

        return Training.objects.order_by("pk").first()

    def test_the_trainer_marks_attendance_on_a_phone(self):
        from trainings.enums import AttendanceStatus
        from trainings.models import Attendance

        training = self._first_training()
        session = training.sessions.order_by("starts_at").first()
        page = self.page_for("openscop", width=360)
        page.goto(
            self.live_server_url + "/espace/formations/demi-journees/%d/emargement/" % session.pk
        )
        self.assertIn("Émargement", page.inner_text("h1"))
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 360)
        self.assert_accessible(page)
        # Nicolas Perret (the trainer) registered late: mark him present with one tap.
        fieldset = page.locator("fieldset", has_text="Nicolas Perret")
        fieldset.get_by_text("présent·e").click()
        page.get_by_role("button", name="Enregistrer l'émargement").click()
        self.assertIn("Émargement enregistré (1 changement).", page.inner_text(".messages"))
        self.assertEqual(
            Attendance.objects.get(
                session=session, registration__full_name="Nicolas Perret"
            ).status,
            AttendanceStatus.PRESENT,
        )

    def test_training_pages_are_accessible(self):
        training = self._first_training()
        for username, paths in (
            ("openscop", ["/espace/formations/", "/espace/formations/%d/" % training.pk]),
            ("boate", ["/espace/formations/%d/" % training.pk]),
        ):
            page = self.page_for(username, width=360)
            for path in paths:
                page.goto(self.live_server_url + path)
                self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 360)
                self.assert_accessible(page)
