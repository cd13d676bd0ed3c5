"""The access matrix on every journal page: lists, details, exports, media, history.

ERIC A and ERIC B each have a shared call, a private call (A only), sessions and an
animation; the partner's organisation co-organised A's animation only.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coaching import services
from tests.coaching.journal_helpers import (
    animation,
    call,
    partners,
    past,
    png_upload,
    session,
)

USERS = ["coach_a", "coach_b", "team_a", "team_b", "region", "partner", "admin"]


@pytest.fixture
def journal(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    records = {
        "call_a_shared": call(world, eric="a", summary="APPEL-A-PARTAGE"),
        "call_a_private": call(world, eric="a", shared=False, summary="APPEL-A-PRIVE"),
        "call_b": call(world, eric="b", summary="APPEL-B-PARTAGE"),
        "session_a_shared": session(world, eric="a", objectives="SEANCE-A-PARTAGEE"),
        "session_a_private": session(world, eric="a", shared=False, objectives="SEANCE-A-PRIVEE"),
        "session_b": session(world, eric="b", objectives="SEANCE-B-PARTAGEE"),
        "animation_a": animation(
            world, eric="a", title="ANIMATION-A", co_organisers=[world.partner_org, *partners(1)]
        ),
        "animation_b": animation(
            world, eric="b", title="ANIMATION-B", co_organisers=partners(2, prefix="Autre")
        ),
    }
    records["event_a"] = services.federating_event_create(
        by=world.coach_a,
        programme=world.programme,
        name="EVENEMENT-A",
        starts_on=past().date(),
        participations={world.accompaniment_a: "stand"},
    )
    records["event_b"] = services.federating_event_create(
        by=world.coach_b,
        programme=world.programme,
        name="EVENEMENT-B",
        starts_on=past().date(),
        participations={world.accompaniment_b: "talk"},
    )
    records["event_media_a"] = services.federating_event_media_add(
        by=world.team_a,
        event=records["event_a"],
        upload=png_upload(),
        author="Léa",
        alt_text="Un atelier",
    )
    records["media_a"] = services.animation_media_add(
        by=world.coach_a,
        animation=records["animation_a"],
        upload=png_upload(),
        author="Léa",
        alt_text="Un atelier",
    )
    records["media_b"] = services.animation_media_add(
        by=world.coach_b,
        animation=records["animation_b"],
        upload=png_upload(),
        author="Paul",
        alt_text="Un atelier",
    )
    return records


# Who sees which record.
SEES = {
    "call_a_shared": {"coach_a", "team_a", "region", "admin"},
    "call_a_private": {"coach_a", "region", "admin"},
    "call_b": {"coach_b", "team_b", "region", "admin"},
    "session_a_shared": {"coach_a", "team_a", "region", "admin"},
    "session_a_private": {"coach_a", "region", "admin"},
    "session_b": {"coach_b", "team_b", "region", "admin"},
    "animation_a": {"coach_a", "team_a", "region", "partner", "admin"},
    "animation_b": {"coach_b", "team_b", "region", "admin"},
    # Events are the programme's: both coaches, the Region, the teams taking part.
    "event_a": {"coach_a", "coach_b", "team_a", "region", "admin"},
    "event_b": {"coach_a", "coach_b", "team_b", "region", "admin"},
}
MARKERS = {
    "call_a_shared": "APPEL-A-PARTAGE",
    "call_a_private": "APPEL-A-PRIVE",
    "call_b": "APPEL-B-PARTAGE",
    "session_a_shared": "SEANCE-A-PARTAGEE",
    "session_a_private": "SEANCE-A-PRIVEE",
    "session_b": "SEANCE-B-PARTAGEE",
    "animation_a": "ANIMATION-A",
    "animation_b": "ANIMATION-B",
    "event_a": "EVENEMENT-A",
    "event_b": "EVENEMENT-B",
}
LISTS = {
    "appels": ("coaching:hotline_call_list", ["call_a_shared", "call_a_private", "call_b"]),
    "seances": (
        "coaching:coaching_session_list",
        ["session_a_shared", "session_a_private", "session_b"],
    ),
    "animations": ("coaching:animation_list", ["animation_a", "animation_b"]),
    "evenements": ("coaching:federating_event_list", ["event_a", "event_b"]),
}
DETAILS = {
    "call_a_shared": ("coaching:hotline_call_detail", "appel"),
    "call_a_private": ("coaching:hotline_call_detail", "appel"),
    "call_b": ("coaching:hotline_call_detail", "appel"),
    "session_a_shared": ("coaching:coaching_session_detail", "seance"),
    "session_a_private": ("coaching:coaching_session_detail", "seance"),
    "session_b": ("coaching:coaching_session_detail", "seance"),
    "animation_a": ("coaching:animation_detail", "animation"),
    "animation_b": ("coaching:animation_detail", "animation"),
    "event_a": ("coaching:federating_event_detail", "evenement"),
    "event_b": ("coaching:federating_event_detail", "evenement"),
}


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("kind", list(LISTS))
def test_lists_show_only_what_the_user_may_see(world, journal, login, who, kind):
    url_name, keys = LISTS[kind]
    # The list page shows the summaries of calls only on detail: search for each marker.
    client = login(getattr(world, who))
    for key in keys:
        response = client.get(reverse(url_name), {"q": MARKERS[key]})
        assert response.status_code == 200
        shown = list(response.context["records"])
        assert (journal[key] in shown) is (who in SEES[key]), key


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("kind", list(LISTS))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_hold_only_what_the_user_may_see(world, journal, login, who, kind, fmt):
    _, keys = LISTS[kind]
    response = login(getattr(world, who)).get(reverse("coaching:journal_export", args=[kind, fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        text = "\n".join(
            str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell
        )
    for key in keys:
        assert (MARKERS[key] in text) is (who in SEES[key]), key


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("key", list(DETAILS))
def test_detail_and_history_follow_the_matrix(world, journal, login, who, key):
    url_name, history_kind = DETAILS[key]
    client = login(getattr(world, who))
    record = journal[key]
    detail = client.get(reverse(url_name, args=[record.pk]))
    history = client.get(reverse("coaching:record_history", args=[history_kind, record.pk]))
    expected = 200 if who in SEES[key] else 404  # as a missing record: ids tell nothing
    assert detail.status_code == expected
    assert history.status_code == expected
    if expected == 200:
        assert MARKERS[key] in detail.content.decode()


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("key", ["animation_a", "animation_b"])
def test_media_is_served_only_to_those_who_see_the_animation(world, journal, login, who, key):
    media = journal[key.replace("animation", "media")]
    response = login(getattr(world, who)).get(
        reverse("coaching:animation_media_file", args=[media.pk])
    )
    if who in SEES[key]:
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("who", USERS)
def test_event_media_follows_the_event(world, journal, login, who):
    media = journal["event_media_a"]
    response = login(getattr(world, who)).get(
        reverse("coaching:federating_event_media_file", args=[media.pk])
    )
    assert response.status_code == (200 if who in SEES["event_a"] else 404)


@pytest.mark.parametrize(
    "url",
    [
        reverse("coaching:journal_home"),
        reverse("coaching:hotline_call_list"),
        reverse("coaching:coaching_session_list"),
        reverse("coaching:animation_list"),
        reverse("coaching:federating_event_list"),
        reverse("coaching:journal_export", args=["animations", "csv"]),
        reverse("coaching:journal_export", args=["evenements", "xlsx"]),
    ],
)
def test_outsider_and_anonymous_are_kept_out(world, journal, client, login, url):
    assert client.get(url).status_code == 302  # to the login page
    assert login(world.outsider).get(url).status_code == 403


@pytest.mark.parametrize("who", ["team_a", "region", "partner", "coach_b"])
def test_only_the_coach_writes_the_journal_of_their_eric(world, journal, login, who):
    client = login(getattr(world, who))
    # 403 for a record they see, 404 (as a missing one) for a record they do not
    call_a = journal["call_a_shared"]
    response = client.get(reverse("coaching:hotline_call_update", args=[call_a.pk]))
    assert response.status_code == (403 if who in SEES["call_a_shared"] else 404)
    animation_a = journal["animation_a"]
    response = client.get(reverse("coaching:animation_update", args=[animation_a.pk]))
    assert response.status_code == (403 if who in SEES["animation_a"] else 404)


def test_quick_log_is_for_resource_persons(world, login):
    assert login(world.coach_a).get(reverse("coaching:hotline_quick_log")).status_code == 200
    for who in ("team_a", "region", "partner"):
        response = login(getattr(world, who)).get(reverse("coaching:hotline_quick_log"))
        assert response.status_code == 403, who


def test_team_documents_its_own_animation_not_the_other(world, journal, login):
    client = login(world.team_a)
    own = reverse("coaching:animation_document", args=[journal["animation_a"].pk])
    other = reverse("coaching:animation_document", args=[journal["animation_b"].pk])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404
    response = client.post(
        own, {"report_what_happened": "Belle rencontre", "attendance_residents": "14"}
    )
    assert response.status_code == 302
    journal["animation_a"].refresh_from_db()
    assert journal["animation_a"].report_what_happened == "Belle rencontre"
    # Partners read what they co-organised but do not document it.
    assert login(world.partner).get(own).status_code == 404


def test_history_shows_who_changed_what(world, journal, login):
    client = login(world.coach_a)
    record = journal["animation_a"]
    response = client.post(
        reverse("coaching:animation_document", args=[record.pk]),
        {
            "report_what_happened": "Compte rendu de la séance",
            "attendance_young": "8",
            # the page's partner boxes come checked: the partners stay as they were
            "co_organisers": [org.pk for org in record.co_organisers.all()],
        },
    )
    assert response.status_code == 302
    history = client.get(reverse("coaching:record_history", args=["animation", record.pk]))
    entries = history.context["entries"]
    latest = entries[0]
    assert latest.actor == world.coach_a
    assert latest.action_label == "modification"
    rows = {row["label"]: row for row in latest.rows}
    assert rows["ce qui s'est passé"]["after"] == "Compte rendu de la séance"
    assert rows["jeunes"] == {"label": "jeunes", "before": "—", "after": "8"}
    # The co-organisers read as organisations added; the creation is there too.
    texts = [row.get("text", "") for entry in entries for row in entry.rows]
    assert any(text.startswith("ajout : ") and "Partenaire" in text for text in texts)
    assert entries[-1].action_label == "création"
    page = history.content.decode()
    assert "coach_a" in page and "Compte rendu de la séance" in page


@pytest.mark.parametrize(
    ("who", "has_link", "has_quick_log"),
    [
        ("coach_a", True, True),
        ("team_a", True, False),
        ("region", True, False),
        ("partner", True, False),
        ("outsider", False, False),
    ],
)
def test_home_and_navigation_lead_to_the_journal(world, login, who, has_link, has_quick_log):
    page = login(getattr(world, who)).get(reverse("coaching:home")).content.decode()
    assert ('href="{}"'.format(reverse("coaching:journal_home")) in page) is has_link
    assert ('href="{}"'.format(reverse("coaching:hotline_quick_log")) in page) is has_quick_log


def test_admin_lists_the_journal_read_only(world, login):
    call(world, eric="a")
    world.admin.is_staff = world.admin.is_superuser = True
    world.admin.save(update_fields=["is_staff", "is_superuser"])
    client = login(world.admin)
    assert client.get(reverse("admin:coaching_hotlinecall_changelist")).status_code == 200
    assert client.get(reverse("admin:coaching_hotlinecall_add")).status_code == 403
