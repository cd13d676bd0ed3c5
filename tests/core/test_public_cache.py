"""Public pages are kept for anonymous visitors, and stale after any write."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cms.models.pages import EricIndexPage, EricPage
from coaching.models import Programme
from core import public_cache
from core.changes import ChangeKind, announce
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_cache_on(settings):
    """Development and test settings keep it off; production turns it on."""
    settings.PUBLIC_CACHE_SECONDS = 600


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_a_second_anonymous_visit_costs_no_query(demo, client):
    first, _ = get(client, "/")
    second, queries = get(client, "/")
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_a_write_makes_the_page_stale(demo, client):
    eric = EricPage.objects.live().first()
    index_url = EricIndexPage.objects.live().get().url
    get(client, index_url)
    assert get(client, index_url)[0]["X-Cache"] == "hit"
    organisation = Organisation.objects.get(pk=eric.eric_id)
    eric.title = "Médiathèque renommée pour le test"
    eric.save_revision().publish()
    response, queries = get(client, index_url)
    assert response["X-Cache"] == "miss" and queries > 0
    assert "Médiathèque renommée pour le test" in response.content.decode()
    # a write of the journal's data (post_save) and an announced change alike
    get(client, index_url)
    organisation.save()
    assert get(client, index_url)[0]["X-Cache"] == "miss"
    programme = Programme.objects.get()
    announce(ChangeKind.PROGRAMME, pk=programme.pk, programme_id=programme.pk)
    assert get(client, index_url)[0]["X-Cache"] == "miss"


def test_logged_in_users_are_never_served_a_kept_page(demo, client, login):
    get(client, "/")
    assert get(client, "/")[0]["X-Cache"] == "hit"
    logged = login(demo["coach"])
    response, queries = get(logged, "/")
    assert "X-Cache" not in response
    assert queries > 0
    assert "private" in response["Cache-Control"]
    assert "Se déconnecter" in response.content.decode() or "Mon espace" in (
        response.content.decode()
    )


def test_a_logged_in_page_is_not_kept_for_anonymous_visitors(demo, client, login):
    logged = login(demo["coach"])
    logged.get("/")
    logged.logout()
    client.cookies.clear()
    response, queries = get(client, "/")
    assert response["X-Cache"] == "miss"
    assert "Mon espace" not in response.content.decode()


def test_each_language_has_its_own_page(demo, client):
    french, _ = get(client, "/")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english, _ = get(client, "/")
    assert english["X-Cache"] == "miss"
    assert '<html lang="en"' in english.content.decode()
    assert '<html lang="fr"' in french.content.decode()


def test_the_language_switch_needs_no_token_so_pages_can_be_shared(demo, client):
    page = get(client, "/")[0].content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert 'action="/i18n/setlang/"' in page


def test_query_strings_and_errors(demo, client):
    get(client, "/?a=1")
    assert get(client, "/?a=2")[0]["X-Cache"] == "miss"
    assert get(client, "/?a=1")[0]["X-Cache"] == "hit"
    missing = client.get("/cette-page-n-existe-pas/")
    assert missing.status_code == 404
    assert "X-Cache" not in client.get("/cette-page-n-existe-pas/")


def test_a_waiting_message_or_a_session_bypasses_the_cache(demo, client):
    get(client, "/")
    client.cookies["messages"] = "x"
    assert "X-Cache" not in get(client, "/")[0]
    del client.cookies["messages"]
    client.cookies["sessionid"] = "anything"
    assert "X-Cache" not in get(client, "/")[0]


def test_a_page_holding_a_csrf_token_or_a_cookie_is_not_kept(settings):
    factory = RequestFactory()

    def with_token(request):
        return HttpResponse("<form>%s</form>" % get_token(request), content_type="text/html")

    def with_cookie(request):
        response = HttpResponse("<p>x</p>", content_type="text/html")
        response.set_cookie("seen", "1")
        return response

    for view in (with_token, with_cookie):
        middleware = public_cache.PublicPageCacheMiddleware(view)
        middleware(factory.get("/page/"))
        assert "X-Cache" not in middleware(factory.get("/page/"))


def test_pages_work_when_the_cache_is_down(demo, client, monkeypatch):
    class Down:
        def __getattr__(self, name):
            def broken(*args, **kwargs):
                raise ConnectionError("cache down")

            return broken

    monkeypatch.setattr(public_cache, "cache", Down())
    response = client.get("/")
    assert response.status_code == 200
    assert "X-Cache" not in response
    public_cache.bump_public_version()  # logged, never raised


def test_off_when_the_setting_is_zero(demo, client, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    get(client, "/")
    assert "X-Cache" not in get(client, "/")[0]
