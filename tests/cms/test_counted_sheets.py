"""The « code source » sheets that count toward a programme: one function, the figures
grouped from it, and the knowledge base page a figure opens
(``?programme=<slug>&until=AAAA-MM-JJ``) listing exactly its rows."""

import datetime
import html

import pytest
from wagtail.models import PageViewRestriction

from cms.selectors import counted_sheets, sheets_published_by_month
from core.dates import local_month
from tests.factories import make_organisation

from .conftest import PARIS, make_sheet

pytestmark = pytest.mark.django_db

#: The world's programme: 1 September 2026 – 30 June 2027.
START = datetime.date(2026, 9, 1)
LAST_DAY = datetime.date(2027, 6, 30)
URL = "/code-source/"


def paris(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def text(response) -> str:
    return html.unescape(response.content.decode())


def titles(response) -> set[str]:
    return {sheet.title for sheet in response.context["sheets"]}


@pytest.fixture
def sheets(site):
    """Sheets of the programme's ERIC first published around its period, a draft, a
    private one, and one by an ERIC the programme does not accompany."""
    world = site.world

    def sheet(title, published_at, *, eric=world.eric_a, live=True):
        return make_sheet(
            site.knowledge_base, eric=eric, title=title, published_at=published_at, live=live
        )

    made = {
        "before": sheet("Avant le programme", paris(2026, 8, 31, 23, 30)),
        "first_day": sheet("Premier jour", paris(2026, 9, 1, 0, 10)),
        # 22:30 UTC on 31 October: October in Paris.
        "october_night": sheet("Nuit d'octobre", paris(2026, 10, 31, 23, 30), eric=world.eric_b),
        "november": sheet("Premier novembre", paris(2026, 11, 1)),
        "last_day": sheet("Dernier jour", paris(2027, 6, 30, 22, 0)),
        "after": sheet("Après le programme", paris(2027, 7, 1, 9, 0)),
        "draft": sheet("Brouillon", None, live=False),
        "private": sheet("Réservée aux connectés", paris(2026, 10, 5)),
        "stranger": sheet(
            "D'un autre ERIC", paris(2026, 10, 6), eric=make_organisation(name="ERIC ailleurs")
        ),
    }
    PageViewRestriction.objects.create(
        page=made["private"], restriction_type=PageViewRestriction.LOGIN
    )
    return made


def counted_page(client, site, **params):
    return client.get(URL, {"programme": site.world.programme.slug, **params})


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        (datetime.date(2026, 8, 31), set()),  # the day before the programme starts
        (START, {"first_day"}),
        (datetime.date(2026, 11, 1), {"first_day", "october_night", "november"}),
        (LAST_DAY, {"first_day", "october_night", "november", "last_day"}),
        (datetime.date(2027, 12, 31), {"first_day", "october_night", "november", "last_day"}),
    ],
)
def test_the_page_lists_exactly_the_counted_sheets(site, sheets, client, until, expected):
    programme = site.world.programme
    counted = counted_sheets(programme, until=until)
    assert set(counted) == {sheets[name] for name in expected}
    response = counted_page(client, site, until=until.isoformat())
    assert response.status_code == 200
    assert titles(response) == {sheet.title for sheet in counted}
    assert response.context["result_count"] == counted.count() == len(expected)
    # The figures are the same rows, grouped by ERIC and month of first publication.
    figures = sheets_published_by_month(programme, until=until)
    assert sum(row["sheet_count"] for row in figures) == len(expected)


def test_the_figures_group_the_counted_sheets_by_paris_month(site, sheets):
    world = site.world
    figures = {
        (row["author_eric_id"], local_month(row["published_month"])): row["sheet_count"]
        for row in sheets_published_by_month(world.programme)
    }
    assert figures == {
        (world.eric_a.pk, datetime.date(2026, 9, 1)): 1,
        (world.eric_b.pk, datetime.date(2026, 10, 1)): 1,
        (world.eric_a.pk, datetime.date(2026, 11, 1)): 1,
        (world.eric_a.pk, datetime.date(2027, 6, 1)): 1,
    }
    # ``until=None``: up to the programme's end, as far as a later day.
    assert sheets_published_by_month(world.programme) == sheets_published_by_month(
        world.programme, until=datetime.date(2030, 1, 1)
    )
    only_b = sheets_published_by_month(world.programme, eric_id=world.eric_b.pk, until=LAST_DAY)
    assert [(row["author_eric_id"], row["sheet_count"]) for row in only_b] == [(world.eric_b.pk, 1)]


def test_a_month_is_the_month_of_first_publication_in_paris(site, sheets, client):
    response = counted_page(client, site, until=LAST_DAY.isoformat(), month="2026-10")
    assert titles(response) == {"Nuit d'octobre"}
    assert "Première publication en octobre 2026." in text(response)
    # The other filters apply on top of the programme's.
    world = site.world
    response = counted_page(client, site, until=LAST_DAY.isoformat(), eric=world.eric_a.slug)
    assert titles(response) == {"Premier jour", "Premier novembre", "Dernier jour"}
    response = counted_page(client, site, until=LAST_DAY.isoformat(), q="novembre")
    assert titles(response) == {"Premier novembre"}


