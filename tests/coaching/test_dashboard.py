"""The Region's progress dashboard: who opens it, what it shows, in how many queries."""

import base64
import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse

from coaching.enums import Basis, Indicator
from progress.fragments import forget_recent_fragments
from progress.indicators import forget_recent_indicators
from tests.coaching.journal_helpers import animation, counted_animation, partners
from tests.factories import make_accompaniment, make_programme, make_target
from tests.newsletter.factories import make_published_issue

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 11, 15)


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


@pytest.fixture
def programme(world, time_machine_today):
    time_machine_today(TODAY)
    programme = world.programme
    make_target(
        programme=programme, indicator=Indicator.ANIMATIONS, value=1, basis=Basis.PER_ERIC_PER_MONTH
    )
    make_target(programme=programme, indicator=Indicator.NEWSLETTERS, value=10)
    make_target(
        programme=programme, indicator=Indicator.CODE_SOURCE_SHEETS, value=1, basis=Basis.PER_MONTH
    )
    make_target(
        programme=programme, indicator=Indicator.HOTLINE_HALF_DAYS, value=1, basis=Basis.PER_WEEK
    )
    make_target(
        programme=programme, indicator=Indicator.FEDERATING_EVENTS, value=1, basis=Basis.PER_ERIC
    )
    return programme


def url(programme, **query):
    path = reverse("progress:programme_dashboard", args=[programme.slug])
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return path


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("region", 200),
        ("admin", 200),
        ("coach_a", 200),
        ("team_a", 403),
        ("partner", 403),
        ("outsider", 404),  # no programme at all: as a missing one
    ],
)
def test_who_opens_the_dashboard(world, programme, login, who, status):
    client = login(getattr(world, who))
    assert client.get(url(programme)).status_code == status
    assert client.get(url(programme, fragment="figures")).status_code == status


def test_anonymous_is_sent_to_login(client, programme):
    response = client.get(url(programme))
    assert response.status_code == 302
    assert "/login" in response["Location"] or "connexion" in response["Location"]


def test_region_of_another_funder_gets_403(world, login, time_machine_today):
    time_machine_today(TODAY)
    other = make_programme()
    assert login(world.region).get(url(other)).status_code == 403


def test_each_target_with_actual_expected_and_status(world, programme, login):
    counted_animation(world, starts_at=paris(2026, 10, 8, 14))
    make_published_issue(programme=programme, published_at=paris(2026, 10, 2, 9))
    counted_animation(world, eric="b", starts_at=paris(2026, 11, 3, 14))
    response = login(world.region).get(url(programme))
    html = response.content.decode()
    row = re.search(r'<tr data-indicator="animations"[^>]*>(.*?)</tr>', html, re.DOTALL).group(1)
    cells = re.findall(r'<td class="num">(.*?)</td>', row, re.DOTALL)
    assert ">2</a>" in cells[0]  # actual, linking to the counted animations
    assert cells[1] == "4"  # expected: 1 × 2 ERIC × 2 months ended
    assert cells[2] == "20"
    assert "en danger" in row  # 2 is less than 75 % of 4
    # the list of exactly what the figure counts: this programme, up to today
    counted = "/espace/journal/animations/?programme=%s&amp;until=2026-11-15&amp;status=counted"
    assert counted % programme.slug in row
    # the newsletter figure: the published issue, linking to the archive it counts
    newsletters = re.search(r'<tr data-indicator="newsletters"[^>]*>(.*?)</tr>', html, re.DOTALL)
    assert "pas encore suivi" not in newsletters.group(1)
    assert ">1</a>" in newsletters.group(1)
    assert "/lettre/?programme=%s&amp;until=2026-11-15" % programme.slug in newsletters.group(1)
    # per-ERIC links carry the ERIC and the month
    assert f"status=counted&amp;eric={world.eric_b.pk}&amp;month=2026-11" in html


def test_charts_are_svg_without_script_with_a_data_table(world, programme, login):
    counted_animation(world, starts_at=paris(2026, 10, 8, 14))
    html = login(world.region).get(url(programme)).content.decode()
    sources = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert sources
    for source in sources:
        svg = base64.b64decode(source).decode()
        assert svg.startswith("<svg")
        assert "<script" not in svg
        assert "http://" not in svg.split("-->")[-1].replace("http://www.w3.org", "")
    assert "Données du graphique « Animations multi-partenariales documentées »" in html
    assert "<script>" not in html  # no inline script for the CSP


