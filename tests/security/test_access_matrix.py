"""Every URL of the platform × the 11 demo roles: the answer each gets is the one
``tests/security/access_matrix.py`` gives (issue 18, item 9).

The demo is loaded once for the module, in a transaction rolled back at the end; each
request runs in its own savepoint, rolled back too, so that a POST changes nothing for
the next one. A URL of the resolver without an entry fails, naming the entry to add.
"""

import copy
import os

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security import access_matrix as matrix
from tests.security.context import build_context

# the marker makes pytest-django create the test database; the module's fixture loads
# the demo in it once, and each test runs in a savepoint of that transaction
pytestmark = pytest.mark.django_db


def walk(resolver=None, namespace=(), prefix=""):
    """(key, route) of every URL pattern, through includes (Wagtail's admin and API too)."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + ((pattern.namespace,) if pattern.namespace else ())
            yield from walk(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if pattern.name:
                yield ":".join((*namespace, pattern.name)), route
            else:
                yield "route:" + route, route


@pytest.fixture(scope="module")
def private_media(tmp_path_factory):
    """One folder of private files for the module: the context's files (written once)
    are still there for every test."""
    root = tmp_path_factory.mktemp("private-media")
    with override_settings(PRIVATE_MEDIA_ROOT=root):
        yield root


@pytest.fixture(autouse=True)
def _private_media_root(private_media, settings):
    # overrides tests/conftest.py's folder per test
    settings.PRIVATE_MEDIA_ROOT = private_media


@pytest.fixture(scope="module")
def demo_matrix(django_db_setup, django_db_blocker, private_media):
    from demo.loader import load_demo_data

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            users = load_demo_data()
            ctx = build_context(users)
            clients = {"anonymous": Client(raise_request_exception=False)}
            for role in matrix.ACCOUNTS:
                clients[role] = Client(raise_request_exception=False)
                clients[role].force_login(users[role])
            yield ctx, clients
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def answer(client, method, path, data, **extra):
    # a view that saves the session (a new key) would log the client out once the
    # savepoint is rolled back: the client keeps its cookies of before the request
    cookies = client.cookies
    client.cookies = copy.deepcopy(cookies)
    try:
        return _answer(client, method, path, data, extra)
    finally:
        client.cookies = cookies


def _answer(client, method, path, data, extra):
    with transaction.atomic():
        response = getattr(client, method)(path, data, **extra)
        if getattr(response, "streaming", False):
            # read through the test client's wrapper, which keeps the connection open
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith(resolve_url(settings.LOGIN_URL)):
            return matrix.LOGIN
        if location.startswith("/django-admin/login/"):
            return matrix.ADMIN_LOGIN
        return "302"
    return response.status_code


def observed(ctx, clients, entry) -> dict:
    path, data, extra = entry.path(ctx), entry.data_for(ctx), entry.extra(ctx)
    return {role: answer(clients[role], entry.method, path, data, **extra) for role in matrix.ROLES}


def entry_to_add(key, route) -> str:
    return (
        "%s (%s) has no entry in tests/security/access_matrix.py. Add to TABLE:\n"
        '    "%s": Entry(r("%s", …), row(<anonymous>, <accounts>, <role>=<answer>…)),\n'
        '(answers: 200, 404, 405…, LOGIN, "302"; a record of Made in la Boate from '
        "tests/security/context.py for what is private to an ERIC)" % (key, route, key, key)
    )


def test_every_url_of_the_resolver_has_an_entry_or_a_group():
    missing = [
        entry_to_add(key, route)
        for key, route in walk()
        if key not in matrix.TABLE and matrix.group_of(key) is None
    ]
    assert not missing, "\n\n".join(missing)


def test_every_entry_names_a_url_of_the_resolver():
    keys = {key for key, _route in walk()}
    assert sorted(set(matrix.TABLE) - keys) == []


def test_every_websocket_route_has_an_entry():
    from config.routing import websocket_urlpatterns

    routes = {str(pattern.pattern) for pattern in websocket_urlpatterns}
    assert routes == set(matrix.WEBSOCKETS), (
        "Describe each websocket route and who joins which group in WEBSOCKETS: %s"
        % sorted(routes ^ set(matrix.WEBSOCKETS))
    )


@pytest.mark.parametrize("name", sorted(matrix.TABLE))
def test_each_role_gets_its_answer(demo_matrix, name):
    ctx, clients = demo_matrix
    entry = matrix.TABLE[name]
    got = observed(ctx, clients, entry)
    if os.environ.get("MATRIX_OBSERVE"):  # prints the answers, to write a new entry
        print("OBSERVED", name, entry.path(ctx), got)
    wrong = {
        role: "expected %s, got %s" % (entry.expect[role], got[role])
        for role in matrix.ROLES
        if got[role] != entry.expect[role]
    }
    assert not wrong, "%s %s: %s" % (entry.method.upper(), entry.path(ctx), wrong)


def concrete(route):
    """The path of a route without arguments (Wagtail's API mixes in regex anchors)."""
    if any(mark in route for mark in "<(*?"):
        return None
    return "/" + route.replace("^", "").replace("$", "")


GROUPED = sorted(
    (key, concrete(route))
    for key, route in walk()
    if key not in matrix.TABLE and matrix.group_of(key) is not None and concrete(route)
)


def test_each_group_covers_urls_and_the_admins_are_requested():
    """No group rule is dead; Django's and Wagtail's admins have URLs requested below."""
    keys = [key for key, _route in walk()]
    for group in matrix.GROUPS:
        assert any(matrix.group_of(key) is group for key in keys), group.prefix
    requested = [key for key, _path in GROUPED]
    assert any(key.startswith("admin:") for key in requested)
    assert any(key.startswith("wagtailadmin") for key in requested)


@pytest.mark.parametrize("key,path", GROUPED)
def test_the_admins_urls_answer_by_their_groups_rule(demo_matrix, key, path):
    _ctx, clients = demo_matrix
    expect = matrix.group_expectation(key)
    got = {role: answer(clients[role], "get", path, {}) for role in matrix.GROUP_ROLES}
    wrong = {
        role: "expected one of %s, got %s" % (sorted(map(str, expect[role])), got[role])
        for role in matrix.GROUP_ROLES
        if got[role] not in expect[role]
    }
    assert not wrong, "GET %s (%s): %s" % (path, key, wrong)


def test_each_account_joins_the_websocket_groups_of_what_it_sees(demo_matrix):
    """``ws/changes/``: the groups ChangesConsumer joins for each account (the anonymous
    visitor is refused: tests/coaching/test_consumers.py)."""
    from core.changes import eric_group, programme_group
    from organisations.models import Organisation
    from progress.consumers import ChangesConsumer

    ctx, _clients = demo_matrix
    erics = {eric.slug: eric_group(eric.pk) for eric in Organisation.objects.erics()}
    programme = programme_group(ctx.programme.pk)
    expected = {
        "admin": [programme],
        "region": [programme],
        "coach": sorted(erics.values()),
        "boate": [erics["made-in-la-boate"]],
        "coste": [erics["centre-social-jean-paul-coste"]],
        "hublot": [erics["le-hublot-les-satellites"]],
        "mouans": [erics["eric-mediatheque-mouans-sartoux"]],
        "openscop": [],
        "skema": [],
        "editor": [],
    }
    got = {}
    for role in matrix.ACCOUNTS:
        consumer = ChangesConsumer()
        consumer.user = ctx.users[role]
        got[role] = consumer._allowed_groups()
    assert got == expected


def test_who_may_follow_an_event_live_on_its_websocket(demo_matrix):
    """``ws/etude/<pk>/``: LiveConsumer lets in those who run the event (the Fête du
    Miel: Mouans-Sartoux's team, SKEMA, OpenScop, the Region, the resource person, the
    administrators); anyone else is closed with 4404 (the anonymous visitor with 4401:
    tests/study/test_access.py)."""
    from study.consumers import LiveConsumer

    ctx, _clients = demo_matrix
    got = {}
    for role in matrix.ACCOUNTS:
        consumer = LiveConsumer()
        consumer.user, consumer.event_id = ctx.users[role], ctx.study_event.pk
        got[role] = consumer._allowed()
    runners = {"admin", "region", "coach", "mouans", "openscop", "skema"}
    assert got == {role: role in runners for role in matrix.ACCOUNTS}


def test_who_may_follow_a_thread_of_made_in_la_boate_live(demo_matrix):
    """``ws/plateforme/fils/<pk>/``: ThreadConsumer lets in the members of Made in la
    Boate's space (its team, its resource person, the Region, the administrators); anyone
    else is closed with 4404 (the anonymous visitor with 4401: tests/collab/)."""
    from collab.membership import forget_collab_reach
    from collab.threads_consumers import ThreadConsumer

    ctx, _clients = demo_matrix
    got = {}
    for role in matrix.ACCOUNTS:
        consumer = ThreadConsumer()
        consumer.user, consumer.thread_id = ctx.users[role], ctx.thread.pk
        forget_collab_reach(consumer.user)
        got[role] = consumer._allowed()
    members = {"admin", "region", "coach", "boate"}
    assert got == {role: role in members for role in matrix.ACCOUNTS}
