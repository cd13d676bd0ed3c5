"""Publishing the journal's photos and videos on the public « Photos et vidéos » page:
who may, what the public sees, refusals, withdrawal, private files, queries."""

import html
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.models import Consent, MediaItem, MediaLibraryPage
from cms.services import publication_refusals, publish_journal_media
from coaching import services
from coaching.enums import AnimationStatus
from coaching.models import AnimationMedia
from core.licences import Licence
from tests.coaching.journal_helpers import animation, future, mp4_bytes, past

from .conftest import add_page

MP4 = mp4_bytes(b"mp42")


def png_upload(name="atelier.png"):
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), "image/png")


def add_media(world, record, *, by=None, upload=None, **fields):
    fields.setdefault("author", "Léa Bernard")
    fields.setdefault("caption", "Atelier soudure")
    if upload is None:
        fields.setdefault("alt_text", "Deux personnes soudent une carte électronique")
    return services.animation_media_add(
        by=by or world.coach_a, animation=record, upload=upload or png_upload(), **fields
    )


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def publish_url(media):
    return reverse("cms:animation_media_publish", args=[media.pk])


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def library(site):
    return add_page(site.home, MediaLibraryPage(title="Photos et vidéos", slug="photos-et-videos"))


@pytest.fixture
def held(world):
    return animation(world, title="Repair café d'octobre")


@pytest.mark.django_db
def test_the_eric_team_publishes_a_photo_and_the_public_sees_credit_licence_and_animation(
    world, library, held, login, client, tmp_path
):
    media = add_media(world, held, people_visible=True, consent=True)
    team = login(world.team_a)

    confirm = page_text(team.get(publish_url(media)))
    assert "Voici exactement ce que le public verra" in confirm
    assert "© Léa Bernard" in confirm
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr" rel="license"' in confirm
    assert "Extrait de l'animation « Repair café d'octobre », ERIC A" in confirm
    assert reverse("cms:animation_media_preview", args=[media.pk]) in confirm
    assert "Publier sur le site</button>" in confirm

    response = team.post(
        publish_url(media),
        {"title": "Soudure au repair café", "alt_text": "Deux bénévoles soudent une carte."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("coaching:animation_detail", args=[held.pk])
    item = MediaItem.objects.get()
    assert (item.animation_media, item.published_by, item.eric) == (
        media,
        world.team_a,
        world.eric_a,
    )
    assert item.consent == Consent.GIVEN and item.published_at is not None
    assert item.image.file.name.startswith("original_images/")
    assert os.path.basename(media.file.name) not in item.image.file.name  # nothing to guess

    client.logout()
    public = page_text(client.get(library.url))
    assert "Soudure au repair café" in public
    assert 'alt="Deux bénévoles soudent une carte."' in public
    assert "© Léa Bernard" in public
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr" rel="license"' in public
    assert "Extrait de l'animation « Repair café d'octobre », ERIC A" in public
    # the public page serves the public copy, never the journal's private file
    assert "journal/" not in public
    assert reverse("coaching:animation_media_file", args=[media.pk]) not in public
    assert "Retirer du site" not in public

    journal = page_text(
        login(world.team_a).get(reverse("coaching:animation_detail", args=[held.pk]))
    )
    assert "Publiée sur le site" in journal
    assert reverse("cms:media_item_unpublish", args=[item.pk]) in journal


@pytest.mark.django_db
def test_a_published_video_plays_in_the_page_with_its_transcript(
    world, library, held, login, client
):
    video = add_media(
        world, held, upload=SimpleUploadedFile("clip.mp4", MP4, "video/mp4"), caption=""
    )
    response = login(world.coach_a).post(
        publish_url(video),
        {
            "title": "Le repair café en une minute",
            "transcript": "Une bénévole explique.",
            "captions": SimpleUploadedFile(
                "clip.vtt", b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n", "text/vtt"
            ),
            "no_audio_description": "on",
        },
    )
    assert response.status_code == 302
    item = MediaItem.objects.get()
    assert item.video_file.file.name.startswith("documents/")

    client.logout()
    public = page_text(client.get(library.url))
    assert (
        '<video controls preload="metadata" src="%s" aria-label="Le repair café en une minute"'
        % item.video_file.file.url
    ) in public
    assert "Une bénévole explique." in public
    assert "journal/" not in public


@pytest.mark.django_db
def test_publishing_twice_makes_one_public_item(world, library, held, login):
    media = add_media(world, held)
    first, created = publish_journal_media(by=world.coach_a, media=media, title="Un", alt_text="A")
    again, created_again = publish_journal_media(
        by=world.team_a, media=media, title="Deux", alt_text="B"
    )
    assert (created, created_again) == (True, False)
    assert again == first and MediaItem.objects.count() == 1
    assert get_image_model().objects.count() == 1

    response = login(world.team_a).post(publish_url(media), {"title": "Trois", "alt_text": "C"})
    assert response.status_code == 302
    assert list(MediaItem.objects.values_list("title", flat=True)) == ["Un"]
    confirm = page_text(login(world.team_a).get(publish_url(media)))
    assert "Publiée sur le site le" in confirm and "Publier sur le site</button>" not in confirm


@pytest.mark.django_db
def test_a_photo_of_an_animation_not_held_is_refused_in_french(world, library, login):
    planned = animation(world, status=AnimationStatus.PLANNED, starts_at=future())
    media = add_media(world, planned)
    team = login(world.team_a)
    page = page_text(team.get(publish_url(media)))
    assert "L'animation n'est pas tenue" in page
    assert "Publier sur le site</button>" not in page
    response = team.post(publish_url(media), {"title": "Titre", "alt_text": "Texte"})
    assert response.status_code == 200
    assert "L'animation n'est pas tenue" in page_text(response)
    assert not MediaItem.objects.exists()


@pytest.mark.django_db
def test_refusals_name_missing_consent_and_a_licence_not_free(world, held):
    media = add_media(world, held, licence=Licence.CC0)
    assert publication_refusals(media) == []  # CC0 may be published
    media.people_visible, media.consent = True, False  # the database refuses this state too
    media.licence = Licence.ALL_RIGHTS_RESERVED
    reasons = publication_refusals(media)
    assert any("leur accord n'est pas enregistré" in reason for reason in reasons)
    assert any("« tous droits réservés » ne permet pas" in reason for reason in reasons)


@pytest.mark.django_db
def test_a_photo_needs_its_alternative_text(world, library, held, login):
    media = add_media(world, held, caption="")
    response = login(world.team_a).post(publish_url(media), {"title": "Atelier", "alt_text": ""})
    assert response.status_code == 200
    assert "le texte alternatif est obligatoire" in page_text(response)
    assert not MediaItem.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("team_a", 200),
        ("coach_a", 200),
        ("admin", 200),
        ("editor", 200),
        # those who may not see the animation: 404, as for a missing file
        ("team_b", 404),
        ("coach_b", 404),
        ("region", 403),
        ("partner", 404),
        ("outsider", 404),
    ],
)
def test_who_may_see_the_publish_step_and_publish(world, site, library, held, login, who, status):
    media = add_media(world, held)
    user = site.editor if who == "editor" else getattr(world, who)
    client = login(user)
    assert client.get(publish_url(media)).status_code == status
    preview = client.get(reverse("cms:animation_media_preview", args=[media.pk]))
    assert preview.status_code == status
    response = client.post(publish_url(media), {"title": "Atelier", "alt_text": "Un atelier."})
    assert response.status_code == (302 if status == 200 else status)
    assert MediaItem.objects.exists() is (status == 200)


