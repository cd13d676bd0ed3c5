"""ERIC teams draft sheets in Wagtail; editors publish them; the month's count moves."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.models import CodeSourceSheet
from cms.selectors import sheets_published

from .conftest import PARIS, make_sheet


def sheet_form(site, **overrides):
    data = {
        "title": "Animer un fablab de quartier",
        "slug": "animer-un-fablab-de-quartier",
        "author_eric": site.world.eric_a.pk,
        "month": "2026-11-01",
        "licence": "cc-by-sa-4.0",
        "summary": "Une imprimante 3D, des bénévoles et un créneau fixe.",
        "context": rich_text("<p>Un ERIC qui veut ouvrir un fablab.</p>"),
        "need": rich_text(""),
        "what_was_done": rich_text("<p>Un atelier hebdomadaire.</p>"),
        "resources_needed": rich_text(""),
        "results": rich_text(""),
        "how_to_reproduce": rich_text("<p>Commencer petit.</p>"),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    form = nested_form_data(data)
    form["themes"] = [site.themes["fablab-xlabs"].pk, site.themes["coworking"].pk]
    return form


def add_url(site):
    return reverse(
        "wagtailadmin_pages:add", args=("cms", "codesourcesheet", site.knowledge_base.pk)
    )


def month_count(site, month):
    return {eric.name: eric.sheet_count for eric in sheets_published(site.world.programme, month)}


@pytest.mark.django_db
def test_team_drafts_and_submits_editor_publishes_and_the_month_counts(site, client):
    world = site.world
    this_month = timezone.localdate().replace(day=1)
    assert month_count(site, this_month) == {"ERIC A": 0, "ERIC B": 0}

    client.force_login(world.team_a)
    response = client.post(add_url(site), sheet_form(site, **{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    sheet = CodeSourceSheet.objects.get(slug="animer-un-fablab-de-quartier")
    assert not sheet.live
    state = WorkflowState.objects.get(object_id=str(sheet.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Relecture éditoriale"

    # The team member may not publish, by the admin or directly.
    assert not sheet.permissions_for_user(world.team_a).can_publish()
    edit_url = reverse("wagtailadmin_pages:edit", args=[sheet.pk])
    client.post(edit_url, sheet_form(site, **{"action-publish": "1"}))
    sheet.refresh_from_db()
    assert not sheet.live
    assert month_count(site, this_month)["ERIC A"] == 0

    # The editor approves the task: the sheet is published.
    assert sheet.permissions_for_user(site.editor).can_publish()
    task_state = state.current_task_state
    assert site.editor in [user for user in task_state.task.specific.groups.first().user_set.all()]
    client.force_login(site.editor)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[sheet.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    sheet.refresh_from_db()
    assert sheet.live
    assert month_count(site, this_month) == {"ERIC A": 1, "ERIC B": 0}
    assert client.get(sheet.url).status_code == 200


@pytest.mark.django_db
def test_a_team_member_cannot_approve_its_own_sheet(site, client):
    world = site.world
    client.force_login(world.team_a)
    client.post(add_url(site), sheet_form(site, **{"action-submit": "1"}))
    sheet = CodeSourceSheet.objects.get(slug="animer-un-fablab-de-quartier")
    task_state = WorkflowState.objects.get(object_id=str(sheet.pk)).current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[sheet.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert response.status_code in (302, 403)
    sheet.refresh_from_db()
    assert not sheet.live


@pytest.mark.django_db
def test_a_sheet_without_author_is_refused_in_french_and_nothing_is_lost(site, client):
    client.force_login(site.editor)
    response = client.post(
        add_url(site), sheet_form(site, author_eric="", licence="", **{"action-submit": "1"})
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Choisissez l'ERIC auteur de la fiche." in page
    assert "Choisissez une licence libre" in page
    # What was typed comes back in the form.
    assert "Une imprimante 3D, des bénévoles et un créneau fixe." in page
    assert not CodeSourceSheet.objects.filter(slug="animer-un-fablab-de-quartier").exists()


@pytest.mark.django_db
def test_a_team_writes_in_its_own_erics_name_only(site, client):
    world = site.world
    client.force_login(world.team_b)
    response = client.post(add_url(site), sheet_form(site, **{"action-submit": "1"}))
    assert response.status_code == 200  # ERIC A is not a valid choice for team B
    assert not CodeSourceSheet.objects.filter(slug="animer-un-fablab-de-quartier").exists()
    form = client.get(add_url(site)).context["form"]
    assert list(form.fields["author_eric"].queryset) == [world.eric_b]


@pytest.mark.django_db
def test_team_b_cannot_edit_team_as_sheet(site, client):
    world = site.world
    sheet = make_sheet(site.knowledge_base, eric=world.eric_a, title="Fiche de A", live=False)
    assert sheet.permissions_for_user(world.team_a).can_edit()
    assert not sheet.permissions_for_user(world.team_b).can_edit()
    assert sheet.permissions_for_user(site.editor).can_edit()
    client.force_login(world.team_b)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[sheet.pk]))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_people_outside_eric_teams_get_no_admin_access(site, client):
    for user in (site.world.partner, site.world.outsider):
        client.force_login(user)
        response = client.get(add_url(site))
        assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_a_sheet_counts_in_the_month_of_its_first_publication(site):
    world = site.world
    sheet = make_sheet(
        site.knowledge_base,
        eric=world.eric_a,
        published_at=datetime.datetime(2026, 10, 31, 23, 30, tzinfo=PARIS),
    )
    make_sheet(
        site.knowledge_base,
        eric=world.eric_b,
        published_at=datetime.datetime(2026, 11, 1, 0, 15, tzinfo=PARIS),
    )
    make_sheet(site.knowledge_base, eric=world.eric_b, live=False)
    october, november = datetime.date(2026, 10, 1), datetime.date(2026, 11, 1)
    assert month_count(site, october) == {"ERIC A": 1, "ERIC B": 0}
    assert month_count(site, november) == {"ERIC A": 0, "ERIC B": 1}
    # A later revision does not move it to another month.
    sheet.summary = "Révisée"
    sheet.save_revision().publish()
    assert month_count(site, october)["ERIC A"] == 1


@pytest.mark.django_db
def test_sheets_published_is_one_query(site, snapshot_queries):
    with snapshot_queries(name="sheets_published") as queries:
        list(sheets_published(site.world.programme, datetime.date(2026, 10, 1)))
    assert len(queries) == 1


@pytest.mark.django_db
def test_publishing_or_unpublishing_a_sheet_refreshes_the_cached_indicators(site):
    from coaching.enums import Indicator
    from progress.indicators import cached_programme_indicators
    from tests.factories import make_target

    world = site.world
    make_target(programme=world.programme, indicator=Indicator.CODE_SOURCE_SHEETS, value=1)
    today = datetime.date(2026, 11, 20)

    def sheets_of_a():
        result = cached_programme_indicators(world.programme, today=today)
        return result.row(Indicator.CODE_SOURCE_SHEETS).figure.actual

    assert sheets_of_a() == 0  # now cached
    sheet = make_sheet(
        site.knowledge_base,
        eric=world.eric_a,
        published_at=datetime.datetime(2026, 11, 3, 10, tzinfo=PARIS),
    )
    assert sheets_of_a() == 1
    sheet.unpublish()
    assert sheets_of_a() == 0
