"""The wiki: revisions, conflicts, restore, links, the Markdown's sanitising, diffs."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from collab.diff import diff_rows
from collab.models import WikiLink, WikiPage, WikiRevision
from collab.selectors import backlinks, missing_pages
from collab.services import WikiConflict, wiki_page_create, wiki_page_save, wiki_revision_restore
from collab.wikitext import render_wiki, sheet_html, wiki_links

from .factories import make_page

pytestmark = pytest.mark.django_db


def test_every_save_is_a_revision_with_its_author(collab):
    world = collab.world
    page = wiki_page_create(by=world.team_a, space=collab.space_a, title="Atelier", body="v1")
    wiki_page_save(by=world.coach_a, page=page, body="v2", base_number=1, comment="relu")
    page.refresh_from_db()
    assert page.current_number == 2 and page.body == "v2" and page.updated_by == world.coach_a
    revisions = list(page.revisions.order_by("number").values_list("number", "body", "author"))
    assert revisions == [(1, "v1", world.team_a.pk), (2, "v2", world.coach_a.pk)]
    assert page.licence == "cc-by-sa-4.0"


def test_a_save_on_someone_elses_newer_revision_is_refused_and_nothing_is_lost(collab):
    world = collab.world
    page = wiki_page_create(by=world.team_a, space=collab.space_a, title="Atelier", body="v1")
    wiki_page_save(by=world.coach_a, page=page, body="v2 du coach", base_number=1)
    with pytest.raises(WikiConflict) as conflict:
        wiki_page_save(by=world.team_a, page=page, body="v2 de l'équipe", base_number=1)
    assert conflict.value.page.current_number == 2
    page.refresh_from_db()
    assert page.body == "v2 du coach"
    assert page.revisions.count() == 2


def test_a_save_on_ones_own_newer_revision_goes_through(collab):
    world = collab.world
    page = wiki_page_create(by=world.team_a, space=collab.space_a, title="Atelier", body="v1")
    wiki_page_save(by=world.team_a, page=page, body="v2", base_number=1)
    wiki_page_save(by=world.team_a, page=page, body="v3", base_number=1)
    page.refresh_from_db()
    assert page.current_number == 3


def test_a_base_from_the_future_is_a_conflict(collab):
    page = make_page(collab.space_a, collab.world.team_a)
    with pytest.raises(WikiConflict):
        wiki_page_save(by=collab.world.team_a, page=page, body="x", base_number=7)


def test_an_unchanged_text_and_a_duplicate_title_are_refused(collab):
    page = make_page(collab.space_a, collab.world.team_a, title="Atelier", body="v1")
    with pytest.raises(ValidationError, match="pas changé"):
        wiki_page_save(by=collab.world.team_a, page=page, body="v1", base_number=1)
    with pytest.raises(ValidationError, match="porte déjà"):
        wiki_page_create(by=collab.world.coach_a, space=collab.space_a, title="ATELIER", body="")
    with pytest.raises(ValidationError, match="au moins une lettre"):
        wiki_page_create(by=collab.world.coach_a, space=collab.space_a, title="???", body="")


def test_a_non_member_cannot_write(collab):
    with pytest.raises(ValidationError):
        wiki_page_create(by=collab.world.team_b, space=collab.space_a, title="Intrus", body="")
    page = make_page(collab.space_a, collab.world.team_a)
    with pytest.raises(ValidationError):
        wiki_page_save(by=collab.world.team_b, page=page, body="intrus", base_number=1)


def test_restoring_an_old_revision_adds_a_new_one(collab):
    page = make_page(collab.space_a, collab.world.team_a, body="premier", revisions=3)
    revision = wiki_revision_restore(by=collab.world.coach_a, page=page, number=1)
    page.refresh_from_db()
    assert (revision.number, revision.restored_from, page.body) == (4, 1, "premier")
    assert revision.author == collab.world.coach_a
    assert WikiRevision.objects.filter(page=page).count() == 4
    with pytest.raises(ValidationError):
        wiki_revision_restore(by=collab.world.coach_a, page=page, number=1)


def test_links_backlinks_and_missing_pages(collab):
    team = collab.world.team_a
    home = make_page(
        collab.space_a, team, title="Accueil", body="Voir [[Atelier]] et [[Charte|la charte]]."
    )
    atelier = make_page(collab.space_a, team, title="Atelier", body="Retour à [[accueil]].")
    assert list(backlinks(atelier)) == [home]
    assert list(backlinks(home)) == [atelier]
    assert missing_pages(collab.space_a) == [
        {"target_slug": "charte", "title": "Charte", "links": 1}
    ]
    # A link to a page of another space is no backlink there.
    make_page(collab.space_b, collab.world.team_b, title="Autre", body="[[Atelier]]")
    assert list(backlinks(atelier)) == [home]
    # Saving again rewrites the links.
    wiki_page_save(by=team, page=home, body="Plus de liens.", base_number=1)
    assert not WikiLink.objects.filter(source=home).exists()
    assert missing_pages(collab.space_a) == []


def test_markdown_is_sanitised_and_links_resolve():
    html = render_wiki(
        "# Titre\n<script>alert(1)</script> [x](javascript:alert(1)) "
        '<img src=x onerror="alert(1)"> [[Existe]] [[Manque|à écrire]] **gras**',
        lambda slug, title: ("/w/%s/" % slug, slug == "existe"),
    )
    # Raw HTML is shown as text; a javascript: link stays text.
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert 'href="javascript' not in html
    assert "<h2>Titre</h2>" in html
    assert '<a class="wikilink" href="/w/existe/"' in html
    assert 'class="wikilink wikilink--missing" href="/w/manque/"' in html and "à écrire</a>" in html
    assert "<strong>gras</strong>" in html


def test_wiki_links_ignore_code_and_keep_order():
    assert wiki_links("`[[Non]]` [[Oui]] [[Deux]] [[oui]]") == [("oui", "Oui"), ("deux", "Deux")]


def test_a_sheet_gets_the_sheet_features_only():
    html = sheet_html("## Partie\n\n**gras** *it* [[Page]] [site](https://a.fr) `code`")
    assert html.startswith("<h3>Partie</h3>")
    assert "<b>gras</b>" in html and "<i>it</i>" in html
    assert "Page" in html and "wikilink" not in html
    assert '<a href="https://a.fr">site</a>' in html and "<code>" not in html


def test_the_diff_marks_changed_words_and_folds_the_rest():
    old = "\n".join("ligne %d" % n for n in range(1, 21))
    new = old.replace("ligne 10", "ligne dix").replace("ligne 20", "ligne 20\nnouvelle")
    rows = diff_rows(old, new)
    kinds = [row.kind for row in rows]
    assert kinds[0] == "skip" and rows[0].skipped == 6
    changed = next(row for row in rows if row.kind == "replace")
    assert [part.text for part in changed.old if part.changed] == ["10"]
    assert [part.text for part in changed.new if part.changed] == ["dix"]
    assert kinds[-1] == "insert"
    assert diff_rows("même", "même") == []


def test_the_conflict_is_shown_with_the_diff_and_the_text_kept(collab, login):
    world = collab.world
    page = make_page(collab.space_a, world.team_a, title="Atelier", body="Début")
    wiki_page_save(by=world.coach_a, page=page, body="Début\nAjout du coach", base_number=1)
    client = login(world.team_a)
    url = reverse("collab:wiki_edit", args=[collab.space_a.slug, page.slug])
    response = client.post(url, {"body": "Début\nMa version", "base_number": 1})
    assert response.status_code == 409
    content = response.content.decode()
    assert "rien n'a été écrasé" in content
    assert "<ins>Ma version</ins>" in content or "Ma version</ins>" in content
    assert "Début\nMa version</textarea>" in content
    assert 'name="base_number" value="2"' in content
    page.refresh_from_db()
    assert page.body == "Début\nAjout du coach" and page.current_number == 2
    # Saving again, knowingly, on top of revision 2 goes through.
    response = client.post(url, {"body": "Début\nAjout du coach\nMa version", "base_number": 2})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_number == 3


def test_pages_history_diff_and_restore_through_the_views(collab, login):
    world = collab.world
    page = make_page(collab.space_a, world.team_a, title="Atelier", body="Début", revisions=3)
    client = login(world.coach_a)
    args = [collab.space_a.slug, page.slug]
    response = client.get(reverse("collab:wiki_page", args=args))
    assert response.status_code == 200
    assert "CC BY-SA 4.0" in response.content.decode()
    history = client.get(reverse("collab:wiki_history", args=args)).content.decode()
    assert "Rétablir la révision 1" in history and "Rétablir la révision 3" not in history
    diff = client.get(reverse("collab:wiki_diff", args=args) + "?de=1&a=3").content.decode()
    assert "<caption>" in diff and "<ins>" in diff
    assert client.get(reverse("collab:wiki_diff", args=args) + "?de=1&a=99").status_code == 404
    assert client.get(reverse("collab:wiki_diff", args=args) + "?de=x&a=-2").status_code == 200
    big = reverse("collab:wiki_revision", args=[*args, 2**40])
    assert client.get(big).status_code == 404
    response = client.post(reverse("collab:wiki_restore", args=[*args, 1]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "Début" and page.current_number == 4


def test_creating_a_missing_page_from_its_link(collab, login):
    client = login(collab.world.team_a)
    url = reverse("collab:wiki_create", args=[collab.space_a.slug])
    response = client.get(url + "?titre=Charte+commune")
    assert 'value="Charte commune"' in response.content.decode()
    response = client.post(
        url, {"title": "Charte commune", "body": "Texte", "licence": "cc-by-sa-4.0"}
    )
    assert response.status_code == 302
    assert WikiPage.objects.get(space=collab.space_a).slug == "charte-commune"
    response = client.post(url, {"title": "charte COMMUNE", "body": "", "licence": "cc-by-sa-4.0"})
    assert response.status_code == 200 and "porte déjà ce titre" in response.content.decode()
    response = client.post(url, {"title": "Autre", "body": "", "licence": "all-rights-reserved"})
    assert response.status_code == 200 and WikiPage.objects.count() == 1


def test_a_link_closes_within_a_title_and_a_label():
    """Each « [[ » looks for its « ]] » only as far as a title and its label can go, so a
    text of thousands of « [[ » is read once, not once per « [[ »."""
    from collab.wikitext import MAX_LINK_LENGTH

    resolve = lambda slug, title: ("/p/" + slug, True)  # noqa: E731
    near = "[[%s]]" % ("a" * MAX_LINK_LENGTH)
    far = "[[%s]]" % ("a" * (MAX_LINK_LENGTH + 1))
    assert 'class="wikilink"' in render_wiki(near, resolve)
    assert 'class="wikilink"' not in render_wiki(far, resolve)
    assert "[[a" in render_wiki("[[a" * 5_000, resolve)


def test_a_text_too_long_is_refused_with_a_french_message(demo, login):
    from collab.forms import BODY_MAX_LENGTH

    space = WikiPage.objects.get(title="Ouverture du wiki commun").space
    client = login(demo["coach"])
    response = client.post(
        reverse("collab:wiki_create", args=[space.slug]),
        {"title": "Trop long", "body": "x" * (BODY_MAX_LENGTH + 1), "licence": "cc-by-sa-4.0"},
    )
    assert response.status_code == 200
    assert "au plus" in response.content.decode()
    assert not WikiPage.objects.filter(title="Trop long").exists()
