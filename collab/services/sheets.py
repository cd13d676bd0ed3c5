"""Propose a wiki page to the public knowledge base as a « code source » sheet.

The sheet is created as a draft below the knowledge base, its author the ERIC chosen,
its text the page's (rendered to the sheet's rich-text features), and submitted to the
knowledge base's workflow (« Relecture éditoriale », cms.editorial): the editors review
and publish it in the Wagtail admin as any other sheet.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.models import CodeSourceSheet, KnowledgeBaseIndexPage
from coaching.perms import can_write_code_source_sheet
from core.slugs import free_slug

from ..membership import can_propose_sheet
from ..models import WikiPage
from ..wikitext import sheet_html


def _free_sheet_slug(knowledge_base, title: str) -> str:
    taken = set(
        Page.objects.child_of(knowledge_base)
        .filter(slug__startswith=slugify(title)[:40])
        .values_list("slug", flat=True)
    )
    return free_slug(title, taken, max_length=255, default="fiche")


@transaction.atomic
def wiki_page_propose(
    *, by, page: WikiPage, author_eric, summary: str, context: str, how_to_reproduce: str
) -> CodeSourceSheet:
    if not can_propose_sheet(by, page.space):
        raise ValidationError(_("Vous ne pouvez pas proposer cette page."))
    if page.proposed_sheet_id is not None:
        raise ValidationError(_("Cette page a déjà été proposée à la base de connaissance."))
    if not can_write_code_source_sheet(by, author_eric.pk):
        # the sheet is published in that ERIC's name: only its team or its resource person
        raise ValidationError(
            {"author_eric": _("Vous ne pouvez pas proposer une fiche au nom de cet ERIC.")}
        )
    knowledge_base = KnowledgeBaseIndexPage.objects.first()
    if knowledge_base is None:
        raise ValidationError(_("Le site public n'a pas encore de base de connaissance."))
    if not knowledge_base.permissions_for_user(by).can_add_subpage():
        raise ValidationError(
            _(
                "Votre compte n'a pas encore accès à l'espace d'édition du site : "
                "demandez à un administrateur de vous en ouvrir l'accès."
            )
        )
    what_was_done = sheet_html(page.body)
    if not what_was_done:
        raise ValidationError(_("La page est vide : écrivez-la avant de la proposer."))
    sheet = CodeSourceSheet(
        title=page.title,
        slug=_free_sheet_slug(knowledge_base, page.title),
        live=False,
        owner=by,
        author_eric=author_eric,
        month=timezone.localdate().replace(day=1),
        licence=page.licence,
        summary=summary,
        context=linebreaks(escape(context)),
        what_was_done=what_was_done,
        how_to_reproduce=linebreaks(escape(how_to_reproduce)),
    )
    knowledge_base.add_child(instance=sheet)
    sheet.save_revision(user=by, log_action=True)
    workflow = sheet.get_workflow()
    if workflow is not None:
        workflow.start(sheet, by)
    page.proposed_sheet = sheet
    page.proposed_at = timezone.now()
    page.save(update_fields=["proposed_sheet", "proposed_at"])
    return sheet
