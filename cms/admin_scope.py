"""What an ERIC team sees of the other ERIC's sheets in the Wagtail admin: nothing.

A team drafts its code-source sheets in Wagtail's admin (group « Contributeurs ERIC »,
``cms.editorial``). Wagtail lists every page below the knowledge base to whoever may
add pages there, so without this module a team would read another ERIC's draft titles,
slugs and statuses in the explorer, the admin search, the page chooser and the admin
API. The published sheets stay on the public site for everyone.

Wagtail's own mechanics carry the rule:

- a page permission policy (``register_permission_policy``) whose
  ``explorable_instances`` leaves those sheets out: the explorer, the admin search and
  the admin API (listing and detail) all start from it;
- the ``construct_explorer_page_queryset`` and ``construct_page_chooser_queryset``
  hooks (``cms.wagtail_hooks``): the explorer's and the chooser's lists, and a 404 for
  the explorer page of such a sheet;
- ``SheetPermissionTester`` (``cms.models.knowledge``): no edit, history or revision
  of another ERIC's sheet.
"""

from wagtail.permission_policies.pages import PagePermissionPolicy

from coaching.perms import sheet_eric_ids


def hidden_sheets(user):
    """The sheets ``user`` may not see in the admin (a queryset), or None for editors
    and administrators, who see them all."""
    from .models import CodeSourceSheet  # the models import this module's callers

    eric_ids = sheet_eric_ids(user)
    if eric_ids is None:
        return None
    return CodeSourceSheet.objects.exclude(author_eric_id__in=eric_ids)


def without_hidden_sheets(pages, user):
    hidden = hidden_sheets(user)
    if hidden is None:
        return pages
    return pages.exclude(pk__in=hidden.values("pk"))


def is_hidden_sheet(page, user) -> bool:
    hidden = hidden_sheets(user)
    return hidden is not None and hidden.filter(pk=page.pk).exists()


class SheetScopedPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, less the sheets of the ERIC the user does not write for."""

    def explorable_instances(self, user):
        return without_hidden_sheets(super().explorable_instances(user), user)
