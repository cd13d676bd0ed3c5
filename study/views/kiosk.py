"""The kiosk: a page for a tablet, its service worker, and its JSON API (token auth).

The shell holds no event data: its script reads the kiosk's token (from the start
link's fragment, then the device's storage), asks ``configuration`` for the event's
questionnaire, keeps each visitor's answers in IndexedDB and sends them in batches to
``entries``. The service worker keeps the shell, its script and style and the last
configuration, so the page opens and takes entries without network.
"""

import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .. import services
from ..enums import AgeBand, Companions, Residence, Satisfaction

#: A batch body larger than this is refused before it is read (200 entries fit).
MAX_BODY = 512 * 1024
#: Bump to make the kiosks fetch their shell again.
SHELL_VERSION = "2"


def _token(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _refused(refusal: services.KioskRefused) -> JsonResponse:
    return JsonResponse(
        {"error": refusal.message, "revoked": refusal.status == 403}, status=refusal.status
    )


@require_GET
def shell(request):
    return render(
        request,
        "study/kiosk.html",
        {"shell_version": SHELL_VERSION, "retention_days": settings.STUDY_RETENTION_DAYS},
    )


@require_GET
def service_worker(request):
    """The service worker, served from ``/kiosque/`` so that its scope is the kiosk's."""
    path = finders.find("js/kiosk-sw.js")
    with open(path, encoding="utf-8") as handle:
        body = handle.read()
    assets = [static("js/kiosk.js"), static("css/kiosk.css")]
    body = body.replace("__SHELL_VERSION__", SHELL_VERSION).replace(
        "__ASSETS__", json.dumps(assets)
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/kiosque/"
    return response


@never_cache
@require_GET
def configuration(request):
    try:
        kiosk = services.kiosk_for_token(_token(request))
    except services.KioskRefused as refusal:
        return _refused(refusal)
    event = kiosk.event
    questionnaire = event.questionnaire
    return JsonResponse(
        {
            "kiosk": kiosk.label,
            "event": {
                "id": event.pk,
                "name": event.name,
                "place": event.place,
                "start_date": event.start_date.isoformat(),
                "end_date": event.end_date.isoformat(),
            },
            "questionnaire": {
                "version": questionnaire.version,
                "notice": questionnaire.notice,
                "retention": _(
                    "Vos réponses sont anonymes. Les réponses individuelles sont effacées "
                    "%(days)s jours après votre visite ; seuls des totaux sont gardés."
                )
                % {"days": settings.STUDY_RETENTION_DAYS},
                "age_bands": [[c, str(label)] for c, label in AgeBand.choices],
                "residences": [[c, str(label)] for c, label in Residence.choices],
                "companions": [[c, str(label)] for c, label in Companions.choices],
                "satisfaction": [[c, str(label)] for c, label in Satisfaction.choices],
                "heard_of": questionnaire.heard_of,
                "motivations": questionnaire.motivations,
                "activities": questionnaire.activities,
                "exit_question": questionnaire.exit_question,
            },
            "contact": {
                "partner": event.study.partner.name,
                "consent_text": services.contact_consent_text(event),
            },
        }
    )


@csrf_exempt  # token-authenticated, no cookie: nothing for a forged request to ride on
@require_POST
def entries(request):
    try:
        kiosk = services.kiosk_for_token(_token(request))
    except services.KioskRefused as refusal:
        return _refused(refusal)
    length = request.headers.get("Content-Length") or "0"
    if not length.isascii() or not length.isdigit():
        return JsonResponse(
            {"error": _("En-tête Content-Length illisible : renvoyez le lot.")}, status=400
        )
    if int(length) > MAX_BODY:
        return JsonResponse(
            {"error": _("Lot trop gros : envoyez-le en plusieurs fois.")}, status=413
        )
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": _("Le lot n'est pas du JSON valide.")}, status=400)
    body = body if isinstance(body, dict) else {}
    batch, contacts = body.get("entries", []), body.get("contacts", [])
    if not isinstance(batch, list) or not isinstance(contacts, list) or not (batch or contacts):
        return JsonResponse({"error": _("Le lot ne contient aucune réponse.")}, status=400)
    if len(batch) + len(contacts) > services.MAX_BATCH:
        return JsonResponse(
            {"error": _("%(max)s réponses au plus par lot.") % {"max": services.MAX_BATCH}},
            status=413,
        )
    results = services.entries_store(kiosk=kiosk, entries=batch) if batch else []
    # « être recontacté·e »: stored apart, tied to no entry (ADR 0016)
    contact_results = services.contacts_store(kiosk=kiosk, contacts=contacts) if contacts else []
    return JsonResponse({"results": results, "contacts": contact_results})
