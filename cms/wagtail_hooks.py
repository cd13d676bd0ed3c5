"""The editor of a new sheet opens filled in from « Rédiger une fiche » (``cms.views``).

Wagtail builds the page form with the user, not the request: the hook that sees the
request reads ``?eric=&animation=`` again (never trusting the address), and leaves the
values where ``SheetPageForm`` reads them. A wrong or foreign value opens an empty form.
"""

from wagtail import hooks

from coaching.perms import can_write_code_source_sheet

from .forms import SheetStartForm
from .models import CodeSourceSheet
from .models.knowledge import remember_sheet_prefill


@hooks.register("before_create_page")
def prefill_new_sheet(request, parent_page, page_class):
    if page_class is not CodeSourceSheet or request.method != "GET" or not request.GET:
        return None
    form = SheetStartForm(request.GET)
    if form.is_valid() and can_write_code_source_sheet(request.user, form.cleaned_data["eric"].pk):
        remember_sheet_prefill(request.user, form.initial_for_sheet())
    return None