@pytest.mark.django_db
def test_journal_files_are_not_served_to_anonymous_visitors(world, library, held, client):
    media = add_media(world, held)
    for name in ("coaching:animation_media_file", "cms:animation_media_preview"):
        response = client.get(reverse(name, args=[media.pk]))
        assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    assert client.get(publish_url(media)).status_code == 302
    assert client.post(publish_url(media), {"title": "T", "alt_text": "A"}).status_code == 302
    assert not MediaItem.objects.exists()


@pytest.mark.django_db
def test_an_editor_withdraws_an_item_from_the_public_page_at_once(
    world, site, library, held, login, client, django_capture_on_commit_callbacks
):
    media = add_media(world, held)
    item, _ = publish_journal_media(
        by=world.team_a, media=media, title="Soudure", alt_text="Une soudure."
    )
    image_path = item.image.file.path
    unpublish_url = reverse("cms:media_item_unpublish", args=[item.pk])

    for who in ("team_b", "coach_b", "region", "partner"):
        assert login(getattr(world, who)).post(unpublish_url).status_code == 403
    assert MediaItem.objects.exists()

    editor = login(site.editor)
    public = page_text(editor.get(library.url))
    assert unpublish_url in public and "Retirer du site" in public
    assert "« Soudure » ne paraîtra plus" in page_text(editor.get(unpublish_url))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(unpublish_url)
    assert response.status_code == 302 and response["Location"] == library.url
    assert not MediaItem.objects.exists()
    assert not get_image_model().objects.exists()
    assert not os.path.exists(image_path)
    assert AnimationMedia.objects.filter(pk=media.pk).exists()  # the journal keeps it

    client.logout()
    assert "Soudure" not in page_text(client.get(library.url))
    journal = page_text(
        login(world.team_a).get(reverse("coaching:animation_detail", args=[held.pk]))
    )
    assert "Publiée sur le site" not in journal
    assert publish_url(media) in journal


