"""Bad input gets a clear French message on the form, HTTP 200, and nothing is saved."""

import datetime
import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.enums import AnimationStatus, CallChannel, HotlineTopic, Visibility
from coaching.models import (
    Animation,
    AnimationMedia,
    CoachingSession,
    HotlineCall,
    HotlineSlot,
)
from tests.coaching.journal_helpers import animation, call, future, mp4_bytes, past, png_bytes


def as_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def quick_post(world, **overrides):
    data = {
        "accompaniment": world.accompaniment_a.pk,
        # today, and never in the future whatever the hour the test runs at
        "started_at": as_input(timezone.localtime().replace(hour=0, minute=0)),
        "duration_minutes": "15",
        "channel": CallChannel.PHONE,
        "topics": [HotlineTopic.FUNDING, HotlineTopic.TECHNICAL],
        "summary": "Dossier FEDER",
        "visibility": Visibility.SHARED,
    }
    data.update(overrides)
    return data


def test_quick_log_defaults(world, login):
    client = login(world.coach_a)
    call(world, eric="a")  # the last ERIC this coach logged for
    response = client.get(reverse("coaching:hotline_quick_log"))
    form = response.context["form"]
    assert form["duration_minutes"].value() == 15
    assert form["channel"].value() == CallChannel.PHONE
    assert form["accompaniment"].value() == world.accompaniment_a.pk
    # The form shows the Europe/Paris wall-clock time, to the minute.
    started = form["started_at"].value()
    paris_now = timezone.localtime().replace(tzinfo=None)
    assert abs(started - paris_now) < datetime.timedelta(minutes=2)
    assert started.second == 0
    assert 'value="{}'.format(paris_now.strftime("%Y-%m-%dT%H:")) in response.content.decode()
    content = response.content.decode()
    assert 'name="topics"' in content and "<legend>Sujets" in content
    assert 'name="viewport"' in content


def test_quick_log_saves_a_call_and_its_slot(world, login):
    client = login(world.coach_a)
    response = client.post(reverse("coaching:hotline_quick_log"), quick_post(world))
    assert response.status_code == 302
    saved = HotlineCall.objects.get()
    assert saved.created_by == world.coach_a
    assert sorted(t.topic for t in saved.topics.all()) == ["funding", "technical"]
    assert HotlineSlot.objects.get().held_on == timezone.localtime(saved.started_at).date()


