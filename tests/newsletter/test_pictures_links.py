"""A section's photos from the media library (credit and licence under each) and its
links to sheets, animations and events picked from lists scoped to the contributor:
in the web page, the mail (through a real SMTP server) and the PDF, by absolute URL."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from coaching.enums import AnimationStatus
from coaching.services import animations as animation_services
from newsletter.services import issues
from tests.cms.conftest import make_sheet
from tests.cms.test_media_library import make_photo

from .conftest import make_subscribers

BASE = settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def held_animation(world, *, accompaniment, by, title, public=False):
    return animation_services.animation_create(
        by=by,
        accompaniment=accompaniment,
        title=title,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        place="Salle des fêtes",
        format="repair_cafe",
        status=AnimationStatus.HELD,
        public_announcement=public,
    )


@pytest.fixture
def picks(site, issue):
    world = site.world
    public_b = held_animation(
        world,
        accompaniment=world.accompaniment_b,
        by=world.coach_b,
        title="Fête de quartier annoncée",
        public=True,
    )
    return {
        "section": issue.sections.get(organisation=world.eric_a),
        "photo": make_photo(title="Atelier vélo", credit="Photo : Léa Bernard"),
        "uncredited": make_photo(title="Photo sans crédit", credit=""),
        "pending": make_photo(title="Consentement en attente", consent="pending"),
        "sheet": make_sheet(
            site.knowledge_base, eric=world.eric_a, title="Organiser un repair café"
        ),
        "own": held_animation(
            world,
            accompaniment=world.accompaniment_a,
            by=world.coach_a,
            title="Repair café de la Boate",
        ),
        "private_b": held_animation(
            world,
            accompaniment=world.accompaniment_b,
            by=world.coach_b,
            title="Réunion interne de l'ERIC B",
        ),
        "public_b": public_b,
    }


def public_event(animation):
    from django.contrib.contenttypes.models import ContentType

    from agenda.models import AgendaEntry

    return AgendaEntry.objects.get(
        source_type=ContentType.objects.get_for_model(animation), source_id=animation.pk
    )


def edit_url(section):
    return reverse("newsletter:section_edit", args=[section.pk])


def test_a_photo_without_credit_is_refused_and_the_text_kept(picks, site, client):
    section = picks["section"]
    client.force_login(site.world.team_a)
    page = client.get(edit_url(section)).content.decode()
    assert "Atelier vélo" in page and "SANS CRÉDIT" in page
    assert "Consentement en attente" not in page  # not publishable: not offered

    response = client.post(
        edit_url(section),
        {"body": "Notre texte, à garder.", "images": [picks["uncredited"].pk, picks["photo"].pk]},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "n&#x27;ont pas de crédit" in page and "« Photo sans crédit »" in page
    assert "Notre texte, à garder." in page
    section.refresh_from_db()
    assert section.body == "<p>Un repair café.</p>"
    assert not section.images.exists()


def test_the_service_refuses_a_photo_without_credit_too(picks, site):
    with pytest.raises(ValidationError) as error:
        issues.section_write(
            by=site.world.team_a,
            section=picks["section"],
            body="x",
            submit=False,
            images=[picks["uncredited"]],
        )
    assert "images" in error.value.message_dict


def test_an_eric_team_cannot_pick_another_erics_private_animation(picks, site, client):
    section = picks["section"]
    client.force_login(site.world.team_a)
    page = client.get(edit_url(section)).content.decode()
    assert "Repair café de la Boate" in page  # its own
    assert "Fête de quartier annoncée" in page  # announced in the public agenda
    assert "Réunion interne de l&#x27;ERIC B" not in page

    response = client.post(
        edit_url(section), {"body": "Texte gardé.", "animations": [picks["private_b"].pk]}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ne fait pas partie des choix proposés" in page and "Texte gardé." in page
    assert not section.animations.exists()
    with pytest.raises(ValidationError):
        issues.section_write(
            by=site.world.team_a,
            section=section,
            body="x",
            submit=False,
            animations=[picks["private_b"]],
        )
    assert not section.animations.exists()
    # ERIC B's section stays out of reach
    other = section.issue.sections.get(organisation=site.world.eric_b)
    assert client.get(edit_url(other)).status_code == 404


def write_everything(picks, site, client):
    section = picks["section"]
    event = public_event(picks["public_b"])
    client.force_login(site.world.team_a)
    response = client.post(
        edit_url(section),
        {
            "body": "Notre mois.",
            "images": [picks["photo"].pk],
            "sheets": [picks["sheet"].pk],
            "animations": [picks["own"].pk],
            "events": [event.pk],
            "submit": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return event


def test_photos_and_links_in_the_page_the_mail_and_the_pdf(
    picks, site, client, editor, smtp, django_capture_on_commit_callbacks
):
    event = write_everything(picks, site, client)
    make_subscribers(1)
    with django_capture_on_commit_callbacks(execute=True):
        issues.issue_publish(by=editor, issue=picks["section"].issue)
    sheet_url = picks["sheet"].get_full_url()
    ics_url = BASE + reverse("agenda:entry_ics", args=[event.uid])
    eric_url = site.eric_page.get_full_url()
    assert sheet_url.startswith("http")

    (message,) = smtp.messages
    html = message.get_body(preferencelist=("html",)).get_content()
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert 'src="%s/media/images/' % BASE in html or 'src="%s/' % BASE in html
    assert 'alt="Des bénévoles réparent un ordinateur portable."' in html
    assert "Photo : Léa Bernard" in html and "CC BY-SA 4.0" in html
    for url in (sheet_url, ics_url, eric_url):
        assert 'href="%s"' % url in html
        assert url in text
    assert "Repair café de la Boate" in html and "Fête de quartier annoncée" in html
    assert "Photo : Léa Bernard, CC BY-SA 4.0" in text

    programme = site.world.programme
    client.logout()
    page = client.get(reverse("newsletter_public:issue", args=[programme.slug, 1]))
    content = page.content.decode()
    assert page.status_code == 200
    assert 'src="%s/' % BASE in content and "Photo : Léa Bernard" in content
    assert 'href="%s"' % sheet_url in content and 'href="%s"' % ics_url in content

    pdf = client.get(reverse("newsletter_public:issue_pdf", args=[programme.slug, 1]))
    reader = PdfReader(io.BytesIO(pdf.content))
    pdf_text = "".join(p.extract_text() for p in reader.pages)
    assert "Photo : Léa Bernard" in pdf_text and "Organiser un repair café" in pdf_text
    assert sum(len(p.images) for p in reader.pages) >= 1  # the photo (and its alpha mask)
    uris = {
        annotation.get_object()["/A"]["/URI"]
        for p in reader.pages
        for annotation in p.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert {sheet_url, ics_url, eric_url} <= uris


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_same_queries_with_one_or_ten_photos_and_links(picks, site, client):
    world = site.world
    section = picks["section"]
    client.force_login(world.team_a)
    preview = reverse("newsletter:issue_preview", args=[section.issue_id])
    client.get(edit_url(section))  # thumbnails rendered once

    def pick(count):
        photos = [picks["photo"]] + [
            make_photo(title="Photo %d" % n, credit="Photo %d" % n) for n in range(count - 1)
        ]
        sheets = [picks["sheet"]] + [
            make_sheet(site.knowledge_base, eric=world.eric_a, title="Fiche %d" % n)
            for n in range(count - 1)
        ]
        own = [picks["own"]] + [
            held_animation(
                world, accompaniment=world.accompaniment_a, by=world.coach_a, title="A%d" % n
            )
            for n in range(count - 1)
        ]
        announced = [picks["public_b"]] + [
            held_animation(
                world,
                accompaniment=world.accompaniment_b,
                by=world.coach_b,
                title="B%d" % n,
                public=True,
            )
            for n in range(count - 1)
        ]
        issues.section_write(
            by=world.team_a,
            section=section,
            body="Texte",
            submit=False,
            images=photos,
            sheets=sheets,
            animations=own,
            events=[public_event(animation) for animation in announced],
        )
        client.get(edit_url(section))  # renditions made once
        return queries_of(client, edit_url(section))

    one = pick(1)
    client.force_login(world.admin)
    client.get(preview)
    one_preview = queries_of(client, preview)
    client.force_login(world.team_a)
    ten = pick(10)
    client.force_login(world.admin)
    client.get(preview)
    ten_preview = queries_of(client, preview)
    assert section.images.count() == 10 and section.sheets.count() == 10
    assert section.animations.count() == 10 and section.events.count() == 10
    assert one == ten
    assert one_preview == ten_preview


def test_a_photo_withdrawn_from_the_library_leaves_the_letter(picks, site, client):
    write_everything(picks, site, client)
    client.force_login(site.world.admin)
    preview = reverse("newsletter:issue_preview", args=[picks["section"].issue_id])
    assert "Photo : Léa Bernard" in client.get(preview).content.decode()
    picks["photo"].consent = "pending"
    picks["photo"].save()
    page = client.get(preview).content.decode()
    assert "Photo : Léa Bernard" not in page and "Organiser un repair café" in page