@pytest.mark.django_db
def test_the_eric_team_withdraws_its_own_publication_back_to_the_journal(
    world, library, held, login
):
    media = add_media(world, held)
    item, _ = publish_journal_media(by=world.coach_a, media=media, title="T", alt_text="A")
    journal_url = reverse("coaching:animation_detail", args=[held.pk])
    response = login(world.team_a).post(
        reverse("cms:media_item_unpublish", args=[item.pk]), {"next": journal_url}
    )
    assert response.status_code == 302 and response["Location"] == journal_url
    assert not MediaItem.objects.exists()
    item, _ = publish_journal_media(by=world.coach_a, media=media, title="T", alt_text="A")
    response = login(world.team_a).post(
        reverse("cms:media_item_unpublish", args=[item.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == library.url


@pytest.mark.django_db
def test_the_public_page_runs_the_same_queries_for_2_and_20_published_items(
    world, library, held, client, snapshot_queries
):
    def publish(n):
        media = add_media(world, held, caption="Photo %d" % n)
        publish_journal_media(by=world.coach_a, media=media, title="Photo %d" % n, alt_text="A")

    publish(0)
    publish(1)
    client.get(library.url)  # renditions are made once, then reused
    with snapshot_queries(name="page") as queries:
        assert client.get(library.url).status_code == 200
    assert len(queries) == 11
    for n in range(2, 20):
        publish(n)
    client.get(library.url)
    with snapshot_queries(name="page"):
        response = client.get(library.url)
    assert page_text(response).count("Extrait de l'animation") == 20


@pytest.mark.django_db
def test_editors_list_the_journal_items_left_to_publish(
    world, site, library, held, login, snapshot_queries
):
    waiting = add_media(world, held, caption="Soudure en cours")
    published = add_media(world, held, caption="Déjà sur le site")
    publish_journal_media(by=world.coach_a, media=published, title="T", alt_text="A")
    planned = animation(world, status=AnimationStatus.PLANNED, starts_at=future())
    add_media(world, planned, caption="Pas encore tenue")
    event_media = add_event_media(world, make_event(world))
    url = reverse("cms:journal_media_list")

    for who in ("team_a", "coach_a", "region", "partner"):
        assert login(getattr(world, who)).get(url).status_code == 403
    editor = login(site.editor)
    assert reverse("cms:journal_media_list") in page_text(editor.get(library.url))
    with snapshot_queries(name="list"):
        page = page_text(editor.get(url))
    assert publish_url(waiting) in page and "Soudure en cours" in page
    assert "Déjà sur le site" not in page and "Pas encore tenue" not in page
    assert reverse("cms:event_media_publish", args=[event_media.pk]) in page
    for n in range(10):
        add_media(world, held, caption="Photo %d" % n)
    with snapshot_queries(name="list"):
        page = page_text(editor.get(url))
    assert page.count('href="/espace/publication/animations/medias/') == 11
    assert page.count('href="/espace/publication/evenements/medias/') == 1


def make_event(world, *, name="Fête du Miel", starts_on=None):
    return services.federating_event_create(
        by=world.coach_a,
        programme=world.programme,
        name=name,
        starts_on=starts_on or past().date(),
        participations={world.accompaniment_a: "stand"},
    )


def add_event_media(world, event, **fields):
    fields.setdefault("author", "Paul Durand")
    return services.federating_event_media_add(
        by=world.team_a,
        event=event,
        upload=png_upload(),
        caption="Le stand",
        alt_text="Le stand du programme",
        **fields,
    )


@pytest.mark.django_db
def test_a_participating_team_publishes_a_federating_event_photo(world, library, login, client):
    event = make_event(world)
    media = add_event_media(world, event)
    url = reverse("cms:event_media_publish", args=[media.pk])
    team = login(world.team_a)
    confirm = page_text(team.get(url))
    assert "Extrait de l'événement fédérateur « Fête du Miel »" in confirm
    assert reverse("cms:event_media_preview", args=[media.pk]) in confirm
    response = team.post(url, {"title": "Le stand de l'ERIC A", "alt_text": "Un stand."})
    assert response["Location"] == reverse("coaching:federating_event_detail", args=[event.pk])
    item = MediaItem.objects.get()
    assert (item.event_media, item.animation_media, item.eric) == (media, None, None)

    client.logout()
    public = page_text(client.get(library.url))
    assert "Le stand de l'ERIC A" in public and "© Paul Durand" in public
    assert "Extrait de l'événement fédérateur « Fête du Miel »" in public
    journal = page_text(
        login(world.team_a).get(reverse("coaching:federating_event_detail", args=[event.pk]))
    )
    assert "Publiée sur le site" in journal


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [("team_a", 200), ("coach_b", 200), ("team_b", 404), ("region", 403), ("partner", 404)],
)
def test_who_may_publish_a_federating_event_photo(world, library, login, who, status):
    media = add_event_media(world, make_event(world))
    client = login(getattr(world, who))
    url = reverse("cms:event_media_publish", args=[media.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"title": "T", "alt_text": "A"}).status_code == (
        302 if status == 200 else status
    )


@pytest.mark.django_db
def test_a_federating_event_not_yet_started_is_refused(world, library, login):
    media = add_event_media(world, make_event(world, starts_on=future().date()))
    url = reverse("cms:event_media_publish", args=[media.pk])
    response = login(world.team_a).post(url, {"title": "T", "alt_text": "A"})
    assert "L'événement n'a pas encore eu lieu" in page_text(response)
    assert not MediaItem.objects.exists()
