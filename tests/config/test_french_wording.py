"""French grammar on every page of the demo: no « (s) », « de Le », « 1 inscrit·es »,
« 28.6 Mo », « Permanence… annulé »; names contract with « de » (core.french)."""

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from agenda.enums import EntryKind, cancelled_label
from agenda.models import AgendaEntry
from coaching.models import Accompaniment, Animation, CoachingSession, HotlineCall
from core.french import of_name
from core.uploads import inspect_upload
from trainings.models import Training

# What French never writes. A proper name may carry its article inside a phrase (the
# Boate's coworkers call themselves « La Bo[a]te »): such data are allowed below.
WRONG = [
    (re.compile(r"\(s\)"), "« (s) » instead of a plural"),
    (re.compile(r"\b[dD]e (?:Le|La|Les)\b|\b[dD]e L['’]"), "« de » not contracted"),
    (re.compile(r"(?<![\d,])1 inscrit·es"), "« 1 inscrit·es »"),
    (re.compile(r"\b\d+\.\d+ ?(?:[kMG]i?o|octets)\b"), "decimal point in a size"),
    (re.compile(r"Permanence[^<]*</span>\s*<span[^>]*>annulé<"), "« Permanence… annulé »"),
]
DATA_ALLOWED = ["de La Bo[a]te"]


def visible_text(response):
    page = response.content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    page = html.unescape(page)
    for allowed in DATA_ALLOWED:
        page = page.replace(allowed, "")
    return page


def demo_paths():
    paths = [
        "/espace/",
        "/espace/journal/",
        "/espace/journal/appels/",
        "/espace/journal/seances/",
        "/espace/journal/animations/",
        "/espace/journal/evenements/",
        "/espace/journal/permanence/semaines/",
        "/espace/journal/appel-rapide/",
        "/espace/tableau-de-bord/",
        "/espace/ma-semaine/",
        "/espace/formations/",
        "/agenda/",
        "/agenda/?vue=liste",
        "/agenda/abonnement/",
        "/donnees/",
    ]
    paths += [
        "/espace/journal/appels/%d/" % pk for pk in HotlineCall.objects.values_list("pk", flat=True)
    ]
    paths += [
        "/espace/journal/animations/%d/" % pk
        for pk in Animation.objects.values_list("pk", flat=True)
    ]
    paths += [
        "/espace/journal/seances/%d/" % pk
        for pk in CoachingSession.objects.values_list("pk", flat=True)[:3]
    ]
    paths += ["/espace/formations/%d/" % pk for pk in Training.objects.values_list("pk", flat=True)]
    paths += [
        "/espace/accompagnements/%d/" % pk
        for pk in Accompaniment.objects.values_list("pk", flat=True)
    ]
    paths += [
        reverse("maps:entry_list", args=[a.eric.slug])
        for a in Accompaniment.objects.select_related("eric")
    ]
    paths += [
        reverse("agenda:entry_detail", args=[pk])
        for pk in AgendaEntry.objects.values_list("pk", flat=True)[:10]
    ]
    paths += [page.url for page in Page.objects.live().filter(depth__gte=2).specific() if page.url]
    return paths


@pytest.mark.django_db
def test_the_demo_pages_speak_french_grammar(demo, client):
    paths = demo_paths()
    checked = 0
    for username in ("coach", "boate", "region", "editor", None):
        client.logout()
        if username:
            client.force_login(demo[username])
        for path in paths:
            response = client.get(path)
            if response.status_code != 200:
                continue  # 403 for what this role may not see, 302 to log in
            checked += 1
            text = visible_text(response)
            for pattern, what in WRONG:
                match = pattern.search(text)
                assert match is None, "%s on %s as %s: …%s…" % (
                    what,
                    path,
                    username,
                    text[max(0, match.start() - 60) : match.end() + 20],
                )
    assert checked > 100


@pytest.mark.django_db
def test_a_call_is_named_with_the_contracted_eric(demo, client):
    call = HotlineCall.objects.filter(accompaniment__eric__name__startswith="Le Hublot").first()
    client.force_login(demo["coach"])
    page = visible_text(client.get("/espace/journal/appels/%d/" % call.pk))
    assert "<h1>Appel du Hublot + Les Satellites le " in page
    circles = client.get(reverse("maps:entry_list", args=[call.accompaniment.eric.slug]))
    assert "<h1>Cercles de confiance du Hublot + Les Satellites</h1>" in visible_text(circles)


def test_of_name_contracts_the_article_in_french_only():
    with translation.override("fr"):
        assert of_name("Le Hublot + Les Satellites") == "du Hublot + Les Satellites"
        assert of_name("La Médiathèque") == "de la Médiathèque"
        assert of_name("Les Satellites") == "des Satellites"
        assert of_name("L'Atelier") == "de l'Atelier"
        assert of_name("ERIC A") == "d'ERIC A"
        assert of_name("Made in la Boate") == "de Made in la Boate"
        assert of_name("Centre Social Jean Paul Coste") == "de Centre Social Jean Paul Coste"
    with translation.override("en"):
        assert of_name("Le Hublot") == "Le Hublot"


def test_a_cancelled_slot_agrees_with_its_kind():
    with translation.override("fr"):
        assert cancelled_label(EntryKind.HOTLINE_SLOT) == "annulée"
        assert cancelled_label(EntryKind.FEDERATING_EVENT) == "annulé"


def test_a_too_large_upload_says_its_size_with_a_french_comma():
    upload = SimpleUploadedFile("photo.jpg", b"x", content_type="image/jpeg")
    upload.size = 30_000_000
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        inspect_upload(upload)
    assert error.value.messages == ["Le fichier pèse 28,6 Mo : la limite est de 20 Mo."]
