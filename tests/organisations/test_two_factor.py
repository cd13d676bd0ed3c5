"""Two-factor authentication (TOTP, django-otp; issue 18 item 5): enrolment with a QR
code drawn here, backup codes, the code asked after the password, wrong codes refused
and throttled, and administrators and Region officers kept out of the dashboard and the
Wagtail admin until verified when OTP_REQUIRED_FOR_STAFF is on."""

import datetime
import html
import re

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.asgi import application
from tests.factories import World, ensure_wagtail_root

pytestmark = pytest.mark.django_db

SETUP = reverse("organisations:two_factor_setup")
VERIFY = reverse("organisations:two_factor_verify")
HOME = reverse("coaching:home")


def text(response) -> str:
    return html.unescape(response.content.decode())


def code_for(device, *, step_offset=0) -> str:
    return "%06d" % totp(device.bin_key, device.step, device.t0, device.digits, step_offset)


def wrong_code(device) -> str:
    return "000000" if code_for(device) != "000000" else "111111"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Application", confirmed=True)


def wait_out_throttle(device):
    """django-otp asks 1 s after the first wrong code: tests move its clock back."""
    device.refresh_from_db()
    if device.throttling_failure_timestamp:
        device.throttling_failure_timestamp -= datetime.timedelta(seconds=60)
        device.save(update_fields=["throttling_failure_timestamp"])


def test_enrolment_draws_the_qr_code_here_and_gives_backup_codes(world, client):
    client.force_login(world.team_a)
    page = client.get(SETUP)
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and "<path" in body  # drawn by the server (segno)
    assert not re.search(r'src="https?://', body)  # nothing from elsewhere
    device = TOTPDevice.objects.get(user=world.team_a)
    assert not device.confirmed
    assert "otpauth://" not in body  # the QR code carries it; the key is shown in groups

    wrong = client.post(SETUP, {"code": wrong_code(device)})
    assert "Ce code n'est pas le bon." in text(wrong)
    device.refresh_from_db()
    assert not device.confirmed
    wait_out_throttle(device)

    done = client.post(SETUP, {"code": code_for(device), "next": HOME})
    device.refresh_from_db()
    assert device.confirmed
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=world.team_a).count() == 10
    # the session that enrolled is verified
    assert client.get(HOME).status_code == 200


def test_after_the_password_the_code_is_asked_and_a_wrong_one_refused(world, client):
    device = confirmed_device(world.team_a)
    client.force_login(world.team_a)
    blocked = client.get(HOME)
    assert blocked.status_code == 302
    assert blocked["Location"] == "%s?next=%s" % (VERIFY, HOME.replace("/", "%2F"))

    wrong = client.post(VERIFY, {"code": wrong_code(device)})
    assert wrong.status_code == 200
    assert "Ce code n'est pas le bon." in text(wrong)
    assert client.get(HOME).status_code == 302

    # right away, even the right code waits: wrong codes are throttled
    throttled = client.post(VERIFY, {"code": code_for(device)})
    assert "Trop de codes erronés" in text(throttled)
    assert client.get(HOME).status_code == 302

    wait_out_throttle(device)
    right = client.post(VERIFY, {"code": code_for(device), "next": HOME})
    assert right.status_code == 302 and right["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_a_backup_code_works_once(world, client):
    device = confirmed_device(world.team_a)
    backup = world.team_a.staticdevice_set.create(name="Codes de secours")
    backup.token_set.create(token="secours1")
    client.force_login(world.team_a)
    assert client.post(VERIFY, {"code": "SECOURS1", "next": HOME})["Location"] == HOME
    client.logout()
    client.force_login(world.team_a)
    again = client.post(VERIFY, {"code": "secours1"})
    assert "Ce code n'est pas le bon." in text(again)
    assert device.user_id == world.team_a.pk


def test_the_password_alone_never_enrols_a_new_application(world, client):
    """Backup codes left after a lost phone's device was removed: the enrolment page
    asks for one of them first, so whoever knows only the password cannot add theirs."""
    backup = world.team_a.staticdevice_set.create(name="Codes de secours")
    backup.token_set.create(token="secours1")
    client.force_login(world.team_a)
    page = client.get(SETUP)
    assert page.status_code == 302 and page["Location"].startswith(VERIFY)
    posted = client.post(SETUP, {"code": "123456"})
    assert posted.status_code == 302 and posted["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=world.team_a).exists()
    assert client.post(VERIFY, {"code": "secours1", "next": SETUP})["Location"] == SETUP
    assert client.get(SETUP).status_code == 200


def test_without_enforcement_the_demo_roles_log_in_with_their_password(world, client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = False
    client.force_login(world.region)
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("who", ["region", "admin"])
def test_an_enforced_role_reaches_nothing_before_enrolling_and_verifying(
    world, client, settings, who
):
    settings.OTP_REQUIRED_FOR_STAFF = True
    user = getattr(world, who)
    if who == "admin":
        ensure_wagtail_root()
        user.is_superuser = True  # the Wagtail admin too
        user.save(update_fields=["is_superuser"])
    client.force_login(user)
    for url in (HOME, "/admin/", "/django-admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP + "?next="), url

    # enrolled in another session: this one must still give a code
    device = confirmed_device(user)
    client.logout()
    client.force_login(user)
    for url in (HOME, "/admin/"):
        assert client.get(url)["Location"].startswith(VERIFY + "?next="), url
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    assert client.get(HOME).status_code == 200
    if who == "admin":
        assert client.get("/admin/").status_code == 200


def test_an_eric_team_is_not_forced(world, client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    client.force_login(world.team_a)
    assert client.get(HOME).status_code == 200


def test_a_throttle_wait_is_short_and_grows(world, client):
    """1 s after the first wrong code, 2 s after the second (django-otp's doubling)."""
    device = confirmed_device(world.team_a)
    client.force_login(world.team_a)
    client.post(VERIFY, {"code": wrong_code(device)})
    wait_out_throttle(device)
    client.post(VERIFY, {"code": wrong_code(device)})
    device.refresh_from_db()
    assert device.throttling_failure_count == 2
    allowed, data = device.verify_is_allowed()
    assert not allowed
    assert 0 < (data["locked_until"] - device.throttling_failure_timestamp).total_seconds() <= 2


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_session_that_owes_its_code_opens_no_websocket():

    def logged_in_session():
        world = World()
        device = confirmed_device(world.team_a)
        client = Client()
        client.force_login(world.team_a)
        return client, device

    client, device = await database_sync_to_async(logged_in_session)()

    async def connect():
        cookie = "sessionid=%s" % client.cookies["sessionid"].value
        communicator = WebsocketCommunicator(
            application,
            "/ws/changes/",
            headers=[
                (b"origin", b"http://127.0.0.1:8000"),
                (b"host", b"127.0.0.1"),
                (b"cookie", cookie.encode()),
            ],
        )
        connected, _ = await communicator.connect()
        await communicator.disconnect()
        return connected

    assert not await connect()
    response = await database_sync_to_async(client.post)(VERIFY, {"code": code_for(device)})
    assert response.status_code == 302
    assert await connect()
