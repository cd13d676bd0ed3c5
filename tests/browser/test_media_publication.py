"""An ERIC's team publishes a journal photo and video on a phone (the video with its
captions and the declaration that it needs no audio description); the public « Photos et
vidéos » page shows them; both pages pass axe-core."""

import pytest

from tests.browser.base import BrowserJourneys
from tests.coaching.journal_helpers import mp4_bytes

pytestmark = pytest.mark.browser

MP4 = mp4_bytes(b"mp42")
VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nBonjour\n"


class MediaPublicationJourneys(BrowserJourneys):
    def test_the_team_publishes_a_photo_and_a_video_seen_on_the_public_page(self):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from wagtail.images.tests.utils import get_test_image_file

        from cms.models import MediaItem
        from coaching import services
        from coaching.enums import AnimationStatus
        from coaching.models import Animation

        animation = Animation.objects.filter(
            status=AnimationStatus.HELD, accompaniment__eric__slug="made-in-la-boate"
        ).first()
        photo = services.animation_media_add(
            by=self.users["boate"],
            animation=animation,
            upload=SimpleUploadedFile("atelier.png", get_test_image_file().file.getvalue()),
            author="Léa Bernard",
            caption="Atelier soudure",
            alt_text="Deux bénévoles soudent une carte électronique",
        )
        video = services.animation_media_add(
            by=self.users["boate"],
            animation=animation,
            upload=SimpleUploadedFile("clip.mp4", MP4),
            author="Léa Bernard",
            caption="Le repair café en une minute",
        )

        page = self.page_for("boate", width=360)
        page.goto(self.live_server_url + "/espace/journal/animations/%d/" % animation.pk)
        page.get_by_role("link", name="Publier sur le site : Atelier soudure").click()
        self.assertIn("Publier sur le site", page.inner_text("h1"))
        self.assertIn("© Léa Bernard", page.inner_text("main"))
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 360)
        self.assert_accessible(page)
        page.fill("#id_alt_text", "Deux bénévoles soudent une carte électronique.")
        page.get_by_role("button", name="Publier sur le site").click()
        self.assertIn("est publiée", page.inner_text(".messages"))

        page.goto(self.live_server_url + "/espace/publication/animations/medias/%d/" % video.pk)
        page.fill("#id_transcript", "Une bénévole présente le repair café.")
        # a transcript alone is refused: captions, and a word on audio description
        page.get_by_role("button", name="Publier sur le site").click()
        self.assertIn("sous-titres synchronisés", page.inner_text("main"))
        self.assertIn("Ajoutez la version audiodécrite", page.inner_text("main"))
        self.assertFalse(MediaItem.objects.filter(animation_media=video).exists())
        self.assert_accessible(page)
        page.set_input_files(
            "#id_captions",
            files=[{"name": "clip.vtt", "mimeType": "text/vtt", "buffer": VTT}],
        )
        page.get_by_label(
            "La bande son décrit tout ce qui est montré : pas d'audiodescription nécessaire"
        ).check()
        page.get_by_role("button", name="Publier sur le site").click()
        self.assertEqual(MediaItem.objects.filter(animation_media__in=[photo, video]).count(), 2)
        published = MediaItem.objects.get(animation_media=video)
        self.assertEqual(published.audio_description_not_needed_by, self.users["boate"])

        visitor = self.page_for(width=360)
        visitor.goto(self.live_server_url + "/photos-et-videos/")
        main = visitor.inner_text("main")
        self.assertIn("Atelier soudure", main)
        self.assertIn("Extrait de l'animation « %s »" % animation.title, main)
        self.assertEqual(visitor.locator("video[controls]").count(), 1)
        self.assertLessEqual(visitor.evaluate("document.documentElement.scrollWidth"), 360)
        self.assert_accessible(visitor)
