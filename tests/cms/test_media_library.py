"""The photo and video library: credits, licences, consent, galleries, bad uploads."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.models import Consent, MediaItem, MediaLibraryPage
from core.uploads import MediaKind

from .conftest import add_page


def make_photo(*, title="Repair café", consent=Consent.GIVEN, eric=None, **fields):
    image = get_image_model().objects.create(title=title, file=get_test_image_file())
    values = {
        "kind": MediaKind.PHOTO,
        "title": title,
        "image": image,
        "alt_text": "Des bénévoles réparent un ordinateur portable.",
        "author": "Léa Bernard",
        "date": datetime.date(2026, 10, 10),
        "credit": "Photo : Léa Bernard, CC BY-SA",
        "consent": consent,
        "eric": eric,
    }
    values.update(fields)
    return MediaItem.objects.create(**values)


def png_upload(name):
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), "image/png")


@pytest.fixture
def library(site):
    return add_page(site.home, MediaLibraryPage(title="Photos et vidéos", slug="photos-et-videos"))


@pytest.mark.django_db
def test_a_photo_needs_its_alt_text_and_a_video_its_source(site):
    photo = MediaItem(
        kind=MediaKind.PHOTO,
        title="Sans description",
        author="Léa",
        date=datetime.date(2026, 10, 1),
        credit="Photo : Léa",
        consent=Consent.NOBODY,
    )
    with pytest.raises(ValidationError) as error:
        photo.full_clean()
    assert "Le texte alternatif est obligatoire" in str(error.value).replace("le texte", "Le texte")
    assert set(error.value.message_dict) >= {"image", "alt_text"}
    video = MediaItem(
        kind=MediaKind.VIDEO,
        title="Open plateau",
        author="O2Zone",
        date=datetime.date(2027, 4, 25),
        credit="Vidéo : O2Zone",
        consent=Consent.GIVEN,
    )
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "video_file" in error.value.message_dict
    assert MediaItem._meta.get_field("licence").default == "cc-by-sa-4.0"


@pytest.mark.django_db
def test_the_library_shows_consented_items_with_credit_and_licence(library, site, client):
    make_photo(title="Repair café d'octobre", eric=site.world.eric_a)
    make_photo(title="Portraits sans accord", consent=Consent.PENDING)
    MediaItem.objects.create(
        kind=MediaKind.VIDEO,
        title="Open plateau",
        video_url="https://video.example.org/w/open-plateau",
        transcript="Des habitants interviewés sur le plateau.",
        author="O2Zone",
        date=datetime.date(2026, 11, 1),
        credit="Vidéo : O2Zone",
        consent=Consent.GIVEN,
    )
    response = client.get(library.url)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Repair café d'octobre" in page and "Open plateau" in page
    assert "Portraits sans accord" not in page
    assert 'alt="Des bénévoles réparent un ordinateur portable."' in page
    assert "Photo : Léa Bernard, CC BY-SA" in page
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr" rel="license"' in page
    assert "<iframe" not in page  # nothing embedded from elsewhere

    gallery = html.unescape(
        client.get(library.url, {"eric": site.world.eric_a.slug}).content.decode()
    )
    assert "Repair café d'octobre" in gallery and "Open plateau" not in gallery
    videos = html.unescape(client.get(library.url, {"type": "video"}).content.decode())
    assert "Open plateau" in videos and "Repair café d'octobre" not in videos


@pytest.mark.django_db
def test_library_runs_the_same_queries_for_2_and_20_items(library, client, snapshot_queries):
    # two, not one: the images' prefetch says « id = %s » for one row and ORs the rows
    # beyond (folded by the snapshot), so one row would differ in form only
    make_photo(title="Photo 0")
    make_photo(title="Photo 1")
    client.get(library.url)  # renditions are made once, then reused
    # Wagtail's routing (site, 3 pages, alias check, view restrictions: 6), the items'
    # count (1), the ERIC filter (1), the items (1), their images (1) and renditions (1).
    with snapshot_queries(name="page") as queries:
        assert client.get(library.url).status_code == 200
    assert len(queries) == 11
    for n in range(2, 20):
        make_photo(title="Photo %d" % n)
    client.get(library.url)
    with snapshot_queries(name="page"):
        assert client.get(library.url).status_code == 200


@pytest.mark.django_db
def test_an_upload_that_is_not_an_image_is_refused_in_french(site, client):
    client.force_login(site.world.team_a)  # ERIC contributors may add images
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Pas une image",
            "file": SimpleUploadedFile("notes.png", b"ceci n'est pas une image"),
        },
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Pas une image" in page  # the title typed is kept
    assert "n'est pas une image valide" in page or "format" in page.lower()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_over_the_size_limit_is_refused_in_french(site, client):
    client.force_login(site.world.team_a)
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100):
        response = client.post(
            reverse("wagtailimages:add"),
            {"title": "Trop lourde", "file": png_upload("lourde.png")},
        )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Ce fichier est trop gros" in page and "La taille de fichier maximale" in page
    assert not get_image_model().objects.exists()