def test_outside_the_period_drafts_private_and_strangers_never_count(site, sheets, client):
    never = {sheets[name] for name in ("before", "after", "draft", "private", "stranger")}
    for until in (START, datetime.date(2026, 12, 1), LAST_DAY, datetime.date(2028, 1, 1)):
        assert not never & set(counted_sheets(site.world.programme, until=until))
        listed = titles(counted_page(client, site, until=until.isoformat()))
        assert not {sheet.title for sheet in never} & listed
    # Without a programme the page lists every public sheet, the private one excepted.
    listed = titles(client.get(URL))
    assert "Avant le programme" in listed and "D'un autre ERIC" in listed
    assert "Réservée aux connectés" not in listed and "Brouillon" not in listed


def test_the_page_says_what_it_counts_in_french(site, sheets, client):
    programme = site.world.programme
    page = text(counted_page(client, site, until="2026-11-01", theme="coworking"))
    assert (
        "Fiches qui comptent pour le programme « %s », publiées jusqu'au 1er novembre 2026"
        % programme.name
    ) in page
    # The link that removes the programme keeps the other filters.
    assert 'href="/code-source/?theme=coworking"' in html.unescape(page)
    # A day after the programme's end is its last day; without a day, today.
    assert "publiées jusqu'au 30 juin 2027" in text(counted_page(client, site, until="2030-01-01"))


def test_without_until_the_page_counts_by_today(site, sheets, client, time_machine_today):
    time_machine_today(datetime.date(2026, 10, 31))
    response = counted_page(client, site)
    assert titles(response) == {"Premier jour", "Nuit d'octobre"}
    assert "publiées jusqu'au 31 octobre 2026" in text(response)


def test_the_filtered_page_is_not_cached_under_the_bare_address(site, sheets, client):
    """No page cache keyed on the path alone: the programme's list, then the whole
    knowledge base, then the programme's again, each with its own rows."""
    every = client.get(URL)
    counted = counted_page(client, site, until="2026-11-01")
    again = client.get(URL)
    assert titles(counted) == {"Premier jour", "Nuit d'octobre", "Premier novembre"}
    assert titles(every) == titles(again) != titles(counted)
    for response in (every, counted):
        assert "public" not in response.get("Cache-Control", "")
    # The pages keep the programme's filters.
    for n in range(25):
        make_sheet(
            site.knowledge_base,
            eric=site.world.eric_a,
            title="Fiche %d" % n,
            published_at=paris(2026, 10, 1 + n),
        )
    first = counted_page(client, site, until="2026-11-01")
    assert first.context["result_count"] == 28
    assert "page=2" in first.content.decode()
    assert "programme=%s" % site.world.programme.slug in first.context["query_string"]
    second = counted_page(client, site, until="2026-11-01", page="2")
    assert len(second.context["sheets"]) == 8


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"until": "2026-02-30"}, "Indiquez une date au format AAAA-MM-JJ."),
        ({"until": "demain"}, "Indiquez une date au format AAAA-MM-JJ."),
        ({"until": "9999-12-31"}, "Indiquez une date entre 2000 et 2099."),
        ({"until": "0001-01-01"}, "Indiquez une date entre 2000 et 2099."),
        ({"month": "2026-13"}, "Indiquez un mois au format AAAA-MM"),
        ({"month": "9999-12"}, "Indiquez un mois entre 2000 et 2099."),
        ({"month": "0001-01"}, "Indiquez un mois entre 2000 et 2099."),
        ({"programme": "inconnu"}, "Ce programme n'existe pas."),
        ({"programme": ""}, "La date « jusqu'au » compte les fiches d'un programme"),
    ],
)
def test_malformed_parameters_are_explained_in_french(site, sheets, client, params, message):
    response = counted_page(client, site, **{"until": "2026-11-01", **params})
    assert response.status_code == 200
    assert message in text(response)
    # The public sheets stay listed below the message.
    assert "Premier jour" in titles(response) and "Avant le programme" in titles(response)


def test_the_counted_page_runs_the_same_queries_with_1_and_10_sheets(
    site, client, django_assert_max_num_queries
):
    world = site.world
    make_sheet(
        site.knowledge_base, eric=world.eric_a, title="Fiche 0", published_at=paris(2026, 10, 1)
    )
    params = {"programme": world.programme.slug, "until": LAST_DAY.isoformat()}
    # The first page caches the site's root paths. Then 13 queries: the 12 of the
    # unfiltered page (Wagtail's routing, the view restrictions, the count, the choices
    # of the filters, the sheets and their themes) and the programme.
    client.get(URL, params)
    with django_assert_max_num_queries(13) as one:
        assert len(client.get(URL, params).context["sheets"]) == 1
    for n in range(1, 10):
        make_sheet(
            site.knowledge_base,
            eric=world.eric_b if n % 2 else world.eric_a,
            title="Fiche %d" % n,
            published_at=paris(2026, 10, 1 + n),
        )
    with django_assert_max_num_queries(13) as ten:
        assert len(client.get(URL, params).context["sheets"]) == 10
    assert len(one.captured_queries) == len(ten.captured_queries)
