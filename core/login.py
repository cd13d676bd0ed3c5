"""The one login of the site and of the Wagtail admin, throttled by django-axes.

Failures are counted per (account, address) pair (``AXES_LOCKOUT_PARAMETERS``): past
``AXES_FAILURE_LIMIT`` the pair waits ``AXES_COOLOFF_TIME``, and a success resets it.
An account that does not exist is counted and refused the same way, with the same
words, so the page never tells whether an account exists. Another address can still
log in to the account: a stranger cannot lock a colleague out.
"""

import math

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import ngettext

from core.forms import LoginForm


def client_address(request) -> str | None:
    """The visitor's address: behind ``TRUSTED_PROXY_COUNT`` reverse proxies (Caddy),
    the entry they appended to ``X-Forwarded-For``; ``REMOTE_ADDR`` otherwise. Only
    the trusted proxies' entries are read: a visitor can write the others."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_message(now=None) -> str:
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
    retry_at = timezone.localtime(now or timezone.now()) + cool_off
    return ngettext(
        "Trop de tentatives de connexion avec cet identifiant depuis cette adresse. "
        "Réessayez dans %(minutes)s minute, à partir de %(time)s.",
        "Trop de tentatives de connexion avec cet identifiant depuis cette adresse. "
        "Réessayez dans %(minutes)s minutes, à partir de %(time)s.",
        minutes,
    ) % {"minutes": minutes, "time": time_format(retry_at, "H:i")}


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, status 429, saying when to retry (``AXES_LOCKOUT_CALLABLE``).
    The typed identifier is kept; the password never is."""
    form = LoginForm(request, data={"username": (credentials or {}).get("username", "")})
    form.errors.clear()  # only the message below, not « Ce champ est obligatoire »
    form.add_error(None, lockout_message())
    context = {"form": form, "next": request.POST.get("next", "")}
    response = render(request, "registration/login.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
