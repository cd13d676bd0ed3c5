"""A wiki page proposed to the public knowledge base becomes a draft « code source »
sheet in the editorial review (cms.editorial), not published."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from cms.models import CodeSourceSheet
from collab.models import WikiPage

pytestmark = pytest.mark.django_db


def test_a_page_proposed_becomes_a_sheet_in_review(demo, login):
    page = WikiPage.objects.get(space__slug="made-in-la-boate", title="Questionnaire aux coworkers")
    url = reverse("collab:wiki_propose", args=[page.space.slug, page.slug])
    client = login(demo["boate"])
    form = client.get(url).content.decode()
    assert "Made in la Boate" in form
    response = client.post(url, {"author_eric": "", "summary": "", "context": "x"})
    assert (
        response.status_code == 200
        and not CodeSourceSheet.objects.filter(title=page.title).exists()
    )
    eric = page.space.accompaniment.eric
    response = client.post(
        url,
        {
            "author_eric": eric.pk,
            "summary": "Interroger les usagers du coworking.",
            "context": "Un ERIC marseillais <b>qui</b> ouvre un coworking.",
            "how_to_reproduce": "Un questionnaire court, papier et en ligne.",
        },
    )
    assert response.status_code == 302
    sheet = CodeSourceSheet.objects.get(title=page.title)
    assert not sheet.live and sheet.author_eric == eric and sheet.licence == page.licence
    assert "<b>48 réponses</b>" in sheet.what_was_done and "<h3>Ce qui ressort</h3>" in (
        sheet.what_was_done
    )
    assert "&lt;b&gt;qui&lt;/b&gt;" in sheet.context
    state = WorkflowState.objects.get(object_id=str(sheet.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert page.proposed_sheet_id == sheet.pk
    assert (
        "en relecture éditoriale"
        in client.get(
            reverse("collab:wiki_page", args=[page.space.slug, page.slug])
        ).content.decode()
    )
    # Proposed once only.
    assert client.post(url, {}).status_code == 302
    assert CodeSourceSheet.objects.filter(title=page.title).count() == 1


def test_a_partner_may_read_but_not_propose(demo, login):
    page = WikiPage.objects.get(
        space__slug="trajectoires-eric-tiers-lieux", title="Ouverture du wiki commun"
    )
    client = login(demo["skema"])
    args = [page.space.slug, page.slug]
    assert client.get(reverse("collab:wiki_page", args=args)).status_code == 200
    assert client.get(reverse("collab:wiki_propose", args=args)).status_code == 403


def test_a_team_proposes_only_in_its_own_erics_name(demo, login):
    """The programme's space is shared by every ERIC: boate may propose its page, but
    never as Centre Social Jean Paul Coste (its choice is not offered, a forged post is
    refused and nothing is created)."""
    page = WikiPage.objects.get(
        space__slug="trajectoires-eric-tiers-lieux", title="Ouverture du wiki commun"
    )
    url = reverse("collab:wiki_propose", args=[page.space.slug, page.slug])
    client = login(demo["boate"])
    form = client.get(url).content.decode()
    assert "Made in la Boate" in form and "Jean Paul Coste" not in form
    coste = demo["coste"].memberships.get().organisation
    response = client.post(
        url,
        {
            "author_eric": coste.pk,
            "summary": "Une fiche au nom d'un autre ERIC.",
            "context": "x",
            "how_to_reproduce": "y",
        },
    )
    assert response.status_code == 200
    assert not CodeSourceSheet.objects.filter(title=page.title).exists()
    page.refresh_from_db()
    assert page.proposed_sheet_id is None


def test_the_service_refuses_another_erics_name(demo):
    from django.core.exceptions import ValidationError

    from collab.services import wiki_page_propose

    page = WikiPage.objects.get(
        space__slug="trajectoires-eric-tiers-lieux", title="Ouverture du wiki commun"
    )
    coste = demo["coste"].memberships.get().organisation
    with pytest.raises(ValidationError) as refused:
        wiki_page_propose(
            by=demo["boate"],
            page=page,
            author_eric=coste,
            summary="s",
            context="c",
            how_to_reproduce="h",
        )
    assert "au nom de cet ERIC" in str(refused.value)
    assert not CodeSourceSheet.objects.filter(title=page.title).exists()
