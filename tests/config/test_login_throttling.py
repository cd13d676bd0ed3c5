"""Login throttling (issue 18, item 5): after ``AXES_FAILURE_LIMIT`` wrong passwords
for one account from one address, even the right one is refused for the cool-off, with
a French message saying when to retry; an unknown account is answered the same way;
another address still logs in; the Wagtail admin's login is the same one."""

import html
import re

import pytest
from django.urls import reverse

from tests.factories import make_user as make_any_user

pytestmark = [pytest.mark.django_db]

LIMIT = 5


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT


def make_user(*, password, **fields):
    user = make_any_user(**fields)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def post_login(client, username, password, address="203.0.113.7", url=None):
    return client.post(
        url or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def page(response) -> str:
    return html.unescape(response.content.decode())


def same_page(response) -> str:
    """The page less its CSRF token (a new one each time)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page(response))


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client):
    make_user(username="claire", password="le-bon-mot-de-passe")
    for _ in range(30):
        post_login(client, "claire", "mauvais")
    response = post_login(client, "claire", "le-bon-mot-de-passe")
    assert response.status_code == 429
    text = page(response)
    assert "Trop de tentatives de connexion" in text
    assert "Réessayez dans 15 minutes, à partir de" in text
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    # Another address is not locked out: a stranger cannot lock a colleague out.
    response = post_login(client, "claire", "le-bon-mot-de-passe", address="198.51.100.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_lock_starts_at_the_limit_and_a_success_resets_the_count(client):
    make_user(username="karim", password="secret-du-lieu")
    for _ in range(LIMIT - 1):
        assert post_login(client, "karim", "mauvais").status_code == 200
    assert post_login(client, "karim", "secret-du-lieu").status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert post_login(client, "karim", "mauvais").status_code == 200
    assert post_login(client, "karim", "mauvais").status_code == 429


def test_an_unknown_account_is_answered_like_a_known_one(client):
    make_user(username="zq-connu", password="secret")
    known = [post_login(client, "zq-connu", "mauvais") for _ in range(LIMIT + 1)]
    unknown = [post_login(client, "zq-inconnu", "mauvais") for _ in range(LIMIT + 1)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert known[-1].status_code == 429
    assert same_page(known[0]).replace("zq-connu", "X") == same_page(unknown[0]).replace(
        "zq-inconnu", "X"
    )
    assert same_page(known[-1]).replace("zq-connu", "X") == same_page(unknown[-1]).replace(
        "zq-inconnu", "X"
    )


def test_the_wagtail_admin_login_is_throttled_with_the_same_count(client):
    make_user(username="editrice", password="secret", is_staff=True, is_superuser=True)
    for _ in range(LIMIT):
        post_login(client, "editrice", "mauvais", url="/admin/login/")
    assert post_login(client, "editrice", "secret").status_code == 429
    assert post_login(client, "editrice", "secret", url="/admin/login/").status_code == 429
