"""The demo shows the publish step's result: a journal photo on « Photos et vidéos »."""

import html

from cms.models import MediaItem, MediaLibraryPage
from coaching.models import AnimationMedia


def test_the_demo_publishes_one_journal_photo_with_its_credit_and_source(demo, client):
    media = AnimationMedia.objects.select_related("animation__accompaniment__eric").get()
    item = MediaItem.objects.get(animation_media=media)
    assert media.animation.status == "held" and media.licence == item.licence
    page = html.unescape(client.get(MediaLibraryPage.objects.get().url).content.decode())
    assert "La table de réparation du repair café" in page
    assert "© Léa Bernard" in page
    assert "Extrait de l'animation « Repair café de la Bo[a]te », Made in la Boate" in page
    assert "journal/" not in page  # the journal's own file is never shown

    from demo.loader import load_demo_data

    load_demo_data()  # loading again publishes nothing twice
    assert (AnimationMedia.objects.count(), MediaItem.objects.count()) == (1, 1)
