"""RGAA 1.1 and 4.1–4.5 in the journal: a photo is stored with its alternative text,
shown with it in the journal and carried to the public library; a video is published
only with checked WebVTT captions (a transcript is welcome, never enough) and with an
audio-described version or the declaration, by who publishes, that none is needed."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file

from cms.models import MediaItem, MediaLibraryPage
from cms.services import publish_journal_media
from coaching import services
from coaching.models import AnimationMedia
from tests.coaching.journal_helpers import animation

from .conftest import add_page
from .test_media_publication import MP4, publish_url

VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nBonjour et bienvenue au repair caf\xc3\xa9.\n"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def library(site):
    return add_page(site.home, MediaLibraryPage(title="Photos et vidéos", slug="photos-et-videos"))


@pytest.fixture
def held(world):
    return animation(world, title="Repair café d'octobre")


def png():
    return SimpleUploadedFile("atelier.png", get_test_image_file().file.getvalue(), "image/png")


def mp4():
    return SimpleUploadedFile("clip.mp4", MP4, "video/mp4")


def vtt(data=VTT, name="clip.vtt"):
    return SimpleUploadedFile(name, data, "text/vtt")


def text(response) -> str:
    return html.unescape(response.content.decode())


def add_url(animation):
    return reverse("coaching:animation_media_add", args=[animation.pk])


@pytest.mark.django_db
def test_a_photo_without_alternative_text_is_refused_and_nothing_is_stored(
    world,
    held,
    login,
    tmp_path,
):
    client = login(world.coach_a)
    response = client.post(add_url(held), {"upload": png(), "author": "Léa", "caption": "Atelier"})
    assert response.status_code == 200
    assert "le texte alternatif est obligatoire" in text(response)
    assert 'aria-invalid="true"' in text(response)
    assert not AnimationMedia.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_the_journal_shows_the_photo_with_its_alternative_text_and_publication_reuses_it(
    world,
    held,
    library,
    login,
):
    client = login(world.coach_a)
    alt = "Deux bénévoles soudent une carte électronique"
    response = client.post(
        add_url(held), {"upload": png(), "author": "Léa", "caption": "Atelier", "alt_text": alt}
    )
    assert response.status_code == 302
    media = AnimationMedia.objects.get()
    assert media.alt_text == alt
    detail = text(client.get(reverse("coaching:animation_detail", args=[held.pk])))
    assert 'alt="%s"' % alt in detail

    confirm = text(client.get(publish_url(media)))
    assert 'value="%s"' % alt in confirm  # the publication form starts from it
    client.post(publish_url(media), {"title": "L'atelier", "alt_text": alt})
    assert MediaItem.objects.get().alt_text == alt


@pytest.mark.django_db
def test_a_video_with_only_a_transcript_is_refused_without_captions(world, held, library, login):
    """RGAA 4.3: a transcript alone no longer publishes a video."""
    media = services.animation_media_add(
        by=world.coach_a,
        animation=held,
        upload=mp4(),
        author="Léa",
        transcript="Une bénévole présente le repair café.",
    )
    client = login(world.coach_a)
    response = client.post(
        publish_url(media),
        {
            "title": "Le repair café",
            "transcript": "Une bénévole présente le repair café.",
            "no_audio_description": "on",
        },
    )
    assert response.status_code == 200
    assert "Une vidéo ne paraît sur le site qu'avec ses sous-titres synchronisés" in text(response)
    assert not MediaItem.objects.exists()
    # nor through the service directly
    with pytest.raises(ValidationError) as error:
        publish_journal_media(
            by=world.coach_a,
            media=media,
            title="Le repair café",
            transcript="Une bénévole présente le repair café.",
            no_audio_description=True,
        )
    assert "captions" in error.value.message_dict
    assert not MediaItem.objects.exists()


@pytest.mark.django_db
def test_a_video_is_refused_without_a_decision_on_audio_description(world, held, library, login):
    """RGAA 4.5: neither an audio-described version nor the declaration: refused."""
    media = services.animation_media_add(
        by=world.coach_a, animation=held, upload=mp4(), author="Léa", captions=vtt()
    )
    client = login(world.coach_a)
    response = client.post(publish_url(media), {"title": "Le repair café"})
    assert response.status_code == 200
    assert "Ajoutez la version audiodécrite de la vidéo, ou déclarez" in text(response)
    assert not MediaItem.objects.exists()
    with pytest.raises(ValidationError) as error:
        publish_journal_media(by=world.coach_a, media=media, title="Le repair café")
    assert "no_audio_description" in error.value.message_dict
    assert not MediaItem.objects.exists()


@pytest.mark.django_db
def test_a_video_with_captions_and_the_declaration_is_published_with_who_declared_and_when(
    world, held, library, login, client
):
    media = services.animation_media_add(
        by=world.coach_a, animation=held, upload=mp4(), author="Léa", captions=vtt()
    )
    assert media.captions.name.endswith(".vtt")
    before = timezone.now()
    response = login(world.coach_a).post(
        publish_url(media), {"title": "Le repair café", "no_audio_description": "on"}
    )
    assert response.status_code == 302
    item = MediaItem.objects.get()
    assert item.captions_file is not None
    with item.captions_file.file.open("rb") as handle:
        assert handle.read() == VTT
    assert item.audio_description_not_needed
    assert item.audio_description_not_needed_by == world.coach_a
    assert before <= item.audio_description_not_needed_at <= timezone.now()
    assert item.audio_description_file is None
    client.logout()
    page = text(client.get("/photos-et-videos/"))
    assert '<track kind="captions" src="%s"' % item.captions_file.file.url in page
    assert "Version audiodécrite" not in page


@pytest.mark.django_db
def test_captions_uploaded_at_publication_and_an_audio_described_version_are_published(
    world, held, library, login, client
):
    """A video of the journal without captions gets them at publication; its
    audio-described version is checked like any upload and offered beside it."""
    media = services.animation_media_add(
        by=world.coach_a,
        animation=held,
        upload=mp4(),
        author="Léa",
        transcript="Une bénévole présente le repair café.",
    )
    team = login(world.coach_a)
    refused = team.post(
        publish_url(media),
        {
            "title": "Le repair café",
            "captions": vtt(),
            "audio_described": SimpleUploadedFile("ad.mp4", b"not a video", "video/mp4"),
        },
    )
    assert refused.status_code == 200
    assert "ne contient pas une vidéo MP4 lisible" in text(refused)
    assert not MediaItem.objects.exists()

    response = team.post(
        publish_url(media),
        {
            "title": "Le repair café",
            "transcript": "Une bénévole présente le repair café.",
            "captions": vtt(),
            "audio_described": SimpleUploadedFile("ad.mp4", MP4, "video/mp4"),
        },
    )
    assert response.status_code == 302
    item = MediaItem.objects.get()
    assert item.captions_file is not None and item.audio_description_file is not None
    assert not item.audio_description_not_needed and item.audio_description_not_needed_by is None
    with item.audio_description_file.file.open("rb") as handle:
        assert handle.read() == MP4
    client.logout()
    page = text(client.get("/photos-et-videos/"))
    assert (
        '<a href="%s">Version audiodécrite de la vidéo « Le repair café »</a>'
        % item.audio_description_file.file.url
    ) in page
    assert "Une bénévole présente le repair café." in page  # the transcript stays shown


@pytest.mark.django_db
def test_a_video_item_without_captions_or_decision_is_not_shown(world, held, library, client):
    """An item saved before these rules stays off the public page until completed."""
    media = services.animation_media_add(
        by=world.coach_a, animation=held, upload=mp4(), author="Léa", captions=vtt()
    )
    item, _created = publish_journal_media(
        by=world.coach_a, media=media, title="Le repair café", no_audio_description=True
    )
    assert "Le repair café" in text(client.get("/photos-et-videos/"))
    MediaItem.objects.filter(pk=item.pk).update(audio_description_not_needed=False)
    assert "Le repair café" not in text(client.get("/photos-et-videos/"))
    MediaItem.objects.filter(pk=item.pk).update(
        audio_description_not_needed=True, captions_file=None
    )
    assert "Le repair café" not in text(client.get("/photos-et-videos/"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"00:00:01.000 --> 00:00:02.000\nBonjour\n", "première ligne doit être « WEBVTT »"),
        (b"WEBVTT\n\nBonjour sans minutage\n", "aucun sous-titre"),
        (b"WEBVTT\n\n00:00:04.000 --> 00:00:01.000\nBonjour\n", "Ligne 3 : le minutage"),
        (b"WEBVTT\n\n00:01 --> 00:02\nBonjour\n", "Ligne 3 : le minutage"),
        (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCaf\xe9\n", "encodé en UTF-8"),
    ],
)
@pytest.mark.django_db
def test_a_bad_captions_file_gets_a_french_message_and_nothing_is_stored(
    world,
    held,
    login,
    tmp_path,
    data,
    message,
):
    client = login(world.coach_a)
    response = client.post(
        add_url(held),
        {"upload": mp4(), "author": "Léa", "captions": vtt(data)},
    )
    assert response.status_code == 200
    assert message in text(response)
    assert not AnimationMedia.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_captions_are_accepted_with_hours_a_bom_and_cue_settings(world, held, login):
    data = (
        b"\xef\xbb\xbfWEBVTT - Repair caf\xc3\xa9\r\n\r\n1\r\n"
        b"01:00:01.000 --> 01:00:04.500 align:start\r\nBonjour\r\n"
    )
    response = login(world.coach_a).post(
        add_url(held), {"upload": mp4(), "author": "Léa", "captions": vtt(data)}
    )
    assert response.status_code == 302
    assert AnimationMedia.objects.get().captions


@pytest.mark.django_db
def test_the_snippet_editor_records_who_declared_no_audio_description_and_when(world, held):
    """In Wagtail's snippets, ticking the declaration stores who and when; unticking it
    clears them."""
    from django.test import RequestFactory
    from wagtail import hooks

    from cms.wagtail_hooks import record_audio_description_declaration

    assert record_audio_description_declaration in hooks.get_hooks("after_edit_snippet")
    assert record_audio_description_declaration in hooks.get_hooks("after_create_snippet")
    media = services.animation_media_add(
        by=world.coach_a, animation=held, upload=mp4(), author="Léa", captions=vtt()
    )
    item, _created = publish_journal_media(
        by=world.coach_a, media=media, title="Le repair café", no_audio_description=True
    )
    item.audio_description_not_needed = False
    item.save()
    request = RequestFactory().post("/admin/")
    request.user = world.team_a
    record_audio_description_declaration(request, item)
    item.refresh_from_db()
    assert item.audio_description_not_needed_by is None
    assert item.audio_description_not_needed_at is None
    item.audio_description_not_needed = True
    item.save()
    record_audio_description_declaration(request, item)
    item.refresh_from_db()
    assert item.audio_description_not_needed_by == world.team_a
    assert item.audio_description_not_needed_at is not None
