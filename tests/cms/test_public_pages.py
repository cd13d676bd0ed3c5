"""The public site as a visitor and a crawler see it: pages, feeds, open data, API."""

import csv
import datetime
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format

from cms.accessibility import CRITERIA, conformity
from cms.models import NewsIndexPage, NewsPage
from coaching.models import Programme
from maps.models import TrustCircleEntry

from .conftest import PARIS, add_page, make_sheet

PERSONAL_KEYS = {"username", "email", "first_name", "last_name", "owner", "user", "password"}


@pytest.mark.django_db
def test_the_visitors_journey_on_the_demo(demo, client):
    """Find a sheet with or without accents, read its licence, see La Boate's circles."""
    for query in ("reemploi", "réemploi"):
        response = client.get("/code-source/", {"q": query})
        assert [sheet.title for sheet in response.context["sheets"]] == [
            "Organiser un repair café multi-partenaires"
        ]
    sheet = client.get("/code-source/organiser-un-repair-cafe-multi-partenaires/")
    assert sheet.status_code == 200
    assert 'rel="license"' in sheet.content.decode()
    assert "MoveCommons" in sheet.content.decode()

    response = client.get("/eric/made-in-la-boate/")
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "35 rue de la Paix, 13001 Marseille" in page
    assert 'data-geojson-url="/donnees/eric/made-in-la-boate/cercles-de-confiance.geojson"' in page
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    assert "Arsenic PACA" in page and "Coworkers de La Bo[a]te" in page
    assert "<caption>" in page and 'scope="row"' in page
    assert "/static/vendor/leaflet/leaflet.js" in page
    # The same entries in the GeoJSON the map draws.
    geojson = json.loads(
        client.get("/donnees/eric/made-in-la-boate/cercles-de-confiance.geojson").content
    )
    names = {f["properties"]["name"] for f in geojson["features"]}
    assert {"Arsenic PACA", "Coworkers de La Bo[a]te", "Made in la Boate"} <= names


@pytest.mark.django_db
def test_every_demo_page_renders_for_a_visitor(demo, client):
    from wagtail.models import Page

    for page in Page.objects.live().specific():
        if page.depth < 2:
            continue
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        text = html.unescape(response.content.decode())
        assert "Accessibilité : %s" % conformity(CRITERIA).label in text
        assert 'href="/plan-du-site/"' in text and 'href="/recherche/"' in text


@pytest.mark.django_db
def test_the_demo_is_idempotent_and_sets_up_contributors(demo):
    from django.contrib.auth.models import Group
    from wagtail.models import Page, WorkflowPage

    from demo.loader import load_demo_data

    pages, entries = Page.objects.count(), TrustCircleEntry.objects.count()
    load_demo_data()
    assert Page.objects.count() == pages and TrustCircleEntry.objects.count() == entries
    contributors = Group.objects.get(name="Contributeurs ERIC")
    assert set(contributors.user_set.values_list("username", flat=True)) == {
        "boate",
        "coste",
        "hublot",
        "mouans",
        "coach",
    }
    workflow_page = WorkflowPage.objects.get(page__slug="code-source")
    assert workflow_page.workflow.name == "Relecture éditoriale"


@pytest.mark.django_db
def test_the_open_data_page_links_to_every_dataset(demo, client):
    page = client.get("/donnees-ouvertes/").content.decode()
    for url in (
        "/donnees/eric.geojson",
        "/donnees/eric/made-in-la-boate/cercles-de-confiance.geojson",
        "/donnees/indicateurs.csv",
        "/api/openapi.json",
    ):
        assert 'href="%s"' % url in page
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_news_rss_is_valid_xml(site, client):
    news = add_page(site.home, NewsIndexPage(title="Actualités", slug="actualites"))
    add_page(
        news,
        NewsPage(
            title="Premier repair café",
            slug="premier-repair-cafe",
            date=datetime.date(2026, 10, 10),
            intro="Quarante personnes & dix-huit objets réparés.",
            body="<p>Bravo.</p>",
        ),
    )
    response = client.get("/actualites/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Premier repair café"]
    assert items[0].findtext("link").endswith("/actualites/premier-repair-cafe/")
    assert "dix-huit" in items[0].findtext("description")
    assert 'type="application/rss+xml"' in client.get("/actualites/").content.decode()