def test_alerts(world, programme, login, django_capture_on_commit_callbacks, time_machine_today):
    time_machine_today(datetime.date(2026, 11, 20))  # past mid-month
    stale = animation(
        world, title="Atelier oublié", co_organisers=partners(2), starts_at=paris(2026, 10, 20, 14)
    )
    counted_animation(world, starts_at=paris(2026, 11, 2, 14))
    html = login(world.region).get(url(programme)).content.decode()
    assert "ERIC B : aucune animation comptée ce mois-ci, à mi-mois passé." in html
    assert "ERIC A : aucune animation" not in html
    assert "« Atelier oublié », tenue le 20/10/2026, n&#x27;est toujours pas documentée." in html
    assert reverse("coaching:animation_detail", args=[stale.pk]) in html
    assert "Permanence téléphonique non tenue la semaine du 09/11/2026." in html
    # sheets are the programme's (one a month), not each ERIC's
    assert "Aucune fiche « code source » publiée ce mois-ci, à mi-mois passé." in html
    assert "ERIC A : aucune fiche" not in html


def test_no_month_alert_before_the_16th(world, programme, login, time_machine_today):
    time_machine_today(datetime.date(2026, 11, 15))
    html = login(world.region).get(url(programme)).content.decode()
    assert "ce mois-ci" not in html.split('id="alerts-title"')[1].split("</section>")[0]


def test_fragment_is_the_figures_only(world, programme, login):
    response = login(world.coach_a).get(url(programme, fragment="figures"))
    html = response.content.decode()
    assert "<html" not in html
    assert 'data-indicator="animations"' in html


def test_index_goes_to_the_only_dashboard(world, programme, login):
    response = login(world.region).get(reverse("progress:dashboard_index"))
    assert response.status_code == 302
    assert response["Location"] == url(programme)
    assert login(world.team_a).get(reverse("progress:dashboard_index")).status_code == 403


def test_navigation_shows_the_dashboard_to_the_region_not_to_teams(world, programme, login):
    home = reverse("coaching:home")
    assert "Tableau de bord" in login(world.region).get(home).content.decode()
    assert "Tableau de bord" not in login(world.team_a).get(home).content.decode()


def test_same_queries_with_1_and_50_eric(world, login, time_machine_today, snapshot_queries):
    time_machine_today(TODAY)
    programme = make_programme(funder=world.region_org)
    for indicator in Indicator.values:
        make_target(programme=programme, indicator=indicator, value=3)
    first = make_accompaniment(programme=programme)
    client = login(world.region)
    with snapshot_queries(name="dashboard") as one:
        assert client.get(url(programme)).status_code == 200
    for _ in range(49):
        make_accompaniment(programme=programme)
    assert first.pk
    cache.clear()  # the factory saves announce nothing: compute afresh
    forget_recent_indicators()
    forget_recent_fragments()
    with snapshot_queries(name="dashboard"):
        response = client.get(url(programme))
    assert response.content.decode().count("/espace/accompagnements/") >= 50
    # the figures are now cached until the programme's next change: the 16 queries of
    # the indicators are saved for every page that refreshes after a save
    with snapshot_queries(name="cached_figures") as cached:
        client.get(url(programme, fragment="figures"))
    assert len(cached) == len(one) - 16
    assert len(one) <= 22


