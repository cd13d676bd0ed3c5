import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from cms.editorial import EDITORS_GROUP, add_contributor, ensure_editorial_setup
from cms.models import CodeSourceSheet, EricIndexPage, EricPage, KnowledgeBaseIndexPage, Theme
from demo.public_site import ensure_home_page

PARIS = ZoneInfo("Europe/Paris")


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_sheet(
    parent,
    *,
    eric,
    title="Fiche",
    month=datetime.date(2026, 10, 1),
    licence="cc-by-sa-4.0",
    text="Une action documentée.",
    themes=(),
    published_at=None,
    live=True,
):
    """A sheet under ``parent``; published (and dated ``published_at``) when ``live``."""
    sheet = CodeSourceSheet(
        title=title,
        live=False,
        author_eric=eric,
        month=month,
        licence=licence,
        summary=text,
        context="<p>%s</p>" % text,
        what_was_done="<p>Ce qui a été fait.</p>",
        how_to_reproduce="<p>Comment le refaire.</p>",
    )
    sheet.themes = list(themes)
    parent.add_child(instance=sheet)
    revision = sheet.save_revision()
    if live:
        revision.publish()
        if published_at is not None:
            CodeSourceSheet.objects.filter(pk=sheet.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
            sheet.refresh_from_db()
    return sheet


@pytest.fixture
def site(world):
    """The world's programme with a public site: home, knowledge base, ERIC A's page,
    the editorial workflow; team A and B contribute, an editor publishes."""
    from django.contrib.auth.models import Group

    from organisations.enums import Role
    from tests.factories import make_user

    home = ensure_home_page(world.programme)
    knowledge_base = add_page(home, KnowledgeBaseIndexPage(title="Code source", slug="code-source"))
    eric_index = add_page(home, EricIndexPage(title="Les ERIC", slug="eric"))
    eric_page = add_page(
        eric_index,
        EricPage(
            title="ERIC A", slug="eric-a", eric=world.eric_a, intro="Présentation de l'ERIC A."
        ),
    )
    ensure_editorial_setup(knowledge_base)
    add_contributor(world.team_a)
    add_contributor(world.team_b)
    editor = make_user(username="site_editor", organisation=world.region_org, role=Role.EDITOR)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return SimpleNamespace(
        world=world,
        home=home,
        knowledge_base=knowledge_base,
        eric_index=eric_index,
        eric_page=eric_page,
        editor=editor,
        themes={theme.slug: theme for theme in Theme.objects.all()},
    )
