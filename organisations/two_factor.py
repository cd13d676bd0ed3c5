"""Two-factor authentication (TOTP, django-otp): optional for everyone, required for
administrators and Region officers when ``OTP_REQUIRED_FOR_STAFF`` is on (the default
with ``DEBUG`` off; off in development and tests, so the demo's accounts log in with
their password alone).

After the password (the one login of the site and of the Wagtail admin), a person with
a confirmed device gives a code from their application, or one of their backup codes,
before any other page; a person whose role requires it and who has no device yet is
sent to the enrolment page. What the session must do is decided once, at login
(:func:`remember_two_factor_state`), and kept in the session: the middleware reads the
session only, so pages cost no query more. Wrong codes are throttled by django-otp
(1, 2, 4, 8… seconds after each failure, per device).
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib.auth import SESSION_KEY as SESSION_USER_KEY
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .enums import Role
from .models import Membership

SESSION_KEY = "two_factor"
VERIFY, ENROL, NONE = "verify", "enrol", "none"
REQUIRED_ROLES = (Role.ADMINISTRATOR, Role.REGION_OFFICER)
BACKUP_CODES = 10


def requires_two_factor(user) -> bool:
    """Administrators and Region officers (and superusers) must use a second factor."""
    return (
        user.is_superuser or Membership.objects.filter(user=user, role__in=REQUIRED_ROLES).exists()
    )


def two_factor_state(user) -> str:
    if any(True for _device in devices_for_user(user, confirmed=True)):
        return VERIFY
    if settings.OTP_REQUIRED_FOR_STAFF and requires_two_factor(user):
        return ENROL
    return NONE


@receiver(user_logged_in)
def remember_two_factor_state(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = two_factor_state(user)


def session_owes_code(session) -> bool:
    """Whether this session has yet to give its second factor (websockets ask too)."""
    return session.get(SESSION_KEY) in (VERIFY, ENROL) and not session.get(DEVICE_ID_SESSION_KEY)


def _exempt_paths():
    return (
        settings.STATIC_URL,
        settings.MEDIA_URL,
        "/healthz",
        "/i18n/",
        reverse("logout"),
        reverse("login"),
        reverse("organisations:two_factor_verify"),
        reverse("organisations:two_factor_setup"),
    )


class TwoFactorMiddleware(MiddlewareMixin):
    """After ``django_otp.middleware.OTPMiddleware``: a session that owes its second
    factor reaches only the verification (or enrolment) page and the logout. A
    ``process_view`` hook: it is not on the call stack of the views (whose queries the
    tests record with where they come from)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The session alone says whether a code is owed: most pages never load the user
        # here (nor change where the user's query comes from).
        session = request.session
        state = session.get(SESSION_KEY)
        if state is None and SESSION_USER_KEY in session:
            # a session opened before two-factor existed
            user = request.user
            if user.is_authenticated:
                state = session[SESSION_KEY] = two_factor_state(user)
        if state in (VERIFY, ENROL) and not request.path.startswith(_exempt_paths()):
            user = request.user
            if user.is_authenticated and not user.is_verified():
                name = "verify" if state == VERIFY else "setup"
                target = reverse("organisations:two_factor_%s" % name)
                return redirect("%s?%s" % (target, urlencode({"next": request.get_full_path()})))
        return None


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy(
            "Les 6 chiffres affichés par votre application, ou l'un de vos codes de secours."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _throttled_message(data) -> str:
    seconds = 1
    if data and data.get("locked_until"):
        seconds = max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)
    return _(
        "Trop de codes erronés : attendez %(seconds)s secondes avant d'en saisir un autre."
    ) % {"seconds": seconds}


def _check_code(device, code) -> tuple[bool, str]:
    """``(accepted, error)``: throttled devices refuse even the right code."""
    allowed, data = device.verify_is_allowed()
    if not allowed:
        return False, _throttled_message(data)
    if device.verify_token(code):
        return True, ""
    return False, _("Ce code n'est pas le bon.")


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of the login: a code from the application or a backup code."""
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect("organisations:two_factor_setup")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        # a backup code has letters; the application's code six digits
        kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
        error = _("Ce code n'est pas le bon.")
        for device in devices:
            if isinstance(device, kind):
                accepted, error = _check_code(device, code)
                if accepted:
                    otp_login(request, device)
                    return redirect(_next_url(request))
                break
        form.add_error("code", error)
    return render(
        request,
        "organisations/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


def _qr_svg(url: str) -> str:
    """The QR code drawn here as SVG (segno), never fetched from elsewhere."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrolment: scan the QR code (or type the key), confirm with a code; the backup
    codes are shown once. Optional for everyone, required for some roles."""
    user = request.user
    if not user.is_verified() and any(devices_for_user(user, confirmed=True)):
        # A device is enrolled (an application, or backup codes only after a lost phone's
        # was removed): its code first; the password alone never enrols a new one.
        target = reverse("organisations:two_factor_verify")
        return redirect("%s?%s" % (target, urlencode({"next": _next_url(request)})))
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return render(request, "organisations/two_factor_setup.html", {"enrolled": True})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Application"), confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted, error = _check_code(device, form.cleaned_data["code"])
        if accepted:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            backup, _created = StaticDevice.objects.get_or_create(
                user=user, name=_("Codes de secours")
            )
            backup.token_set.all().delete()
            codes = [StaticToken.random_token() for _n in range(BACKUP_CODES)]
            backup.token_set.bulk_create([StaticToken(device=backup, token=c) for c in codes])
            otp_login(request, device)
            request.session[SESSION_KEY] = VERIFY
            return render(
                request,
                "organisations/two_factor_setup.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("code", error)
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "organisations/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": settings.OTP_REQUIRED_FOR_STAFF and requires_two_factor(user),
            "next": _next_url(request),
        },
    )
