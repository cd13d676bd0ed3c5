"""One upload check for the whole platform (issue 18, item 3): the journal's media and
the trainings' materials refuse decompression bombs, huge photos, fake images, SVG and
oversized files with a French message, and store nothing."""

import functools
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coaching.models import AnimationMedia
from tests.coaching.journal_helpers import animation, mp4_bytes, png_bytes
from trainings.models import Material

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


@functools.cache
def single_colour_png(width, height):
    """A valid 1-bit PNG of ``width`` × ``height`` black pixels, built row by row (a
    20000 × 20000 one weighs about 50 KB; Pillow would need 400 MB to make it)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def bad_uploads():
    """{case: (name, content, words of the French message)}, built when a test runs."""
    cases = [
        ("bombe.png", single_colour_png(20000, 20000), "millions de pixels"),
        ("144-mp.png", single_colour_png(12000, 12000), "12000 × 12000 pixels"),
        ("fausse.jpg", b"\xff\xd8\xff\xe0 ceci n'est pas une photo", "n'est"),
        ("dessin.svg", SVG, "SVG"),
        ("dessin.png", SVG, "SVG"),
        ("lourde.png", png_bytes() + b"\x00" * (20 * 1024 * 1024), "20 Mo"),
        ("clip.mp4", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 64, "vidéo MP4"),
        ("clip.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 64, "vidéo WEBM"),
        ("clip.ogv", b"OggS" + b"\x00" * 64, "vidéo OGV"),
    ]
    return {case[0]: case for case in cases}


CASES = [
    "bombe.png",
    "144-mp.png",
    "fausse.jpg",
    "dessin.svg",
    "dessin.png",
    "lourde.png",
    "clip.mp4",
    "clip.webm",
    "clip.ogv",
]


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("case", CASES)
def test_the_journal_refuses_a_bad_media_in_french(world, login, media_root, case):
    name, content, words = bad_uploads()[case]
    held = animation(world)
    response = login(world.team_a).post(
        reverse("coaching:animation_media_add", args=[held.pk]),
        {"upload": SimpleUploadedFile(name, content), "author": "Léa", "caption": "Atelier"},
    )
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors["upload"])
    assert not AnimationMedia.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("case", CASES)
def test_training_materials_refuse_a_bad_file_in_french(world, login, media_root, case):
    from tests.trainings.factories import make_training

    name, content, words = bad_uploads()[case]
    training = make_training(world)
    response = login(world.admin).post(
        reverse("trainings:material_create", args=[training.pk]),
        {"title": "Support", "file": SimpleUploadedFile(name, content), "licence": "cc-by-sa-4.0"},
    )
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors["file"])
    assert not Material.objects.exists()
    assert stored_files(media_root) == []


def test_the_service_refuses_a_bad_material_too(world, media_root):
    from django.core.exceptions import ValidationError

    from tests.trainings.factories import make_training
    from trainings import services

    training = make_training(world)
    with pytest.raises(ValidationError) as error:
        services.material_create(
            by=world.admin,
            training=training,
            title="Dessin",
            licence="cc-by-sa-4.0",
            file=SimpleUploadedFile("dessin.svg", SVG),
        )
    assert "SVG" in " ".join(error.value.message_dict["file"])
    assert not Material.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("diaporama.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        ("notes.txt", "Compte rendu de l'atelier, déroulé et contacts.".encode()),
        ("photo.png", None),
        ("clip.mp4", None),
    ],
)
def test_training_materials_keep_good_documents(world, login, media_root, name, content):
    from tests.trainings.factories import make_training

    content = content or (png_bytes() if name.endswith(".png") else mp4_bytes())
    training = make_training(world)
    response = login(world.admin).post(
        reverse("trainings:material_create", args=[training.pk]),
        {"title": "Support", "file": SimpleUploadedFile(name, content), "licence": "cc-by-sa-4.0"},
    )
    assert response.status_code == 302
    assert Material.objects.get().file.read() == content
