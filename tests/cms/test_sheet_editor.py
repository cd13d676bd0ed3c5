"""« Rédiger une fiche »: from the journal to Wagtail's editor, already filled in, in
plain French for ERIC teams, then submitted to the editors' review."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.models import CodeSourceSheet
from coaching import services
from coaching.enums import AnimationStatus
from tests.coaching.journal_helpers import counted_animation


def sheet_new(**params):
    return reverse("cms:sheet_new"), params


def add_url(site):
    return reverse(
        "wagtailadmin_pages:add", args=("cms", "codesourcesheet", site.knowledge_base.pk)
    )


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def held(site):
    return counted_animation(site.world, title="Atelier réparation de vélos")


@pytest.mark.django_db
def test_the_team_of_the_eric_is_sent_to_the_editor_under_the_knowledge_base(site, held, client):
    client.force_login(site.world.team_a)
    response = client.get(reverse("cms:sheet_new"), {"animation": held.pk})
    assert response.status_code == 302
    assert response["Location"] == "%s?%s" % (
        add_url(site),
        urlencode(
            {
                "eric": site.world.eric_a.slug,
                "animation": held.pk,
                # Once submitted, Wagtail sends the team back to the animation.
                "next": reverse("coaching:animation_detail", args=[held.pk]),
            }
        ),
    )


@pytest.mark.django_db
def test_from_the_trajectory_the_eric_alone_is_enough(site, client):
    client.force_login(site.world.coach_a)
    site.world.coach_a.groups.add(*site.world.team_a.groups.all())
    trajectory = reverse("progress:accompaniment_detail", args=[site.world.accompaniment_a.pk])
    response = client.get(
        reverse("cms:sheet_new"), {"eric": site.world.eric_a.slug, "next": trajectory}
    )
    assert response.status_code == 302
    assert response["Location"] == "%s?%s" % (
        add_url(site),
        urlencode({"eric": site.world.eric_a.slug, "next": trajectory}),
    )
    # Elsewhere than this site, the way back is « Mon espace ».
    response = client.get(
        reverse("cms:sheet_new"),
        {"eric": site.world.eric_a.slug, "next": "https://example.org/"},
    )
    assert response["Location"].endswith(urlencode({"next": reverse("coaching:home")}))


@pytest.mark.django_db
def test_others_may_not_write_for_the_eric(site, held, client):
    world = site.world
    for user in (world.team_b, world.coach_b, world.region, world.partner, world.outsider):
        client.force_login(user)
        response = client.get(reverse("cms:sheet_new"), {"animation": held.pk})
        assert response.status_code == 403, user
        response = client.get(reverse("cms:sheet_new"), {"eric": world.eric_a.slug})
        assert response.status_code == 403, user
    client.logout()
    response = client.get(reverse("cms:sheet_new"), {"animation": held.pk})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, message",
    [
        ({}, "Indiquez l'ERIC ou l'animation"),
        ({"animation": "abc"}, "Cette animation n'existe pas."),
        ({"animation": "999999"}, "Cette animation n'existe pas."),
        ({"animation": "1e5"}, "Cette animation n'existe pas."),
        ({"animation": "99999999999999999999999"}, "Cette animation n'existe pas."),
        ({"animation": "-1"}, "Cette animation n'existe pas."),
        ({"animation": "\x00"}, "caractère nul"),
        ({"eric": "\x00"}, "caractère nul"),
        ({"eric": "nulle-part"}, "Cet ERIC n'existe pas."),
    ],
)
def test_a_malformed_address_gets_a_french_message(site, client, params, message):
    client.force_login(site.world.team_a)
    response = client.get(reverse("cms:sheet_new"), params)
    assert response.status_code == 400
    assert message in text(response)


@pytest.mark.django_db
def test_an_animation_of_another_eric_or_cancelled_is_refused(site, held, client):
    world = site.world
    client.force_login(world.team_a)
    response = client.get(
        reverse("cms:sheet_new"), {"animation": held.pk, "eric": world.eric_b.slug}
    )
    assert response.status_code == 400
    assert "Cette animation n'est pas celle de cet ERIC." in text(response)
    services.animation_update(
        by=world.coach_a,
        animation=held,
        status=AnimationStatus.CANCELLED,
        cancellation_reason="Pluie",
    )
    response = client.get(reverse("cms:sheet_new"), {"animation": held.pk})
    assert response.status_code == 400
    assert "Cette animation a été annulée" in text(response)


@pytest.mark.django_db
def test_without_access_to_the_editing_space_the_page_says_whom_to_ask(site, held, client):
    world = site.world
    world.team_a.groups.clear()
    client.force_login(world.team_a)
    response = client.get(reverse("cms:sheet_new"), {"animation": held.pk})
    assert response.status_code == 403
    assert "groupe « Contributeurs ERIC »" in text(response)


@pytest.mark.django_db
def test_the_editor_opens_filled_in_and_in_plain_french_for_the_team(site, held, client):
    world = site.world
    client.force_login(world.team_a)
    location = client.get(reverse("cms:sheet_new"), {"animation": held.pk})["Location"]
    response = client.get(location)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["author_eric"].value() == world.eric_a.pk
    assert [int(pk) for pk in form["related_animations"].value()] == [held.pk]
    assert form["licence"].value() == "cc-by-sa-4.0"
    assert form["month"].value() == timezone.localtime(held.starts_at).date().replace(day=1)
    page = text(response)
    assert "Titre de la fiche" in page
    assert "L'ERIC et l'action" in page
    assert "Le « code source »" in page
    # Only the sheet's own tab: no slug, no search-engine fields, no scheduling.
    assert 'name="slug"' not in page
    assert 'id="tab-label-promotion"' not in page
    assert 'name="go_live_at"' not in page
    # The order a team tells its action in.
    positions = [page.index('name="%s"' % name) for name in ORDER]
    assert positions == sorted(positions)


ORDER = ["title", "summary", "author_eric", "related_animations", "month", "context", "licence"]


@pytest.mark.django_db
def test_the_editor_keeps_the_technical_tabs(site, held, client):
    client.force_login(site.editor)
    location = client.get(reverse("cms:sheet_new"), {"animation": held.pk})["Location"]
    page = text(client.get(location))
    assert 'name="slug"' in page
    assert 'id="tab-label-promotion"' in page
    assert 'name="go_live_at"' in page


@pytest.mark.django_db
def test_a_forged_address_opens_an_empty_form(site, held, client):
    client.force_login(site.world.team_b)
    response = client.get(add_url(site), {"eric": site.world.eric_a.slug, "animation": held.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert form["author_eric"].value() == site.world.eric_b.pk
    assert not form["related_animations"].value()


def team_post(site, animation, **overrides):
    data = {
        "title": "Un atelier vélo qui tourne",
        "summary": "Des outils, un créneau fixe, des bénévoles formés.",
        "author_eric": site.world.eric_a.pk,
        "month": "2026-11-01",
        "licence": "cc-by-sa-4.0",
        "context": rich_text("<p>Beaucoup de vélos cassés dans le quartier.</p>"),
        "need": rich_text(""),
        "what_was_done": rich_text("<p>Un atelier chaque samedi.</p>"),
        "resources_needed": rich_text(""),
        "results": rich_text(""),
        "how_to_reproduce": rich_text("<p>Trouver deux bénévoles mécaniciens.</p>"),
    }
    data.update(overrides)
    form = nested_form_data(data)
    form["themes"] = [site.themes["fablab-xlabs"].pk]
    form["related_animations"] = [animation.pk]
    return form


@pytest.mark.django_db
def test_a_team_member_creates_and_submits_without_seeing_the_slug(site, held, client):
    world = site.world
    client.force_login(world.team_a)
    back = reverse("coaching:animation_detail", args=[held.pk])
    response = client.post(
        add_url(site) + "?" + urlencode({"next": back}),
        team_post(site, held, **{"action-submit": "1", "next": back}),
    )
    assert response.status_code == 302, text(response)[:3000]
    assert response["Location"] == back
    sheet = CodeSourceSheet.objects.get(title="Un atelier vélo qui tourne")
    assert sheet.slug == "un-atelier-velo-qui-tourne"
    assert not sheet.live
    assert list(sheet.related_animations.all()) == [held]
    state = WorkflowState.objects.get(object_id=str(sheet.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == world.team_a
    # Back on the animation, the team finds the sheet it is writing.
    page = text(client.get(back))
    assert "En cours d'écriture ou de relecture" in page
    assert (
        '<a href="%s">Un atelier vélo qui tourne</a>'
        % (reverse("wagtailadmin_pages:edit", args=[sheet.pk]))
        in page
    )

    # Changing the title later keeps the address; a posted slug is ignored.
    edit_url = reverse("wagtailadmin_pages:edit", args=[sheet.pk])
    client.post(
        edit_url,
        team_post(
            site, held, title="Un atelier vélo", slug="autre-adresse", **{"action-submit": "1"}
        ),
    )
    sheet.refresh_from_db()
    assert sheet.get_latest_revision_as_object().slug == "un-atelier-velo-qui-tourne"
    assert not sheet.permissions_for_user(world.team_a).can_publish()


def button(page):
    match = re.search(r'href="([^"]*/espace/fiches/nouvelle/[^"]*)"[^>]*>([^<]*)<', page)
    return (html.unescape(match.group(1)), match.group(2).strip()) if match else None


@pytest.mark.django_db
def test_a_documented_animation_offers_to_write_a_sheet_to_those_who_may(site, held, client):
    world = site.world
    url = reverse("coaching:animation_detail", args=[held.pk])
    for user in (world.team_a, world.coach_a):
        client.force_login(user)
        assert button(text(client.get(url))) == (
            "/espace/fiches/nouvelle/?animation=%d" % held.pk,
            "Rédiger une fiche",
        )
    client.force_login(world.region)
    assert button(text(client.get(url))) is None


@pytest.mark.django_db
def test_an_undocumented_animation_offers_nothing(site, client):
    from tests.coaching.journal_helpers import animation

    planned = animation(site.world, status=AnimationStatus.HELD, title="Sans compte rendu")
    client.force_login(site.world.team_a)
    page = text(client.get(reverse("coaching:animation_detail", args=[planned.pk])))
    assert button(page) is None


@pytest.mark.django_db
def test_the_trajectory_offers_to_write_a_sheet_to_the_team_and_its_coach(site, client):
    world = site.world
    url = reverse("progress:accompaniment_detail", args=[world.accompaniment_a.pk])
    for user in (world.team_a, world.coach_a, world.admin):
        client.force_login(user)
        assert button(text(client.get(url))) == (
            "/espace/fiches/nouvelle/?eric=%s&next=%s" % (world.eric_a.slug, url),
            "Rédiger une fiche",
        )
    client.force_login(world.region)
    assert button(text(client.get(url))) is None
