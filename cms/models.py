from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The public site's home: the programme in a few lines."""

    intro = models.TextField(
        _("chapô"), max_length=600, help_text=_("Le programme en quelques lignes.")
    )
    body = RichTextField(_("corps"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        from coaching.models import Programme

        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = list(
            Programme.objects.select_related("funder").prefetch_related("targets")
        )
        return context
