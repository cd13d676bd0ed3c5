"""Concrete URLs for the access matrix: records of the demo programme (Made in la Boate's
for the ERIC-private ones), completed with what the demo does not hold (a follow-up, an
event's media, a training material, a report, a feed token, a study kiosk and its
answers, an invitation into a collaborative space)."""

import datetime
import io
import uuid
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

BOATE = "made-in-la-boate"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def build_context(users) -> SimpleNamespace:
    """What the access matrix's URLs are built from; call inside the test database."""
    from wagtail.documents.models import Document
    from wagtail.images import get_image_model

    from agenda.enums import Visibility as AgendaVisibility
    from agenda.models import AgendaEntry, FeedToken
    from cms.models import CodeSourceSheet, EricPage, MediaItem
    from coaching.enums import Visibility
    from coaching.models import (
        Accompaniment,
        Animation,
        AnimationMedia,
        CoachingSession,
        FederatingEvent,
        FederatingEventMedia,
        HotlineCall,
        HotlineFollowUp,
        MaturityAssessment,
        Milestone,
        Programme,
    )
    from maps.models import TrustCircleEntry
    from newsletter.models import NewsletterIssue, Section, Subscriber
    from newsletter.services.subscribers import confirm_token, unsubscribe_token
    from progress.models import PersonalDataExport, Report, ReportFormat, ReportKind
    from trainings.models import Evaluation, Material, Registration, Training, TrainingSession

    programme = Programme.objects.get()
    boate = Accompaniment.objects.select_related("eric").get(eric__slug=BOATE)
    calls = HotlineCall.objects.filter(accompaniment=boate).order_by("pk")
    call = calls.filter(visibility=Visibility.SHARED).first()
    private_call = calls.filter(visibility=Visibility.PRIVATE).first()
    if private_call is None:
        private_call = HotlineCall.objects.create(
            **{
                f.attname: getattr(call, f.attname)
                for f in HotlineCall._meta.concrete_fields
                if not f.primary_key
            }
        )
        HotlineCall.objects.filter(pk=private_call.pk).update(visibility=Visibility.PRIVATE)
    follow_up = HotlineFollowUp.objects.create(call=call, action="Rappeler la mairie")
    session = CoachingSession.objects.filter(accompaniment=boate).order_by("pk").first()
    animation = Animation.objects.filter(accompaniment=boate).order_by("pk").first()
    animation_media = AnimationMedia.objects.filter(animation__accompaniment=boate).first()
    if animation_media is None:
        animation_media = AnimationMedia(
            animation=animation,
            kind="photo",
            author="Léa",
            alt_text="Un atelier",
            uploaded_by=users["boate"],
        )
        animation_media.file.save("atelier.png", ContentFile(PNG), save=False)
        animation_media.save()
    event = FederatingEvent.objects.order_by("pk").first()
    event_media = FederatingEventMedia(
        event=event, kind="photo", author="Léa", alt_text="La fête", uploaded_by=users["boate"]
    )
    event_media.file.save("fete.png", ContentFile(PNG), save=False)
    event_media.save()
    training = Training.objects.order_by("pk").first()
    training_session = TrainingSession.objects.filter(training=training).order_by("pk").first()
    registration = (
        Registration.objects.filter(training=training, user=users["boate"]).first()
        or Registration.objects.filter(user=users["boate"]).first()
    )
    material = Material(training=training, title="Support", added_by=users["coach"])
    material.file.save("support.txt", ContentFile(b"Support de formation\n"), save=False)
    material.save()
    evaluation = Evaluation.objects.select_related("registration").order_by("pk").first()
    issue = NewsletterIssue.objects.order_by("pk").first()
    section = Section.objects.filter(issue=issue, organisation__slug=BOATE).first()
    subscriber = Subscriber.objects.order_by("pk").first()
    report = Report.objects.create(
        programme=programme,
        eric=boate.eric,
        kind=ReportKind.values[0],
        format=ReportFormat.values[0],
        period_start=programme.start_date,
        period_end=programme.start_date + datetime.timedelta(days=30),
        requested_by=users["coach"],
    )
    team_entry = (
        AgendaEntry.objects.filter(eric=boate.eric, visibility=AgendaVisibility.TEAM)
        .order_by("pk")
        .first()
    )
    feed_token = FeedToken.objects.create(user=users["boate"])
    # Made in la Boate's team member's export of their personal data, ready
    personal_export = PersonalDataExport.objects.create(
        subject=users["boate"],
        requested_by=users["boate"],
        status="ready",
        progress=100,
        finished_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    personal_export.file.save("export.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    trust_entry = TrustCircleEntry.objects.filter(eric=boate.eric).order_by("pk").first()
    assessment = MaturityAssessment.objects.filter(accompaniment=boate).order_by("pk").first()
    media_item = MediaItem.objects.order_by("pk").first()
    draft_sheet = CodeSourceSheet.objects.filter(live=False).order_by("pk").first()
    image = get_image_model()(title="Atelier")
    image.file.save("atelier.png", ContentFile(PNG), save=False)
    image.width = image.height = 4
    image.save()
    document = Document(title="Programme de la formation")
    document.file.save("programme.txt", ContentFile(b"Programme\n"), save=False)
    document.save()
    study = _study(users)
    collab = _collab(users)
    return SimpleNamespace(
        **study,
        **collab,
        now=timezone.now(),
        users=users,
        user_model=get_user_model(),
        programme=programme,
        boate=boate,
        eric=boate.eric,
        eric_page=EricPage.objects.live().get(slug=BOATE),
        draft_sheet=draft_sheet,
        call=call,
        private_call=private_call,
        follow_up=follow_up,
        session=session,
        animation=animation,
        animation_media=animation_media,
        event=event,
        event_media=event_media,
        milestone=Milestone.objects.filter(accompaniment=boate).order_by("pk").first(),
        assessment=assessment,
        training=training,
        training_session=training_session,
        registration=registration,
        material=material,
        evaluation=evaluation,
        issue=issue,
        section=section,
        subscriber=subscriber,
        confirm_token=confirm_token(subscriber),
        unsubscribe_token=unsubscribe_token(subscriber),
        report=report,
        personal_export=personal_export,
        team_entry=team_entry,
        feed_token=feed_token,
        trust_entry=trust_entry,
        media_item=media_item,
        document=document,
        image=image,
    )


def _study(users) -> dict:
    """The visitor study: the demo's Fête du Miel event (Mouans-Sartoux), moved to today
    (Paris) so that its kiosk may send and its online form is open; a kiosk enrolled by
    Mouans-Sartoux's team with its token; three on-site answers so that the typology
    (page and PDF) has something to show."""
    from study import services
    from study.models import ContactRequest, StudyEvent
    from tests.study.conftest import entry

    event = StudyEvent.objects.select_related("study", "questionnaire").get(
        name__startswith="Fête du Miel", eric__slug="eric-mediatheque-mouans-sartoux"
    )
    today = timezone.localdate()
    StudyEvent.objects.filter(pk=event.pk).update(start_date=today, end_date=today)
    event.refresh_from_db()
    kiosk, token = services.kiosk_enrol(by=users["mouans"], event=event, label="Tablette 1")
    arrived = max(
        timezone.now() - datetime.timedelta(minutes=1),
        datetime.datetime.combine(
            today, datetime.time(0, 1), tzinfo=timezone.get_current_timezone()
        ),
    )
    results = services.entries_store(
        kiosk=kiosk, entries=[entry(arrived_at=arrived.isoformat()) for _ in range(3)]
    )
    assert {result["status"] for result in results} == {"stored"}, results
    local = timezone.localtime(arrived)
    contacts = services.contacts_store(
        kiosk=kiosk,
        contacts=[
            {
                "id": str(uuid.uuid4()),
                "consent": True,
                "day": today.isoformat(),
                "email": "visiteur@example.org",
            }
        ],
    )
    assert contacts[0]["status"] == "stored", contacts
    return {
        "contact_request": ContactRequest.objects.get(pk=contacts[0]["id"]),
        "study": event.study,
        "study_event": event,
        "kiosk": kiosk,
        "kiosk_token": token,
        # a kiosk's batch of one answer, an online audience count: sent by the matrix
        "kiosk_batch": {"entries": [entry(arrived_at=arrived.isoformat())]},
        "remote_count": {
            "counted_at": local.strftime("%Y-%m-%dT%H:%M"),
            "where": "YouTube",
            "count": 12,
        },
    }


def _collab(users) -> dict:
    """Made in la Boate's collaborative space with one of its wiki pages (and its last
    revision), an invitation into it of a person outside the roles
    (inviting one of the demo's accounts would let it in), a folder holding a document
    and an empty one."""
    from collab.documents.services import document_create, folder_create
    from collab.models import Space, WikiPage
    from collab.services.spaces import invitation_create
    from collab.threads import thread_create

    space = Space.objects.get(slug=BOATE)
    page = WikiPage.objects.filter(space=space).order_by("pk").first()
    guest = get_user_model().objects.create_user(
        username="invitee", email="invitee@example.org", password="x"
    )
    invitation = invitation_create(by=users["boate"], space=space, user=guest)
    second_guest = get_user_model().objects.create_user(
        username="invitee-2", email="invitee-2@example.org", password="x"
    )
    folder = folder_create(by=users["boate"], space=space, name="Comptes rendus")
    document = document_create(
        by=users["boate"],
        space=space,
        folder=folder,
        upload=ContentFile(PNG, name="affiche.png"),
        title="Affiche",
    )
    # an empty folder: the one that may be deleted (and where the document may go)
    empty_folder = folder_create(by=users["boate"], space=space, name="Archives")
    thread = thread_create(
        by=users["boate"],
        space=space,
        title="Ouverture du wiki commun",
        body="Qui relit la charte ?",
        files=[SimpleUploadedFile("charte.png", _png())],
    )
    return {
        "collab_folder": folder,
        "collab_document": document,
        "collab_empty_folder": empty_folder,
        "second_guest": second_guest,
        "thread": thread,
        "attachment": thread.messages.get().attachments.get(),
        "space": space,
        "wiki_page": page,
        "invitation": invitation,
    }
