"""An ERIC team sees none of another ERIC's sheets in the Wagtail admin: explorer,
admin search, page chooser, admin API, the sheet's own pages (issue 18, item 6)."""

import pytest
from django.urls import reverse

from .conftest import make_sheet

SECRET = "Brouillon confidentiel du voisin"


@pytest.fixture
def drafts(site):
    own = make_sheet(site.knowledge_base, eric=site.world.eric_a, title="Fiche publiee du lieu A")
    other = make_sheet(site.knowledge_base, eric=site.world.eric_b, title=SECRET, live=False)
    return own, other


def admin_urls(site, other):
    kb = site.knowledge_base.pk
    return [
        reverse("wagtailadmin_explore", args=[kb]),
        reverse("wagtailadmin_explore", args=[kb]) + "?q=confidentiel",
        reverse("wagtailadmin_explore", args=[kb]) + "?q=confidentiel&search_all=1",
        reverse("wagtailadmin_pages:search") + "?q=confidentiel",
        reverse("wagtailadmin_pages:search_results") + "?q=confidentiel",
        reverse("wagtailadmin_choose_page_child", args=[kb]),
        reverse("wagtailadmin_choose_page_search") + "?q=confidentiel",
        "/admin/api/main/pages/?child_of=%s&for_explorer=1" % kb,
        "/admin/api/main/pages/?search=confidentiel",
    ]


def test_another_eric_s_draft_is_nowhere_in_the_admin(site, drafts, client):
    own, other = drafts
    client.force_login(site.world.team_a)
    for url in admin_urls(site, other):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert SECRET not in text, url
        assert other.slug not in text, url
        assert "/admin/pages/%s/" % other.pk not in text, url
    # The sheet's own admin pages answer as a missing page, or refuse.
    assert client.get(reverse("wagtailadmin_explore", args=[other.pk])).status_code == 404
    assert client.get("/admin/api/main/pages/%s/" % other.pk).status_code == 404
    for name in ("wagtailadmin_pages:edit", "wagtailadmin_pages:history"):
        response = client.get(reverse(name, args=[other.pk]))
        assert response.status_code in (302, 403, 404), name
        assert SECRET not in response.content.decode(), name


def test_the_team_still_sees_its_own_sheets_and_editors_see_all(site, drafts, client):
    own, other = drafts
    kb = site.knowledge_base.pk
    client.force_login(site.world.team_b)
    text = client.get(reverse("wagtailadmin_explore", args=[kb])).content.decode()
    assert SECRET in text
    assert client.get("/admin/api/main/pages/%s/" % other.pk).status_code == 200
    client.force_login(site.editor)
    text = client.get(reverse("wagtailadmin_explore", args=[kb])).content.decode()
    assert SECRET in text and own.title in text