def test_slot_held_without_a_call_in_one_tap(world, login):
    client = login(world.coach_a)
    url = reverse("coaching:hotline_slot_hold", args=[world.programme.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # twice the same day: still one slot
    slot = HotlineSlot.objects.get()
    assert slot.held_on == timezone.localdate()
    assert not slot.calls.exists()
    assert HotlineSlot.objects.held_weeks() == 1
    assert login(world.team_a).post(url).status_code == 403


def test_no_call_button_only_while_today_is_not_recorded(world, login, django_assert_num_queries):
    client = login(world.coach_a)
    url = reverse("coaching:hotline_quick_log")
    button = "aucun appel</button>"
    assert button in client.get(url).content.decode()
    # a call logged today: the day is held, with its calls; no button that would refuse
    client.post(url, quick_post(world))
    client.post(url, quick_post(world, summary="Un deuxième"))
    page = html.unescape(client.get(url).content.decode())
    assert button not in page
    assert re.search(r"Permanence du .+ tenue : 2 appels notés\.", page)
    # the slot view still refuses it, in French
    hold = reverse("coaching:hotline_slot_hold", args=[world.programme.pk])
    follow = client.post(hold, follow=True)
    assert "appel" in html.unescape(follow.content.decode())
    assert HotlineSlot.objects.get().calls.count() == 2
    # a day held without calls says so
    HotlineCall.objects.all().delete()
    HotlineSlot.objects.all().delete()
    client.post(hold)
    page = html.unescape(client.get(url).content.decode())
    assert button not in page and "déjà notée comme tenue, sans appel." in page
    with django_assert_num_queries(9):  # the day's slots: one query for every programme
        client.get(url)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"duration_minutes": "0"}, "duration_minutes", "au moins une minute"),
        ({"duration_minutes": "721"}, "duration_minutes", "12 heures"),
        ({"started_at": as_input(future(days=2))}, "started_at", "dans le futur"),
        ({"accompaniment": ""}, "accompaniment", "Choisissez l'ERIC"),
    ],
)
def test_quick_log_refuses_bad_input(world, login, overrides, field, message):
    client = login(world.coach_a)
    response = client.post(reverse("coaching:hotline_quick_log"), quick_post(world, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert "rien n'a été enregistré" in response.content.decode()
    # What was typed is kept.
    assert "Dossier FEDER" in response.content.decode()
    assert not HotlineCall.objects.exists()
    assert not HotlineSlot.objects.exists()


def test_coach_cannot_log_for_an_eric_they_do_not_coach(world, login):
    client = login(world.coach_a)
    response = client.post(
        reverse("coaching:hotline_quick_log"),
        quick_post(world, accompaniment=world.accompaniment_b.pk),
    )
    assert response.status_code == 200
    assert (
        "Vous ne tenez pas le journal de cet ERIC."
        in response.context["form"].errors["accompaniment"]
    )
    assert not HotlineCall.objects.exists()


def session_post(world, **overrides):
    data = {
        "accompaniment": world.accompaniment_a.pk,
        "started_at": as_input(past()),
        "duration_minutes": "90",
        "format": "on_site",
        "objectives": "Gouvernance partagée",
        "visibility": Visibility.SHARED,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"duration_minutes": "0"}, "duration_minutes", "au moins une minute"),
        ({"duration_minutes": "800"}, "duration_minutes", "12 heures"),
    ],
)
def test_session_refuses_bad_duration(world, login, overrides, field, message):
    response = login(world.coach_a).post(
        reverse("coaching:coaching_session_create"), session_post(world, **overrides)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Gouvernance partagée" in response.content.decode()
    assert not CoachingSession.objects.exists()


def test_session_milestone_must_be_of_the_same_eric(world, login):
    from coaching.models import Milestone

    other = Milestone.objects.create(
        accompaniment=world.accompaniment_b, title="Autre", due_date=world.programme.start_date
    )
    response = login(world.admin).post(
        reverse("coaching:coaching_session_create"), session_post(world, milestone=other.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["milestone"] == [
        "Ce jalon appartient à un autre ERIC : choisissez un jalon de la trajectoire "
        "d'ERIC A, ou aucun."
    ]
    assert not CoachingSession.objects.exists()


def test_session_milestones_are_grouped_by_eric(world, login):
    from coaching.models import Milestone

    for accompaniment, title in (
        (world.accompaniment_a, "Jalon A"),
        (world.accompaniment_b, "Jalon B"),
    ):
        Milestone.objects.create(
            accompaniment=accompaniment, title=title, due_date=world.programme.start_date
        )
    page = html.unescape(
        login(world.admin).get(reverse("coaching:coaching_session_create")).content.decode()
    )
    select = re.search(r'<select name="milestone".*?</select>', page, re.S).group(0)
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    assert [(label, re.findall(r">([^<]+)</option>", options)) for label, options in groups] == [
        ("ERIC A", ["Jalon A"]),
        ("ERIC B", ["Jalon B"]),
    ]
    assert "js/milestone-filter.js" in page


def animation_post(world, **overrides):
    data = {
        "accompaniment": world.accompaniment_a.pk,
        "title": "Repair café du quartier",
        "starts_at": as_input(past()),
        "ends_at": as_input(past() + datetime.timedelta(hours=3)),
        "format": "repair_cafe",
        "status": AnimationStatus.HELD,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        # Dates are computed when the test runs, not when it is collected: a run that
        # crosses midnight must not compare two different « three days ago ».
        (
            lambda: {"starts_at": as_input(future()), "ends_at": ""},
            "status",
            "datée dans le futur ne peut pas être déjà tenue",
        ),
        (
            lambda: {"ends_at": as_input(past() - datetime.timedelta(hours=1))},
            "ends_at",
            "précède son début",
        ),
        (
            lambda: {"ends_at": as_input(past() + datetime.timedelta(hours=13))},
            "ends_at",
            "plus de 12 heures",
        ),
        (lambda: {"status": AnimationStatus.CANCELLED}, "cancellation_reason", "pourquoi"),
    ],
    ids=["held-in-future", "ends-before-start", "over-12-hours", "cancelled-without-reason"],
)
def test_animation_refuses_bad_input(world, login, overrides, field, message):
    response = login(world.coach_a).post(
        reverse("coaching:animation_create"), animation_post(world, **overrides())
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Repair café du quartier" in response.content.decode()
    assert not Animation.objects.exists()


def test_held_in_the_future_is_refused_by_the_service_too(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        animation(world, starts_at=future(), status=AnimationStatus.HELD)
    assert "status" in error.value.message_dict
    assert not Animation.objects.exists()


@pytest.fixture
def held(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return animation(world)


def media_post(upload, **overrides):
    data = {
        "upload": upload,
        "author": "Léa Bernard",
        "caption": "Atelier soudure",
        "alt_text": "Deux personnes soudent une carte électronique",
    }
    data.update(overrides)
    return data


def stored_files(tmp_path):
    return [p for p in tmp_path.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.txt", b"juste du texte"), "ni une photo"),
        (SimpleUploadedFile("fausse.png", b"GIF89a pas vraiment"), "ni une photo"),
        (SimpleUploadedFile("clip.mp4", b"\x00\x00\x00\x18notavideo"), "vidéo MP4"),
        (SimpleUploadedFile("clip.webm", b"OggS\x00\x02"), "vidéo WEBM"),
    ],
)
def test_upload_refuses_what_is_not_a_photo_or_video(world, login, held, tmp_path, upload, message):
    response = login(world.team_a).post(
        reverse("coaching:animation_media_add", args=[held.pk]), media_post(upload)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["upload"])
    assert "Atelier soudure" in response.content.decode()
    assert not AnimationMedia.objects.exists()
    assert stored_files(tmp_path) == []


def test_upload_refuses_over_20_mb(world, login, held, tmp_path):
    big = SimpleUploadedFile("grande.png", png_bytes() + b"\x00" * (20 * 1024 * 1024))
    response = login(world.team_a).post(
        reverse("coaching:animation_media_add", args=[held.pk]), media_post(big)
    )
    assert response.status_code == 200
    assert "20 Mo" in " ".join(response.context["form"].errors["upload"])
    assert not AnimationMedia.objects.exists()
    assert stored_files(tmp_path) == []


def test_people_shown_need_consent(world, login, held, tmp_path):
    upload = SimpleUploadedFile("groupe.png", png_bytes())
    response = login(world.team_a).post(
        reverse("coaching:animation_media_add", args=[held.pk]),
        media_post(upload, people_visible="on"),
    )
    assert response.status_code == 200
    assert "accord" in " ".join(response.context["form"].errors["consent"])
    assert not AnimationMedia.objects.exists()
    assert stored_files(tmp_path) == []


def test_author_is_required(world, login, held):
    upload = SimpleUploadedFile("photo.png", png_bytes())
    response = login(world.team_a).post(
        reverse("coaching:animation_media_add", args=[held.pk]), media_post(upload, author="")
    )
    assert response.status_code == 200
    assert "author" in response.context["form"].errors
    assert not AnimationMedia.objects.exists()


def test_good_photo_and_video_are_kept_with_their_licence(world, login, held, tmp_path):
    client = login(world.team_a)
    url = reverse("coaching:animation_media_add", args=[held.pk])
    photo = SimpleUploadedFile("portrait.jpg.png", png_bytes())
    response = client.post(url, media_post(photo, people_visible="on", consent="on"))
    assert response.status_code == 302
    video = SimpleUploadedFile("clip.mp4", mp4_bytes())
    assert client.post(url, media_post(video)).status_code == 302
    photo_media, video_media = AnimationMedia.objects.order_by("pk")
    assert photo_media.kind == "photo" and photo_media.file.name.endswith(".png")
    assert photo_media.licence == "cc-by-sa-4.0"
    assert photo_media.uploaded_by == world.team_a
    assert video_media.kind == "video" and video_media.file.name.endswith(".mp4")
    assert len(stored_files(tmp_path)) == 2


def test_documenting_a_planned_animation_is_refused(world, login, settings, tmp_path):
    planned = animation(world, status=AnimationStatus.PLANNED, starts_at=future())
    response = login(world.team_a).post(
        reverse("coaching:animation_document", args=[planned.pk]),
        {"report_what_happened": "Pas encore", "attendance_residents": "3"},
    )
    assert response.status_code == 200
    assert "Seule une animation tenue" in response.content.decode()
    planned.refresh_from_db()
    assert planned.report_what_happened == ""


def test_making_a_call_private_is_kept_from_the_team(world, login):
    record = call(world, eric="a", summary="Sujet délicat")
    services.hotline_call_update(by=world.coach_a, call=record, visibility=Visibility.PRIVATE)
    response = login(world.team_a).get(reverse("coaching:hotline_call_detail", args=[record.pk]))
    assert response.status_code == 404  # as a missing call: its id tells nothing


def test_event_ending_before_it_starts_is_refused(world, login):
    from coaching.models import FederatingEvent

    response = login(world.coach_a).post(
        reverse("coaching:federating_event_create"),
        {
            "programme": world.programme.pk,
            "name": "Fête de quartier de la Belle de Mai",
            "kind": "neighbourhood_fete",
            "starts_on": "2026-10-10",
            "ends_on": "2026-10-09",
            f"role_{world.accompaniment_a.pk}": "stand",
        },
    )
    assert response.status_code == 200
    assert "précède son début" in " ".join(response.context["form"].errors["ends_on"])
    assert "Fête de quartier de la Belle de Mai" in response.content.decode()
    assert not FederatingEvent.objects.exists()


def test_event_is_recorded_with_its_participants(world, login):
    from coaching.models import FederatingEvent

    response = login(world.coach_a).post(
        reverse("coaching:federating_event_create"),
        {
            "programme": world.programme.pk,
            "name": "Forum des tiers-lieux",
            "kind": "forum",
            "starts_on": "2026-10-10",
            f"role_{world.accompaniment_a.pk}": "talk",
        },
    )
    assert response.status_code == 302
    event = FederatingEvent.objects.get()
    assert [(p.accompaniment, p.role) for p in event.participations.all()] == [
        (world.accompaniment_a, "talk")
    ]


def test_caller_is_a_member_of_the_calling_eric_team(world, login):
    client = login(world.coach_a)
    response = client.post(
        reverse("coaching:hotline_quick_log"), quick_post(world, caller_member=world.team_b.pk)
    )
    assert response.status_code == 200
    assert "caller_member" in response.context["form"].errors
    assert not HotlineCall.objects.exists()
    response = client.post(
        reverse("coaching:hotline_quick_log"), quick_post(world, caller_member=world.team_a.pk)
    )
    assert response.status_code == 302
    assert HotlineCall.objects.get().caller_display == "team_a"


def test_follow_ups_are_added_ticked_and_seen_by_the_team(world, login):
    record = call(world, eric="a", summary="Dossier de subvention")
    coach = login(world.coach_a)
    response = coach.post(
        reverse("coaching:hotline_follow_up_add", args=[record.pk]),
        {"action": "Envoyer le modèle de budget", "owner": "Camille", "due_date": "2026-12-01"},
    )
    assert response.status_code == 302
    follow_up = record.follow_ups.get()
    assert (
        coach.post(reverse("coaching:hotline_follow_up_toggle", args=[follow_up.pk])).status_code
        == 302
    )
    follow_up.refresh_from_db()
    assert follow_up.done
    team = login(world.team_a)
    page = team.get(reverse("coaching:hotline_call_detail", args=[record.pk])).content.decode()
    assert "Envoyer le modèle de budget" in page
    assert (
        team.post(reverse("coaching:hotline_follow_up_toggle", args=[follow_up.pk])).status_code
        == 403
    )
    assert (
        login(world.team_b)
        .post(reverse("coaching:hotline_follow_up_add", args=[record.pk]), {"action": "x"})
        .status_code
        == 404
    )


def test_follow_up_without_action_is_refused(world, login):
    record = call(world, eric="a")
    response = login(world.coach_a).post(
        reverse("coaching:hotline_follow_up_add", args=[record.pk]), {"owner": "Camille"}
    )
    assert response.status_code == 200
    assert "action" in response.context["follow_up_form"].errors
    assert not record.follow_ups.exists()
