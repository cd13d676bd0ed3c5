"""RGAA 1.1, 1.3, 1.9 in a real browser: each chart has a short text alternative written
from its data, inside a figure named by its caption; a journal photo is shown with the
alternative text its author wrote, in the journal and on the public library."""

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser

IMAGES = """sel => [...document.querySelectorAll(sel)].map(img => ({
    alt: img.getAttribute('alt'),
    figure: img.closest('figure') && img.closest('figure').getAttribute('aria-labelledby'),
}))"""


class AlternativeJourneys(BrowserJourneys):
    def test_each_chart_says_what_it_shows_and_its_trend(self):
        from coaching.models import Accompaniment

        region = self.page_for("region")
        region.goto(self.live_server_url + "/espace/tableau-de-bord/")
        charts = region.evaluate(IMAGES, "main figure.chart img")
        self.assertTrue(charts)
        titles = region.eval_on_selector_all(
            "main figure.chart figcaption", "els => els.map(e => e.textContent.split(' : ')[0])"
        )
        for chart, title in zip(charts, titles, strict=True):
            # « Animations : 12 sur 30, en hausse depuis le mois dernier (…), … »
            self.assertTrue(chart["alt"].startswith(title.strip() + " : "), chart)
            self.assertIn(" sur ", chart["alt"])
            self.assertIn("rythme attendu", chart["alt"])
            self.assertTrue(chart["figure"], chart)
        self.assert_accessible(region)

        acc = Accompaniment.objects.get(eric__slug="made-in-la-boate")
        coach = self.page_for("coach")
        coach.goto(self.live_server_url + "/espace/accompagnements/%d/" % acc.pk)
        radar = coach.evaluate(IMAGES, "main .maturity-chart img")
        self.assertEqual(len(radar), 1)
        self.assertTrue(radar[0]["alt"].startswith("Grille de maturité, "), radar)
        self.assertIn("niveau moyen", radar[0]["alt"])
        self.assert_accessible(coach)

    def test_a_photo_is_shown_with_the_alternative_text_its_author_wrote(self):
        from coaching.models import AnimationMedia
        from demo.public_site import PHOTO

        media = AnimationMedia.objects.get(animation__title=PHOTO["animation"])
        self.assertEqual(media.alt_text, PHOTO["alt_text"])
        team = self.page_for("boate")
        team.goto(self.live_server_url + "/espace/journal/animations/%d/" % media.animation_id)
        self.assertEqual(team.get_attribute("main .media-item img", "alt"), PHOTO["alt_text"])
        self.assert_accessible(team)

        visitor = self.page_for()
        visitor.goto(self.live_server_url + "/photos-et-videos/")
        self.assertEqual(visitor.get_attribute("main .media-item img", "alt"), PHOTO["alt_text"])
        self.assert_accessible(visitor)

    def test_the_upload_form_asks_for_the_alternative_text_and_explains_it(self):
        from coaching.models import Animation

        animation = Animation.objects.filter(accompaniment__eric__slug="made-in-la-boate").first()
        page = self.page_for("boate", width=360)
        page.goto(
            self.live_server_url + "/espace/journal/animations/%d/medias/ajouter/" % animation.pk
        )
        label = page.inner_text("label[for=id_alt_text]")
        self.assertIn("Texte alternatif (obligatoire pour une photo)", label)
        self.assertEqual(page.get_attribute("#id_captions", "accept"), ".vtt,text/vtt")
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 360)
        self.assert_accessible(page)
