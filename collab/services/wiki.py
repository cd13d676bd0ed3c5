"""Wiki writes: create a page, save a revision (refused on a conflict), restore one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.licences import PUBLICATION_LICENCES, Licence

from ..membership import can_view_space
from ..models import Space, WikiLink, WikiPage, WikiRevision
from ..notifications import notify
from ..search import normalise
from ..threads_models import NotificationKind
from ..wikitext import page_slug, wiki_links


class WikiConflict(Exception):
    """Someone else saved the page after the revision the editor started from."""

    def __init__(self, page: WikiPage, base_number: int):
        super().__init__("wiki conflict on page %s" % page.pk)
        self.page = page
        self.base_number = base_number


def _check_member(by, space):
    if not can_view_space(by, space):
        raise ValidationError(_("Vous ne faites pas partie de cet espace."))


def _write_revision(*, by, page, body, comment="", restored_from=None) -> WikiRevision:
    now = timezone.now()
    revision = WikiRevision.objects.create(
        page=page,
        number=page.current_number + 1,
        title=page.title,
        body=body,
        comment=comment,
        author=by,
        created_at=now,
        restored_from=restored_from,
    )
    page.body = body
    page.search_text = normalise("%s\n%s" % (page.title, body))
    page.current_number = revision.number
    page.updated_at = now
    page.updated_by = by
    page.save(update_fields=["body", "search_text", "current_number", "updated_at", "updated_by"])
    page.links.all().delete()
    WikiLink.objects.bulk_create(
        WikiLink(source=page, space_id=page.space_id, target_slug=slug, target_title=title)
        for slug, title in wiki_links(body)
        if slug != page.slug
    )
    _notify_saved(by, page, revision)
    return revision


def _notify_saved(by, page, revision):
    who = by.get_full_name() or by.get_username()
    text = (
        _("%(who)s a créé la page « %(title)s »")
        if revision.number == 1
        else _("%(who)s a modifié la page « %(title)s »")
    )
    notify(
        space=page.space,
        kind=NotificationKind.WIKI,
        text=text % {"who": who, "title": page.title},
        url=reverse("collab:wiki_page", args=[page.space.slug, page.slug]),
        actor=by,
    )


@transaction.atomic
def wiki_page_create(
    *, by, space: Space, title: str, body: str, comment: str = "", licence=Licence.CC_BY_SA_4
) -> WikiPage:
    _check_member(by, space)
    title = " ".join(title.split())
    slug = page_slug(title)
    if not slug:
        raise ValidationError({"title": _("Le titre doit contenir au moins une lettre.")})
    if licence not in PUBLICATION_LICENCES:
        raise ValidationError({"licence": _("Choisissez une licence libre.")})
    if WikiPage.objects.filter(space=space, slug=slug).exists():
        raise ValidationError(
            {"title": _("Une page de cet espace porte déjà ce titre (ou un titre très proche).")}
        )
    page = WikiPage.objects.create(space=space, title=title, slug=slug, licence=licence)
    _write_revision(by=by, page=page, body=body, comment=comment)
    return page


@transaction.atomic
def wiki_page_save(
    *, by, page: WikiPage, body: str, base_number: int, comment: str = ""
) -> WikiRevision:
    """Save ``body`` as the page's new revision. ``base_number`` is the revision the
    editor started from: if someone else saved after it, :class:`WikiConflict` is
    raised and nothing is written."""
    _check_member(by, page.space)
    page = WikiPage.objects.select_for_update().get(pk=page.pk)
    if base_number != page.current_number:
        others = (
            WikiRevision.objects.filter(page=page, number__gt=base_number)
            .exclude(author=by)
            .exists()
        )
        if others or base_number > page.current_number:
            raise WikiConflict(page, base_number)
    if body == page.body:
        raise ValidationError({"body": _("Le texte n'a pas changé : rien à enregistrer.")})
    return _write_revision(by=by, page=page, body=body, comment=comment)


@transaction.atomic
def wiki_revision_restore(*, by, page: WikiPage, number: int) -> WikiRevision:
    """Make revision ``number``'s text the page's text again, as a new revision."""
    _check_member(by, page.space)
    page = WikiPage.objects.select_for_update().get(pk=page.pk)
    old = WikiRevision.objects.filter(page=page, number=number).first()
    if old is None:
        raise ValidationError(_("Cette révision n'existe pas."))
    if old.body == page.body:
        raise ValidationError(_("Cette révision a déjà le texte actuel de la page."))
    return _write_revision(
        by=by,
        page=page,
        body=old.body,
        comment=_("Rétablit la révision %(number)s") % {"number": number},
        restored_from=number,
    )
