"""The RGAA 4.1 audit grid, the level it gives, and the statement and document generated
from it: « totalement conforme » only when no criterion is not met."""

import dataclasses
import html
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from cms import accessibility
from cms.accessibility import CRITERIA, THEMES, Verdict, conformity
from cms.accessibility.document import DOCUMENT, grid_markdown
from cms.enums import AccessibilityCompliance

#: RGAA 4.1: criteria per theme.
RGAA_THEME_SIZES = {
    1: 9,
    2: 2,
    3: 3,
    4: 13,
    5: 8,
    6: 2,
    7: 5,
    8: 10,
    9: 4,
    10: 14,
    11: 13,
    12: 11,
    13: 12,
}


def all_met():
    return [
        dataclasses.replace(c, verdict=Verdict.MET, gap="") if c.verdict == Verdict.NOT_MET else c
        for c in CRITERIA
    ]


def with_one_failure():
    criteria = all_met()
    criteria[0] = dataclasses.replace(
        criteria[0], verdict=Verdict.NOT_MET, gap="Une photo n'a pas d'alternative."
    )
    return criteria


def test_the_grid_holds_every_rgaa_4_1_criterion_once():
    assert len(CRITERIA) == 106
    assert len({c.number for c in CRITERIA}) == 106
    assert Counter(c.theme for c in CRITERIA) == RGAA_THEME_SIZES
    assert set(THEMES) == set(RGAA_THEME_SIZES)
    for criterion in CRITERIA:
        assert criterion.verdict in Verdict.values, criterion.number
        assert criterion.how.strip(), criterion.number
        # a criterion not met says, in French, what is not accessible
        assert bool(criterion.gap) == (criterion.verdict == Verdict.NOT_MET), criterion.number


def test_every_test_the_grid_names_exists():
    root = Path(settings.BASE_DIR)
    for criterion in CRITERIA:
        for path in re.findall(r"tests/[\w/]+\.py", criterion.how):
            assert (root / path).exists(), (criterion.number, path)


def test_the_level_is_totalement_conforme_only_without_a_criterion_not_met():
    assert conformity(all_met()).level == AccessibilityCompliance.FULL
    failing = conformity(with_one_failure())
    assert failing.level == AccessibilityCompliance.PARTIAL
    assert [c.number for c in failing.failed] == ["1.1"]
    half = [dataclasses.replace(c, verdict=Verdict.NOT_MET, gap="x") for c in CRITERIA]
    assert conformity(half).level == AccessibilityCompliance.NONE
    assert conformity([]).level == AccessibilityCompliance.NONE
    # the real grid: full exactly when nothing fails
    real = conformity(CRITERIA)
    assert (real.level == AccessibilityCompliance.FULL) == (real.not_met == 0)


def test_the_real_grid_is_totalement_conforme_with_videos_captioned_and_audio_described():
    """RGAA 4.3 and 4.5 met (publication refuses a video without captions, or without an
    audio-described version or the declaration that none is needed): nothing fails."""
    by_number = {c.number: c for c in CRITERIA}
    for number in ("4.1", "4.3", "4.5"):
        assert by_number[number].verdict == Verdict.MET, number
    real = conformity(CRITERIA)
    assert real.failed == ()
    assert real.level == AccessibilityCompliance.FULL


def test_the_reports_pages_are_audited():
    paths = [path for _name, path in accessibility.AUDITED_PAGES]
    for path in (
        "/espace/rapports/<slug>/",
        "/espace/rapports/<id>/",
        "/espace/rapports/<slug>/fin-de-programme/",
    ):
        assert path in paths


def test_the_newsletter_pages_are_audited():
    """Checked with axe in tests/browser/test_newsletter.py's journey."""
    paths = [path for _name, path in accessibility.AUDITED_PAGES]
    for path in (
        "/lettre/",
        "/lettre/<programme>/<numéro>/",
        "/lettre/inscription/",
        "/lettre/desinscription/<jeton>/",
        "/espace/lettre/<id>/",
        "/espace/lettre/rubrique/<id>/",
    ):
        assert path in paths


def test_the_collaborative_study_and_two_factor_pages_are_audited():
    """Checked with axe in tests/browser/test_audit_collab_study.py (the kiosk in
    tests/browser/test_study_kiosk.py)."""
    paths = [path for _name, path in accessibility.AUDITED_PAGES]
    for path in (
        "/espace/plateforme/",
        "/espace/plateforme/<espace>/wiki/<page>/",
        "/espace/plateforme/<espace>/discussions/<id>/",
        "/espace/plateforme/<espace>/documents/<id>/",
        "/espace/plateforme/<espace>/documents/<id>/supprimer/",
        "/espace/plateforme/<espace>/documents/dossiers/<id>/supprimer/",
        "/espace/plateforme/notifications/",
        "/espace/etude/",
        "/espace/etude/<id>/typologie/",
        "/kiosque/",
        "/compte/double-authentification/",
    ):
        assert path in paths


def test_the_rate_never_rounds_up():
    result = conformity(with_one_failure())
    applicable = result.met + result.not_met
    assert result.rate == (result.met * 100) // applicable
    assert result.rate < 100


def statement(client, monkeypatch, criteria):
    monkeypatch.setattr("cms.accessibility.statement.CRITERIA", tuple(criteria))
    monkeypatch.setattr("cms.templatetags.accessibility.CRITERIA", tuple(criteria))
    return page_text(client)


def page_text(client) -> str:
    """The statement's HTML with its inline emphasis removed."""
    page = html.unescape(client.get("/accessibilite/").content.decode())
    return re.sub(r"</?strong>", "", page)


@pytest.mark.django_db
def test_the_statement_says_totalement_conforme_only_when_the_grid_does(demo, client, monkeypatch):
    page = statement(client, monkeypatch, all_met())
    assert "Le site Trajectoires est totalement conforme" in page
    assert "Accessibilité : totalement conforme" in page  # the footer of every page
    assert "Aucune : chaque critère applicable est respecté." in page

    page = statement(client, monkeypatch, with_one_failure())
    assert "totalement conforme" not in page
    assert "Le site Trajectoires est partiellement conforme" in page
    assert "Critère 1.1 : Une photo n'a pas d'alternative." in page


@pytest.mark.django_db
def test_the_statement_follows_the_real_grid_with_its_contact_and_recourse(demo, client):
    page = page_text(client)
    result = conformity(CRITERIA)
    assert "Le site Trajectoires est %s" % result.label in page
    assert "Accessibilité : %s" % result.label in page
    assert "%s %% des critères du RGAA 4.1 applicables" % result.rate in page
    for criterion in result.failed:
        assert "Critère %s : %s" % (criterion.number, criterion.gap) in page
    assert 'href="mailto:%s"' % settings.ACCESSIBILITY_CONTACT_EMAIL in page
    assert "Défenseur des droits" in page
    # the maps, described as they are: usable with a keyboard, doubled by a table
    assert "Entrée ou Espace ouvre sa fiche" in page
    assert "ne sont pas utilisables au clavier" not in page
    # the whole grid, theme by theme
    assert page.count("<caption>Thématique") == 13
    for name, _path in accessibility.AUDITED_PAGES:
        assert name in page


def test_docs_accessibility_md_is_generated_from_the_grid():
    assert DOCUMENT.read_text(encoding="utf-8") == grid_markdown()
    call_command("accessibility_grid", "--check")
    text = grid_markdown()
    assert text.count("\n| ") - text.count("\n| criterion") - text.count("\n| ---") == 106
