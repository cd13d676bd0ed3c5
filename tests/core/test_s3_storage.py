"""Media in an S3-compatible bucket (MEDIA_STORAGE=s3, django-storages): the settings
read from the environment, files stored and read through the platform's storages
against a local endpoint (moto's standalone server), private files given only after
the permission check, by a short-lived signed address."""

import base64
import datetime
import io
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from wagtail.images.tests.utils import get_test_image_file

from coaching import services
from core.storage import private
from tests.coaching.journal_helpers import animation

BASE_DIR = Path(__file__).resolve().parents[2]
PNG = get_test_image_file().file.getvalue()
BUCKET = "trajectoires-media"
PUBLIC_READ_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::%s/public/*" % BUCKET,
        }
    ],
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = "http://127.0.0.1:%s" % port
    client = boto3.client(
        "s3",
        endpoint_url=url,
        region_name="eu-west-3",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
    try:
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
        )
    except client.exceptions.BucketAlreadyOwnedByYou:
        # moto keeps its buckets per process, and botocore retries a request whose
        # answer came late (a loaded machine): the bucket is there either way.
        pass
    # as docs/operations.md says: anyone reads public/*, nobody but the key the rest
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ_POLICY))
    yield url
    server.stop()


def s3_storages(endpoint) -> dict:
    """``STORAGES`` as config/settings/base.py builds it from the environment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "eu-west-3",
        "S3_ACCESS_KEY_ID": "test-key",
        "S3_SECRET_ACCESS_KEY": "test-secret",
        "S3_ADDRESSING_STYLE": "path",
        "PRIVATE_MEDIA_URL_SECONDS": "60",
    }
    code = "from django.conf import settings; import json; print(json.dumps(settings.STORAGES))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def bucket(settings, endpoint):
    from_env = s3_storages(endpoint)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": from_env["default"],
        "private": from_env["private"],
    }
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="eu-west-3",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local endpoint)
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_the_settings_put_both_locations_in_the_bucket(endpoint):
    storages = s3_storages(endpoint)
    public, private_ = storages["default"], storages["private"]
    assert public["BACKEND"] == private_["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (public["OPTIONS"]["location"], private_["OPTIONS"]["location"]) == ("public", "private")
    assert public["OPTIONS"]["querystring_auth"] is False
    assert private_["OPTIONS"]["querystring_auth"] is True
    assert private_["OPTIONS"]["querystring_expire"] == 60


@pytest.mark.django_db
def test_a_private_photo_is_stored_in_the_bucket_and_given_by_a_signed_address(
    world, client, bucket, endpoint
):
    media = services.animation_media_add(
        by=world.coach_a,
        animation=animation(world),
        upload=SimpleUploadedFile("Atelier.png", PNG),
        author="Léa Bernard",
        alt_text="Deux personnes soudent une carte",
    )
    assert media.file.storage is private
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == ["private/" + media.file.name]
    # read back through the platform's storage
    with media.file.open("rb") as handle:
        assert handle.read() == PNG

    url = reverse("coaching:animation_media_file", args=[media.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert reverse("login") in client.get(url)["Location"]
    client.force_login(world.team_b)
    assert client.get(url).status_code == 404  # another ERIC's team: no address at all

    client.force_login(world.team_a)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    signed = response["Location"]
    parts = urlsplit(signed)
    query = parse_qs(parts.query)
    assert signed.startswith("%s/%s/private/journal/" % (endpoint, BUCKET))
    assert query["X-Amz-Expires"] == ["60"]
    assert "X-Amz-Signature" in query
    assert query["response-content-disposition"][0].startswith("inline;")
    status, headers, body = fetch(signed)
    assert (status, body) == (200, PNG)
    assert headers["content-type"] == "image/png"
    assert headers["content-disposition"].startswith("inline;")

    # without the signature: refused (moto checks that one is there, not its value)
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(signed.split("?")[0])
    assert refused.value.code == 403


@pytest.mark.django_db
def test_a_public_file_has_a_plain_address_in_the_public_prefix(bucket, endpoint):
    name = default_storage.save("original_images/atelier.png", ContentFile(PNG))
    url = default_storage.url(name)
    assert url == "%s/%s/public/%s" % (endpoint, BUCKET, name)
    assert fetch(url)[2] == PNG


def pdf_images(content: bytes) -> int:
    from pypdf import PdfReader

    return sum(len(page.images) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
def test_the_end_of_programme_report_prints_its_photos_from_the_bucket(world, bucket):
    """A bucket's file has no ``.path``: the report's photos are read through the
    storage, the PDF and the DOCX (both saved in the bucket's private prefix) hold them."""
    from docx import Document

    from progress import report_services
    from progress.models import ProgrammeEndNarrative, ReportKind, ReportStatus
    from progress.periods import Period
    from tests.cms.test_media_library import make_photo

    photo = make_photo(title="Repair café", eric=world.eric_a)
    with pytest.raises(NotImplementedError):
        photo.image.file.path  # noqa: B018 — what the report used to read
    programme = world.programme
    narrative = ProgrammeEndNarrative.objects.create(programme=programme, users="Des voisins.")
    narrative.photos.set([photo])
    period = Period(programme.start_date, programme.start_date + datetime.timedelta(days=60))
    for fmt in ("pdf", "docx"):
        report, _created = report_services.request_report(
            by=world.region,
            programme=programme,
            kind=ReportKind.PROGRAMME_END,
            period=period,
            fmt=fmt,
        )
        report_services.build_report_now(report.pk)
        report.refresh_from_db()
        assert report.status == ReportStatus.READY, report.error
        keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
        assert "private/" + report.file.name in keys
        with report.file.open("rb") as handle:
            content = handle.read()
        if fmt == "pdf":
            assert pdf_images(content) >= 1
        else:
            pictures = Document(io.BytesIO(content)).inline_shapes
            assert any(shape.width and shape.width > 0 for shape in pictures)
            body = Document(io.BytesIO(content)).paragraphs
            assert any("Photo : Léa Bernard, CC BY-SA" in p.text for p in body)


@pytest.mark.django_db
def test_a_newsletter_figure_reaches_its_pdf_from_the_bucket(world, bucket):
    from core.pdf import StaticOnlyURLFetcher, html_to_pdf
    from newsletter.services.sending import _figure
    from tests.cms.test_media_library import make_photo

    figure = _figure(make_photo(title="Repair café", eric=world.eric_a))
    assert figure.url.startswith("%s/%s/public/" % (bucket.meta.endpoint_url, BUCKET))
    assert figure.file_uri.startswith("data:image/png;base64,")
    content = html_to_pdf(
        '<html lang="fr"><body><img src="%s" alt="%s"></body></html>'
        % (figure.file_uri, figure.alt),
        base_url="file:///",
        url_fetcher=StaticOnlyURLFetcher(),
    )
    assert pdf_images(content) >= 1


def test_the_pdf_fetcher_takes_data_images_of_image_types_only():
    from core.pdf_layout import FolderURLFetcher

    fetcher = FolderURLFetcher([BASE_DIR / "static"])
    png = "data:image/png;base64," + base64.b64encode(PNG).decode()
    response = fetcher.fetch(png)
    assert (response.read(), response.headers["Content-Type"]) == (PNG, "image/png")
    for refused in (
        "data:text/html;base64," + base64.b64encode(b"<p>x</p>").decode(),
        "data:image/png,not-base64",
        "http://example.org/a.png",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(refused)