@pytest.mark.django_db
def test_sitemap_lists_published_pages_only_and_robots_points_to_it(site, client):
    make_sheet(site.knowledge_base, eric=site.world.eric_a, title="Fiche publiée")
    make_sheet(site.knowledge_base, eric=site.world.eric_a, title="Brouillon", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", namespace)]
    assert any(url.endswith("/code-source/fiche-publiee/") for url in urls)
    assert not any("brouillon" in url for url in urls)
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /espace/" in robots and "Disallow: /admin/" in robots


@pytest.mark.django_db
def test_openapi_lists_the_endpoints_and_nothing_personal(site, client):
    make_sheet(site.knowledge_base, eric=site.world.eric_a, title="Fiche publiée")
    schema = client.get("/api/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/eric",
        "/api/eric/{slug}/cercles-de-confiance",
        "/api/fiches",
        "/api/programmes",
        "/api/programmes/{slug}/indicateurs",
    }
    assert all(set(path) == {"get"} for path in schema["paths"].values())  # read-only
    properties = set()
    for component in schema["components"]["schemas"].values():
        properties |= set(component.get("properties", {}))
    assert not PERSONAL_KEYS & properties
    sheets = client.get("/api/fiches").json()
    assert sheets[0]["title"] == "Fiche publiée"
    assert sheets[0]["licence_url"] == "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"
    assert not PERSONAL_KEYS & set(sheets[0])
    # No Swagger page: it would load its assets from a CDN.
    assert client.get("/api/docs", follow=True).status_code == 404


@pytest.mark.django_db
def test_open_data_csv_counts_sheets_per_eric_and_month(site, client):
    make_sheet(
        site.knowledge_base,
        eric=site.world.eric_a,
        title="Une",
        published_at=datetime.datetime(2026, 10, 5, 12, 0, tzinfo=PARIS),
    )
    make_sheet(
        site.knowledge_base,
        eric=site.world.eric_a,
        title="Deux",
        published_at=datetime.datetime(2026, 10, 20, 12, 0, tzinfo=PARIS),
    )
    response = client.get("/donnees/indicateurs.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["programme", "eric", "mois", "fiches_code_source_publiees"]
    assert rows[1][1:] == ["ERIC A", "2026-10", "2"]


def _add_sheets(site, count):
    for n in range(count):
        make_sheet(site.knowledge_base, eric=site.world.eric_a, title="Fiche %d" % n)


def _add_entries(site, count):
    TrustCircleEntry.objects.bulk_create(
        [
            TrustCircleEntry(
                eric=site.world.eric_a,
                name="Partenaire %d" % n,
                circle="close",
                relation="network",
                since=datetime.date(2026, 9, 1),
                latitude=Decimal("43.3"),
                longitude=Decimal("5.4"),
            )
            for n in range(count)
        ]
    )


# Home (15): Wagtail's routing (site, page, alias check, view restrictions: 4),
# programmes + targets (2), latest sheets + themes + their view restrictions (3),
# latest news + view restrictions (2), key figures (3) + view restrictions (1),
# upcoming public events and their occurrences (2), the agenda page (1).
HOME_QUERIES = 18
# ERIC page (14): Wagtail's routing down the tree (site, 4 pages, alias check, view
# restrictions: 7), the ERIC (1), current entries (1), growth of the circles (1),
# sheets + themes + view restrictions (3), the breadcrumb's parent (1), documented
# animations (1), upcoming public events (1); their partners and occurrences are
# prefetched only when there are some (see test_eric_page_shows_documented_animations).
ERIC_PAGE_QUERIES = 17


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 50])
def test_home_page_query_count_does_not_grow(site, client, snapshot_queries, count):
    _add_sheets(site, count)
    _add_entries(site, count)
    client.get("/")  # warm Wagtail's site cache, as in production
    with snapshot_queries(name="home") as queries:
        response = client.get("/")
    assert len(queries) == HOME_QUERIES
    assert response.status_code == 200
    assert len(response.context["latest_sheets"]) == min(count, 3)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 50])
def test_eric_page_query_count_does_not_grow(site, client, snapshot_queries, count):
    _add_sheets(site, count)
    _add_entries(site, count)
    client.get(site.eric_page.url)
    with snapshot_queries(name="eric_page") as queries:
        response = client.get(site.eric_page.url)
    assert len(queries) == ERIC_PAGE_QUERIES
    assert response.status_code == 200
    assert len(response.context["entries"]) == count
    assert len(response.context["sheets"]) == count


@pytest.mark.django_db
def test_eric_page_shows_documented_animations_and_public_events(demo, client):
    import html

    from cms.models import EricPage
    from coaching.enums import AnimationStatus
    from coaching.models import Animation

    page = EricPage.objects.get(eric__slug="made-in-la-boate")
    documented = Animation.objects.documented().filter(
        accompaniment__eric=page.eric, status=AnimationStatus.HELD
    )
    undocumented = Animation.objects.filter(
        accompaniment__eric=page.eric, status=AnimationStatus.HELD
    ).exclude(pk__in=documented.values("pk"))
    assert documented.exists() and undocumented.exists()
    text = html.unescape(client.get(page.url).content.decode())
    section = text.split("Animations documentées", 1)[1].split("Fiches « code source »", 1)[0]
    for animation in documented:
        assert animation.title in section
    for animation in undocumented:
        assert animation.title not in section


@pytest.mark.django_db
def test_the_open_data_index_gives_real_links_not_a_url_template(demo, client):
    home = client.get("/").content.decode()
    assert '<a href="/donnees/">Données ouvertes</a>' in home  # the footer
    page = html.unescape(client.get("/donnees/").content.decode())
    assert "<identifiant>" not in page and "{slug}" not in page
    links = re.findall(r'href="(/(?:donnees|api)/[^"]*)"', page)
    for slug in ("made-in-la-boate", "le-hublot-les-satellites"):
        assert "/donnees/eric/%s/cercles-de-confiance.geojson" % slug in links
        start = Programme.objects.get().start_date.isoformat()
        assert "/donnees/eric/%s/cercles-de-confiance.geojson?date=%s" % (slug, start) in links
    assert "Les cercles de confiance du Hublot + Les Satellites" in page
    for url in links:
        assert client.get(url).status_code == 200, url
    # the site's own « Données ouvertes » page gives real links too
    page = html.unescape(client.get("/donnees-ouvertes/").content.decode())
    assert "<identifiant>" not in page
    for url in re.findall(r'href="(/donnees/[^"]*)"', page):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_circles_month_by_month_start_with_the_programme(demo, client, time_machine_today):
    programme = Programme.objects.get()
    months = programme.months()
    time_machine_today(months[3] + datetime.timedelta(days=14))  # six months back: before it
    response = client.get("/eric/made-in-la-boate/")
    shown = [row["month"] for row in response.context["growth"]]
    assert shown == [month + relativedelta(months=1, days=-1) for month in months[:4]]
    page = html.unescape(response.content.decode())
    before = programme.start_date - datetime.timedelta(days=1)
    assert date_format(before, "F Y") not in page
    assert "%s</th>" % date_format(programme.start_date, "F Y") in page
