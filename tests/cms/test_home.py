"""« Mon espace » of the editors lists the sheets awaiting review (cms → core.home)."""

import html
import re

import pytest
from django.urls import reverse
from wagtail.models import Workflow

from cms.editorial import WORKFLOW_NAME

from .conftest import make_sheet


def submit(site, *, title, eric, by):
    sheet = make_sheet(site.knowledge_base, eric=eric, title=title, live=False)
    Workflow.objects.get(name=WORKFLOW_NAME).start(sheet, by)
    return sheet


def text(response):
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_the_editor_sees_each_sheet_awaiting_review_with_a_link(site, client):
    world = site.world
    world.team_a.first_name, world.team_a.last_name = "Awa", "Diallo"
    world.team_a.save()
    first = submit(site, title="Un atelier vélo", eric=world.eric_a, by=world.team_a)
    second = submit(site, title="Un repair café", eric=world.eric_b, by=world.team_b)
    make_sheet(site.knowledge_base, eric=world.eric_a, title="Brouillon non soumis", live=False)
    make_sheet(site.knowledge_base, eric=world.eric_a, title="Déjà publiée")

    for user in (site.editor, world.admin):
        client.force_login(user)
        page = text(client.get(reverse("coaching:home")))
        assert "Fiches en attente de relecture" in page
        for sheet in (first, second):
            assert (
                '<a href="%s">%s</a>'
                % (
                    reverse("wagtailadmin_pages:edit", args=[sheet.pk]),
                    sheet.title,
                )
                in page
            )
        assert "ERIC A · soumise par Awa Diallo le " in page
        assert "ERIC B · soumise par team_b le " in page
        assert "Brouillon non soumis" not in page and "Déjà publiée" not in page
        assert page.index("Un atelier vélo") < page.index("Un repair café")


@pytest.mark.django_db
def test_a_decided_sheet_leaves_the_list(site, client):
    world = site.world
    sheet = submit(site, title="Un atelier vélo", eric=world.eric_a, by=world.team_a)
    sheet.current_workflow_task_state.approve(user=site.editor)
    client.force_login(site.editor)
    page = text(client.get(reverse("coaching:home")))
    assert "Aucune fiche n'attend de relecture." in page
    assert "Un atelier vélo" not in page


@pytest.mark.django_db
def test_teams_and_coaches_do_not_see_the_list(site, client):
    world = site.world
    submit(site, title="Un atelier vélo", eric=world.eric_a, by=world.team_a)
    for user in (world.team_a, world.coach_a, world.region):
        client.force_login(user)
        page = text(client.get(reverse("coaching:home")))
        assert "Fiches en attente de relecture" not in page, user
        assert "Un atelier vélo" not in page, user


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_the_list_costs_two_queries_whatever_its_length(site, client, rows, snapshot_queries):
    world = site.world
    for n in range(rows):
        submit(site, title="Fiche %d" % n, eric=world.eric_a, by=world.team_a)
    client.force_login(site.editor)
    client.get(reverse("coaching:home"))  # warm up the session
    with snapshot_queries(name="home_editor") as queries:
        response = client.get(reverse("coaching:home"))
    page = text(response)
    assert len(re.findall(r'<li class="task">', page)) == rows
    # session, user, memberships, programmes + targets, memberships with organisations;
    # then the workflow states in progress and their sheets
    assert len(queries) == 8
