"""The editor's space and the contributors' sections: permissions (404 beyond one's
own section), contributions refused after publication, the agenda's « bouclage »
entries, reminders, previews, the public archive, page and PDF."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from agenda.enums import EntryKind
from agenda.models import AgendaEntry
from newsletter.enums import IssueStatus, SectionStatus
from newsletter.models import NewsletterIssue, Section
from newsletter.services import issues
from newsletter.services.reminders import send_reminders
from newsletter.tasks import newsletter_tick
from organisations.enums import Role
from tests.factories import make_user


def section_of(issue, eric):
    return Section.objects.get(issue=issue, organisation=eric)


def test_a_contributor_edits_its_own_section_only(world, issue, login):
    mine, theirs = section_of(issue, world.eric_a), section_of(issue, world.eric_b)
    client = login(world.team_a)
    assert client.get(reverse("newsletter:section_edit", args=[mine.pk])).status_code == 200
    response = client.post(
        reverse("newsletter:section_edit", args=[mine.pk]),
        {"body": "Notre <script>alert(1)</script>repair café.", "submit": "on"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.body == "<p>Notre repair café.</p>"
    assert mine.status == SectionStatus.SUBMITTED
    # the other ERIC's section, the issue's page, the previews: 404
    for url in (
        reverse("newsletter:section_edit", args=[theirs.pk]),
        reverse("newsletter:section_plan", args=[mine.pk]),
        reverse("newsletter:issue_detail", args=[issue.pk]),
        reverse("newsletter:issue_preview", args=[issue.pk]),
        reverse("newsletter:issue_email_preview", args=[issue.pk]),
    ):
        assert client.get(url).status_code == 404, url
    before = theirs.body
    assert (
        client.post(
            reverse("newsletter:section_edit", args=[theirs.pk]), {"body": "pirate"}
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.body == before


@pytest.mark.parametrize(
    "who, status", [("coach_a", 200), ("admin", 200), ("team_b", 404), ("outsider", 404)]
)
def test_who_opens_the_issue(world, issue, login, who, status):
    response = login(getattr(world, who)).get(reverse("newsletter:issue_detail", args=[issue.pk]))
    assert response.status_code == status


def test_the_editor_sees_on_time_late_and_done(world, issue, editor, login):
    late = section_of(issue, world.eric_b)
    Section.objects.filter(pk=late.pk).update(
        status=SectionStatus.TODO, deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    issues.section_create(
        by=editor,
        issue=issue,
        title="La personne ressource",
        organisation=world.partner_org,
        deadline=timezone.localdate() + datetime.timedelta(days=5),
    )
    html = login(editor).get(reverse("newsletter:issue_detail", args=[issue.pk])).content.decode()
    assert html.count("badge--done") == 1
    assert html.count("badge--late") == 1
    assert "dans les temps" in html


def test_plan_comment_and_preview(world, issue, editor, login):
    client = login(editor)
    response = client.post(
        reverse("newsletter:section_add", args=[issue.pk]),
        {
            "title": "MoviLab",
            "organisation": world.partner_org.pk,
            "deadline": "pas une date",
            "position": 3,
        },
    )
    assert response.status_code == 400
    assert "Saisissez une date valide." in response.content.decode()
    section = section_of(issue, world.eric_a)
    client.post(
        reverse("newsletter:section_comment", args=[section.pk]),
        {"comment": "Ajoutez une photo ?", "reopen": "on"},
    )
    section.refresh_from_db()
    assert section.editor_comment == "Ajoutez une photo ?"
    assert section.status == SectionStatus.TODO
    page = login(world.team_a).get(reverse("newsletter:section_edit", args=[section.pk]))
    assert "Ajoutez une photo ?" in page.content.decode()

    client = login(editor)  # the same test client, logged in as the editor again
    preview = client.get(reverse("newsletter:issue_preview", args=[issue.pk])).content.decode()
    assert "Un repair café." in preview and "pas encore public" in preview
    mail = client.get(reverse("newsletter:issue_email_preview", args=[issue.pk]))
    assert 'style="' in mail.content.decode()
    text = client.get(reverse("newsletter:issue_email_preview", args=[issue.pk]) + "?format=text")
    assert "Un repair café." in text.content.decode()


def test_the_deadlines_are_in_the_agenda(world, issue):
    entries = AgendaEntry.objects.filter(kind=EntryKind.NEWSLETTER_DEADLINE)
    assert entries.count() == 2
    entry = entries.select_related("event").first()
    assert "Bouclage de la lettre n° 1" in entry.event.title
    assert timezone.localtime(entry.event.start).date() == section_of(issue, world.eric_a).deadline


def test_no_contribution_after_publication(
    world, issue, editor, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issues.issue_publish(by=editor, issue=issue)
    section = section_of(issue, world.eric_a)
    url = reverse("newsletter:section_edit", args=[section.pk])
    page = login(world.team_a).get(url).content.decode()
    assert "Ce numéro est publié" in page and "<textarea" not in page
    response = login(world.team_a).post(url, {"body": "Trop tard", "submit": "on"})
    assert response.status_code == 400
    assert "déjà publié" in response.content.decode()
    assert "Trop tard" in response.content.decode()  # the text typed is given back
    section.refresh_from_db()
    assert section.body == "<p>Un repair café.</p>"
    # the agenda entries of the deadlines are closed
    assert not AgendaEntry.objects.filter(
        kind=EntryKind.NEWSLETTER_DEADLINE, cancelled=False
    ).exists()


def test_publish_at_a_set_time_then_the_periodic_run_publishes(world, issue, editor, login):
    client = login(editor)
    url = reverse("newsletter:issue_publish", args=[issue.pk])
    past = client.post(url, {"when": "later", "publish_at": "2020-01-01T10:00"})
    assert past.status_code == 400
    assert "Choisissez un moment à venir." in past.content.decode()
    at = timezone.localtime() + datetime.timedelta(hours=2)
    assert (
        client.post(url, {"when": "later", "publish_at": at.strftime("%Y-%m-%dT%H:%M")}).status_code
        == 302
    )
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SCHEDULED
    newsletter_tick.call()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SCHEDULED  # not yet
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    result = newsletter_tick.call()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.PUBLISHED
    assert result["published"] == [issue.pk]


def test_reminders_before_and_after_the_deadline_once_each(world, issue, smtp):
    today = timezone.localdate()
    a, b = section_of(issue, world.eric_a), section_of(issue, world.eric_b)
    Section.objects.filter(pk__in=[a.pk, b.pk]).update(status=SectionStatus.TODO)
    Section.objects.filter(pk=a.pk).update(deadline=today + datetime.timedelta(days=2))
    Section.objects.filter(pk=b.pk).update(deadline=today - datetime.timedelta(days=1))
    world.team_a.email, world.team_b.email = "lea@boate.fr", "karim@coste.fr"
    world.team_a.save()
    world.team_b.save()
    assert send_reminders(today) == {"before": 1, "after": 1}
    by_recipient = {m["To"]: m for m in smtp.messages}
    assert set(by_recipient) == {"lea@boate.fr", "karim@coste.fr"}
    assert "à remettre le" in by_recipient["lea@boate.fr"]["Subject"]
    assert "est attendue" in by_recipient["karim@coste.fr"]["Subject"]
    body = by_recipient["lea@boate.fr"].get_content()
    assert "/espace/lettre/rubrique/%d/" % a.pk in body
    assert send_reminders(today) == {"before": 0, "after": 0}
    assert len(smtp.messages) == 2


def test_archive_page_and_pdf(world, issue, editor, client, django_capture_on_commit_callbacks):
    page = reverse("newsletter_public:issue", args=[world.programme.slug, 1])
    assert client.get(page).status_code == 404  # a draft is not public
    with django_capture_on_commit_callbacks(execute=True):
        issues.issue_publish(by=editor, issue=issue)
    archive = client.get(reverse("newsletter_public:archive")).content.decode()
    assert "Les ERIC ouvrent leurs portes" in archive
    html = client.get(page).content.decode()
    assert "Un repair café." in html and "Par ERIC A" in html
    pdf = client.get(reverse("newsletter_public:issue_pdf", args=[world.programme.slug, 1]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Les ERIC ouvrent leurs portes" in text and "Un repair café." in text
    # the dashboard's link: the issues that count for the programme by a day
    until = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    filtered = client.get(
        reverse("newsletter_public:archive"),
        {"programme": world.programme.slug, "until": until},
    ).content.decode()
    assert "Les ERIC ouvrent leurs portes" not in filtered
    assert (
        client.get(reverse("newsletter_public:archive"), {"programme": "nope"}).status_code == 404
    )
    assert (
        client.get(
            reverse("newsletter_public:archive"),
            {"programme": world.programme.slug, "until": "n'importe", "month": "2026-99"},
        ).status_code
        == 200
    )


def test_a_partner_with_a_section_sees_it_in_its_list(world, issue, editor, login):
    issues.section_create(
        by=editor,
        issue=issue,
        title="SKEMA",
        organisation=world.partner_org,
        deadline=timezone.localdate(),
    )
    html = login(world.partner).get(reverse("newsletter:issue_list")).content.decode()
    assert "SKEMA" in html and "À la Boate" not in html
    stranger = make_user(username="stranger", organisation=world.eric_b, role=Role.PARTNER)
    stranger_html = login(stranger).get(reverse("newsletter:issue_list")).content.decode()
    assert "SKEMA" not in stranger_html
