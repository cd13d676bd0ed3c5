"""The public agenda page of the Wagtail site."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..selectors import upcoming_public_occurrences


class AgendaPage(Page):
    """The public agenda on the Wagtail site: upcoming public events."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("page agenda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["occurrences"] = upcoming_public_occurrences(start=timezone.now(), limit=50)
        return context
