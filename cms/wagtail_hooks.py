"""The editor of a new sheet opens filled in from « Rédiger une fiche » (``cms.views``);
a photo or video edited in the snippets keeps who declared it needs no audio description.

Wagtail builds the page form with the user, not the request: the hook that sees the
request reads ``?eric=&animation=`` again (never trusting the address), and leaves the
values where ``SheetPageForm`` reads them. A wrong or foreign value opens an empty form.
"""

from django.utils import timezone
from wagtail import hooks

from coaching.perms import can_write_code_source_sheet

from .forms import SheetStartForm
from .models import CodeSourceSheet, MediaItem
from .models.knowledge import remember_sheet_prefill


@hooks.register("before_create_page")
def prefill_new_sheet(request, parent_page, page_class):
    if page_class is not CodeSourceSheet or request.method != "GET" or not request.GET:
        return None
    form = SheetStartForm(request.GET)
    if form.is_valid() and can_write_code_source_sheet(request.user, form.cleaned_data["eric"].pk):
        remember_sheet_prefill(request.user, form.initial_for_sheet())
    return None


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
