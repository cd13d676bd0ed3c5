"""The knowledge base's index page: search and filters over the published sheets."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from ..forms import SheetSearchForm
from ..selectors import search_sheets


class KnowledgeBaseIndexPage(Page):
    """The knowledge base: search and filters over the published sheets."""

    intro = models.TextField(_("chapô"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CodeSourceSheet"]
    max_count = 1

    class Meta:
        verbose_name = _("base de connaissance")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = SheetSearchForm(request.GET or None)
        sheets = search_sheets(form, parent=self)
        paginator = Paginator(sheets, 20)
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        # The same filters without the programme's counting (a dashboard's figure); the
        # month goes too: with a programme it is the month of publication, not the action's.
        uncounted = query.copy()
        for name in ("programme", "until", "month"):
            uncounted.pop(name, None)
        context.update(
            {
                "form": form,
                "page_obj": page_obj,
                "sheets": page_obj.object_list,
                "result_count": paginator.count,
                "query_string": query.urlencode(),
                "is_filtered": form.is_bound and form.is_valid() and form.has_criteria(),
                "counting_summary": form.counting_summary(today=timezone.localdate()),
                "uncounted_query_string": uncounted.urlencode(),
            }
        )
        return context
