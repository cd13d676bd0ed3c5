"""The editor of a new sheet opens filled in from « Rédiger une fiche » (``cms.views``);
a photo or video edited in the snippets keeps who declared it needs no audio description.

Wagtail builds the page form with the user, not the request: the hook that sees the
request reads ``?eric=&animation=`` again (never trusting the address), and leaves the
values where ``SheetPageForm`` reads them. A wrong or foreign value opens an empty form.

A team sees none of the other ERIC's sheets in the admin: see ``cms.admin_scope``.
"""

from django.http import Http404
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from coaching.perms import can_write_code_source_sheet

from .admin_scope import SheetScopedPagePermissionPolicy, is_hidden_sheet, without_hidden_sheets
from .forms import SheetStartForm
from .models import CodeSourceSheet, MediaItem
from .models.knowledge import remember_sheet_prefill

# At the top of wagtail_hooks, before any view asks the registry for Page's policy.
register_permission_policy(Page, SheetScopedPagePermissionPolicy(Page))


@hooks.register("before_create_page")
def prefill_new_sheet(request, parent_page, page_class):
    if page_class is not CodeSourceSheet or request.method != "GET" or not request.GET:
        return None
    form = SheetStartForm(request.GET)
    if form.is_valid() and can_write_code_source_sheet(request.user, form.cleaned_data["eric"].pk):
        remember_sheet_prefill(request.user, form.initial_for_sheet())
    return None


@hooks.register("construct_explorer_page_queryset")
def hide_other_eric_sheets_in_explorer(parent_page, pages, request):
    # The explorer page of such a sheet answers as a missing page (docs/security.md).
    if is_hidden_sheet(parent_page, request.user):
        raise Http404
    return without_hidden_sheets(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def hide_other_eric_sheets_in_chooser(pages, request):
    return without_hidden_sheets(pages, request.user)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_audio_description_declaration(request, instance):
    """RGAA 4.5: who declared in the editor that a video needs no audio description,
    and when (kept while the declaration stands, cleared when it is withdrawn)."""
    if not isinstance(instance, MediaItem):
        return
    declared = instance.audio_description_not_needed
    if declared and instance.audio_description_not_needed_at is None:
        instance.audio_description_not_needed_by = request.user
        instance.audio_description_not_needed_at = timezone.now()
    elif not declared and instance.audio_description_not_needed_at is not None:
        instance.audio_description_not_needed_by = None
        instance.audio_description_not_needed_at = None
    else:
        return
    instance.save(
        update_fields=["audio_description_not_needed_by", "audio_description_not_needed_at"]
    )
