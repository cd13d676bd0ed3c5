"""« Code source » sheets: what an ERIC invented, documented so that another place can
reproduce it, under a free licence."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    CommentPanel,
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index

from coaching.enums import AnimationStatus
from coaching.models import Animation
from coaching.perms import sheet_eric_ids
from core.licences import PUBLICATION_LICENCES, Licence, licence_choices
from organisations.enums import OrganisationKind
from organisations.models import Organisation

from ..perms import can_see_page_settings
from ..search import normalised_text
from .themes import Theme

SHEET_SECTIONS = [
    ("context", _("Contexte")),
    ("need", _("Besoin")),
    ("what_was_done", _("Ce qui a été fait")),
    ("resources_needed", _("Ressources nécessaires")),
    ("results", _("Résultats")),
    ("how_to_reproduce", _("Comment le reproduire")),
]

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


REQUIRED_MESSAGES = {
    "author_eric": _("Choisissez l'ERIC auteur de la fiche."),
    "licence": _(
        "Choisissez une licence libre : CC BY-SA 4.0 (par défaut), CC BY 4.0 ou MoveCommons."
    ),
    "themes": _("Cochez au moins un thème."),
}


#: What the page form's fields hold on opening (``cms.wagtail_hooks``), kept on the user
#: object for the request: Wagtail builds the form with the user, not the request.
PREFILL_ATTR = "_trajectoires_sheet_prefill"

#: Fields of the technical tabs, kept as they are for those who do not see the tabs.
SETTINGS_FIELDS = ("slug", "seo_title", "search_description", "go_live_at", "expire_at")


def remember_sheet_prefill(user, initial: dict) -> None:
    setattr(user, PREFILL_ATTR, initial)


class SheetPageForm(WagtailAdminPageForm):
    """ERIC teams write in their own ERIC's name (resource persons in the name of the ERIC
    they coach); editors may pick any ERIC."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in REQUIRED_MESSAGES.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message

        if not can_see_page_settings(self.for_user):
            # Their tabs are not shown: the page keeps its slug (made from the title
            # when new), its search-engine fields and its schedule.
            for name in SETTINGS_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].required = False

        eric_ids = sheet_eric_ids(self.for_user)
        animations = self.fields.get("related_animations")
        if animations is not None:
            queryset = (
                Animation.objects.exclude(status=AnimationStatus.CANCELLED)
                .select_related("accompaniment__eric")
                .order_by("-starts_at")
            )
            if eric_ids is not None:
                queryset = queryset.filter(accompaniment__eric_id__in=eric_ids)
            animations.queryset = queryset
        field = self.fields.get("author_eric")
        if field is not None and eric_ids is not None:
            field.queryset = Organisation.objects.erics().filter(pk__in=eric_ids)
            if len(eric_ids) == 1 and not self.instance.author_eric_id:
                self.initial["author_eric"] = next(iter(eric_ids))

        prefill = getattr(self.for_user, PREFILL_ATTR, None)
        if prefill and not self.is_bound and not self.instance.pk:
            self.initial.update(prefill)


class SheetPermissionTester(PagePermissionTester):
    """A member of an ERIC team edits the sheets of their ERIC only (a resource person,
    those of the ERIC they coach)."""

    def _writes_for_other_eric(self) -> bool:
        eric_ids = sheet_eric_ids(self.user)
        if eric_ids is None:
            return False
        return self.page.specific_deferred.author_eric_id not in eric_ids

    def can_edit(self):
        return super().can_edit() and not self._writes_for_other_eric()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and not self._writes_for_other_eric()

    # Another ERIC's drafts are not shown at all (``cms.admin_scope``): nor their
    # revisions, nor a copy, a move or a lock that would name them.
    def can_view_revisions(self):
        return super().can_view_revisions() and not self._writes_for_other_eric()

    def can_copy(self):
        return super().can_copy() and not self._writes_for_other_eric()

    def can_move(self):
        return super().can_move() and not self._writes_for_other_eric()

    def can_lock(self):
        return super().can_lock() and not self._writes_for_other_eric()


class EditorsTab(ObjectList):
    """A tab shown to the site's editors and administrators only."""

    class BoundPanel(ObjectList.BoundPanel):
        def is_shown(self):
            return can_see_page_settings(self.request.user) and super().is_shown()


class CodeSourceSheetQuerySet(PageQuerySet):
    def for_listing(self):
        return self.select_related("author_eric").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name"))
        )