def test_a_save_makes_the_cached_figures_stale(
    world, programme, login, django_capture_on_commit_callbacks
):
    client = login(world.region)
    assert ">0</a>" in client.get(url(programme, fragment="figures")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        counted_animation(world, starts_at=paris(2026, 10, 15, 14))
    row = client.get(url(programme, fragment="figures")).content.decode()
    assert 'data-indicator="animations"' in row
    animations_row = row.split('data-indicator="animations"')[1].split("</tr>")[0]
    assert ">1</a>" in animations_row


def test_alerts_are_capped_with_a_link_to_the_rest(world, programme, login, time_machine_today):
    time_machine_today(datetime.date(2026, 11, 16))
    for _ in range(11):
        make_accompaniment(programme=programme)
    html = login(world.region).get(url(programme)).content.decode()
    # 13 ERIC without an animation this month: 10 named, then one line for the 3 others
    assert html.count("aucune animation comptée ce mois-ci, à mi-mois passé.") == 10
    assert "… et 3 autres." in html
    assert (
        f"/espace/journal/animations/?programme={programme.slug}&amp;until=2026-11-16&amp;month=2026-11"
        in html
    )


def test_per_eric_table_is_paginated_and_filters_those_behind(world, login, time_machine_today):
    from progress.dashboard import ERIC_PAGE_SIZE

    time_machine_today(TODAY)
    programme = world.programme
    make_target(
        programme=programme,
        indicator=Indicator.ANIMATIONS,
        value=1,
        basis=Basis.PER_ERIC_PER_MONTH,
    )
    # two months have ended: ERIC A, with two, is on track; every other ERIC is behind
    counted_animation(world, starts_at=paris(2026, 9, 15, 14))
    counted_animation(world, starts_at=paris(2026, 10, 15, 14))
    for _ in range(ERIC_PAGE_SIZE):
        make_accompaniment(programme=programme)
    client = login(world.region)
    first = client.get(url(programme)).content.decode()
    assert "52 ERIC — page 1 sur 2" in first
    assert "page=2#erics-title" in first
    second = client.get(url(programme) + "?page=2").content.decode()
    assert "page 2 sur 2" in second
    # the live fragment keeps the page the user is on
    assert 'data-fragment-url="%s?fragment=figures&amp;page=2"' % url(programme) in second
    behind = client.get(url(programme) + "?etat=retard").content.decode()
    assert "51 ERIC — page 1 sur 2" in behind
    assert world.eric_a.name not in behind.split('id="erics-title"')[1].split("</table>")[0]
    # a page out of range shows the last page, never an error
    assert client.get(url(programme) + "?page=99").status_code == 200
    assert client.get(url(programme) + "?page=abc").status_code == 200


def test_charts_are_drawn_once_per_data_and_language(world, programme, login, monkeypatch):
    from progress import charts

    drawn = []
    draw = charts._draw_cumulative_chart
    monkeypatch.setattr(charts, "_draw_cumulative_chart", lambda *a: drawn.append(a[0]) or draw(*a))
    client = login(world.region)
    client.get(url(programme))
    first = len(drawn)
    assert first >= 1
    client.get(url(programme))
    assert len(drawn) == first  # same figures: from the cache
    counted_animation(world, starts_at=paris(2026, 10, 15, 14))
    client.get(url(programme))
    assert len(drawn) == first + 1  # only the animations chart changed


def test_dashboard_works_when_the_cache_is_down(world, programme, login, monkeypatch):
    from core import charts

    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("Redis is down")

        set = get

    monkeypatch.setattr(charts, "cache", Down())
    response = login(world.region).get(url(programme))
    assert response.status_code == 200
    assert "data:image/svg+xml;base64," in response.content.decode()


def test_viewers_who_see_the_same_share_one_rendered_fragment(
    world, programme, login, django_capture_on_commit_callbacks, snapshot_queries
):
    from organisations.enums import Role
    from tests.factories import make_user

    make_target(
        programme=programme, indicator=Indicator.TRUST_CIRCLE_MAPS, value=1, basis=Basis.PER_ERIC
    )
    colleague = make_user(
        username="region2", organisation=world.region_org, role=Role.REGION_OFFICER
    )
    fragment = url(programme, fragment="figures")
    first = login(world.region).get(fragment).content.decode()
    colleague_client = login(colleague)
    with snapshot_queries(name="shared_fragment") as shared:
        second = colleague_client.get(fragment).content.decode()
    assert second == first
    # session, user, programme, scope: no indicator, no alert, no rendering
    assert len(shared) <= 6
    # the coach of ERIC A may edit its map: their fragment is their own
    coach = login(world.coach_a).get(fragment).content.decode()
    map_list = reverse("maps:entry_list", args=[world.eric_a.slug])
    assert map_list in coach
    assert map_list not in first
    # a save makes every copy stale
    with django_capture_on_commit_callbacks(execute=True):
        counted_animation(world, starts_at=paris(2026, 10, 15, 14))
    after = login(colleague).get(fragment).content.decode()
    row = after.split('data-indicator="animations"')[1].split("</tr>")[0]
    assert ">1</a>" in row
