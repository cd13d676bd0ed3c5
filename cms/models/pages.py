"""Pages of the public site: home, standard and legal pages, ERIC and partners, news."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from agenda.models import AgendaPage
from agenda.selectors import upcoming_public_occurrences
from coaching.enums import AnimationStatus
from coaching.models import Accompaniment, Animation, Programme
from maps.models import TrustCircleEntry
from maps.perms import can_edit_trust_circles
from maps.selectors import trust_circle_growth
from organisations.enums import OrganisationKind

from ..accessibility.statement import statement_context
from ..feeds import NewsFeed
from ..selectors import key_figures
from .knowledge import CodeSourceSheet

BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "image"]


class HomePage(Page):
    """The public site's home: the programme in a few lines, key figures, latest sheets."""

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
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = list(
            Programme.objects.select_related("funder").prefetch_related("targets")
        )
        context["latest_sheets"] = list(
            CodeSourceSheet.objects.live()
            .public()
            .for_listing()
            .order_by("-first_published_at")[:3]
        )
        context["latest_news"] = list(NewsPage.objects.live().public().order_by("-date", "-pk")[:3])
        context["key_figures"] = key_figures()
        context["upcoming_events"] = upcoming_public_occurrences(start=timezone.now(), limit=5)
        context["agenda_page"] = AgendaPage.objects.live().public().first()
        return context


class StandardPage(Page):
    """An about page, a legal notice, a privacy notice: a title and rich text."""

    intro = models.TextField(_("chapô"), max_length=600, blank=True)
    body = RichTextField(_("corps"), features=BODY_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")


class AccessibilityStatementPage(Page):
    """The accessibility statement the RGAA requires. Its level, audit date, results,
    non-conformities, derogations and audited pages are generated from the audit grid
    (:mod:`cms.accessibility`), its contact from ``ACCESSIBILITY_CONTACT_EMAIL``; editors
    write only an introduction."""

    body = RichTextField(
        _("introduction"),
        features=BODY_FEATURES,
        blank=True,
        help_text=_(
            "L'état de conformité, les résultats, les contenus non accessibles, le contact "
            "et les voies de recours sont générés à partir de la grille d'audit."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("déclaration d'accessibilité")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(statement_context())
        return context


class EricIndexPage(Page):
    """The ERIC of the programme, on a map and in a list."""

    intro = models.TextField(_("chapô"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EricPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des ERIC")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["eric_pages"] = list(
            EricPage.objects.live().public().child_of(self).select_related("eric").order_by("title")
        )
        context["geojson_url"] = reverse("opendata:erics_geojson")
        context["map_settings"] = map_settings()
        return context


def map_settings() -> dict:
    return {"tile_url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


class EricPage(Page):
    """An ERIC's public page: presentation, trust circles on a map, sheets."""

    eric = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="public_page",
        limit_choices_to={"kind": OrganisationKind.ERIC},
        verbose_name=_("ERIC"),
    )
    intro = models.TextField(_("chapô"), max_length=600)
    body = RichTextField(_("présentation"), features=BODY_FEATURES, blank=True)
    trajectory_summary = RichTextField(
        _("trajectoire vers le tiers-lieu"),
        features=BODY_FEATURES,
        blank=True,
        help_text=_("Le résumé public de la trajectoire : où en est l'ERIC, ce qui a changé."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("eric"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("trajectory_summary"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("trajectory_summary"),
    ]

    parent_page_types = ["cms.EricIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page d'un ERIC")
        verbose_name_plural = _("pages des ERIC")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        eric = self.eric
        context["entries"] = list(
            TrustCircleEntry.objects.for_eric(eric).current(timezone.localdate()).in_circle_order()
        )
        context["sheets"] = list(
            CodeSourceSheet.objects.live()
            .public()
            .filter(author_eric=eric)
            .for_listing()
            .order_by("-month", "-first_published_at")
        )
        context["geojson_url"] = reverse("opendata:eric_trust_circles_geojson", args=[eric.slug])
        context["map_settings"] = map_settings()
        context["can_edit_trust_circles"] = can_edit_trust_circles(request.user, eric)
        # the months of the programme only: none before its first day
        first_day = Accompaniment.objects.filter(eric=eric).aggregate(
            first_day=Min("programme__start_date")
        )["first_day"]
        context["growth"] = trust_circle_growth(eric, today=timezone.localdate(), since=first_day)
        context["documented_animations"] = list(
            Animation.objects.documented()
            .filter(accompaniment__eric=eric, status=AnimationStatus.HELD)
            .prefetch_related("co_organisers")
            .order_by("-starts_at")[:12]
        )
        context["upcoming_events"] = upcoming_public_occurrences(
            start=timezone.now(), limit=5, eric=eric
        )
        return context


class PartnerIndexPage(Page):
    intro = models.TextField(_("chapô"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PartnerPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des partenaires")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partner_pages"] = list(
            PartnerPage.objects.live()
            .public()
            .child_of(self)
            .select_related("organisation")
            .order_by("title")
        )
        return context


class PartnerPage(Page):
    """A partner of the programme: what it brings."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="partner_page",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("rôle dans le programme"),
        max_length=300,
        help_text=_("En une phrase, par exemple « documentation scientifique »."),
    )
    body = RichTextField(_("présentation"), features=BODY_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("role"), index.SearchField("body")]
    parent_page_types = ["cms.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page partenaire")
        verbose_name_plural = _("pages partenaires")


class NewsIndexPage(RoutablePageMixin, Page):
    """News, newest first, with an RSS feed at ``rss/``."""

    intro = models.TextField(_("chapô"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("actualités")

    def news(self):
        return NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")

    @path("")
    def index(self, request):
        paginator = Paginator(self.news(), 20)
        page_obj = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"page_obj": page_obj})

    @path("rss/", name="rss")
    def rss(self, request):
        return NewsFeed(self)(request)


class NewsPage(Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("chapô"), max_length=600)
    body = RichTextField(_("corps"), features=BODY_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