class CodeSourceSheet(Page):
    """A "code source" sheet: how something was done, so that others can do it again."""

    author_eric = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="code_source_sheets",
        limit_choices_to={"kind": OrganisationKind.ERIC},
        verbose_name=_("ERIC auteur"),
        help_text=_("L'ERIC qui a vécu et documenté l'action."),
    )
    month = models.DateField(
        _("mois de l'action"),
        help_text=_("Le mois où l'action documentée a eu lieu (le jour est ignoré)."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=licence_choices(PUBLICATION_LICENCES),
        default=Licence.CC_BY_SA_4,
        help_text=_(
            "Les contenus du programme sont sous CC BY-SA 4.0 ; les fiches projets et "
            "modèles d'organisation peuvent l'être sous MoveCommons."
        ),
    )
    themes = ParentalManyToManyField(Theme, related_name="sheets", verbose_name=_("thèmes"))
    related_animations = ParentalManyToManyField(
        "coaching.Animation",
        blank=True,
        related_name="code_source_sheets",
        verbose_name=_("animations documentées par la fiche"),
        help_text=_("Les animations de l'ERIC dont cette fiche tire son « code source »."),
    )
    summary = models.TextField(
        _("résumé"), max_length=400, help_text=_("Deux ou trois phrases, affichées dans la liste.")
    )
    context = RichTextField(_("contexte"), features=RICH_TEXT_FEATURES)
    need = RichTextField(_("besoin"), features=RICH_TEXT_FEATURES, blank=True)
    what_was_done = RichTextField(_("ce qui a été fait"), features=RICH_TEXT_FEATURES)
    resources_needed = RichTextField(
        _("ressources nécessaires"), features=RICH_TEXT_FEATURES, blank=True
    )
    results = RichTextField(_("résultats"), features=RICH_TEXT_FEATURES, blank=True)
    how_to_reproduce = RichTextField(_("comment le reproduire"), features=RICH_TEXT_FEATURES)

    objects = PageManager.from_queryset(CodeSourceSheetQuerySet)()

    # In the order a team tells its action: what, who, when, how, under which licence.
    content_panels = [
        TitleFieldPanel(
            "title",
            placeholder=_("Titre de la fiche*"),
            help_text=_(
                "Ce que l'action permet de faire, en quelques mots. Par exemple : Ouvrir "
                "un fablab de quartier."
            ),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("author_eric"),
                FieldPanel(
                    "related_animations",
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_(
                        "Cochez les animations de l'ERIC dont la fiche raconte le « code "
                        "source ». Elles afficheront un lien vers la fiche."
                    ),
                ),
                FieldPanel("month"),
                FieldPanel(
                    "themes",
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Les thèmes servent de filtres dans la base de connaissance."),
                ),
            ],
            heading=_("L'ERIC et l'action"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in SHEET_SECTIONS],
            heading=_("Le « code source »"),
            help_text=_(
                "Contexte, ce qui a été fait et comment le reproduire sont obligatoires ; "
                "les autres parties peuvent rester vides."
            ),
        ),
        FieldPanel("licence"),
        CommentPanel(),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("La fiche")),
            EditorsTab(Page.promote_panels, heading=_("Promotion")),
            EditorsTab([PublishingPanel()], heading=_("Paramètres")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("context"),
        index.SearchField("need"),
        index.SearchField("what_was_done"),
        index.SearchField("resources_needed"),
        index.SearchField("results"),
        index.SearchField("how_to_reproduce"),
        index.SearchField("normalised_text"),
        index.AutocompleteField("normalised_title"),
        index.FilterField("author_eric"),
        index.FilterField("licence"),
        index.FilterField("month"),
    ]

    base_form_class = SheetPageForm
    parent_page_types = ["cms.KnowledgeBaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("fiche « code source »")
        verbose_name_plural = _("fiches « code source »")

    def clean(self):
        super().clean()
        if self.month:
            self.month = self.month.replace(day=1)
        if self.author_eric_id and self.author_eric.kind != OrganisationKind.ERIC:
            raise ValidationError({"author_eric": _("L'auteur d'une fiche est un ERIC.")})

    def permissions_for_user(self, user):
        return SheetPermissionTester(user, self)

    @property
    def licence_choice(self) -> Licence:
        return Licence(self.licence)

    def sections(self):
        return [
            (name, label, getattr(self, name))
            for name, label in SHEET_SECTIONS
            if getattr(self, name)
        ]

    def normalised_text(self) -> str:
        """An accent-free copy of the sheet's words (see cms.search)."""
        themes = " ".join(theme.name for theme in self.themes.all())
        author = self.author_eric.name if self.author_eric_id else ""
        return normalised_text(
            self.title,
            self.summary,
            themes,
            author,
            *(getattr(self, name) for name, _label in SHEET_SECTIONS),
        )

    def normalised_title(self) -> str:
        return normalised_text(self.title)
