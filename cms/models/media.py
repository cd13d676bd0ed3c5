"""The photo and video library: every item credited, licensed, and consented.

An item is either added by an editor in Wagtail's snippets, or published from a photo
or video of the journal (``cms.services.publish_journal_media``): then it keeps its
source (``animation_media`` or ``event_media``), who published it and when.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.licences import MEDIA_LIBRARY_LICENCES, Licence, licence_choices
from core.uploads import MediaKind
from organisations.enums import OrganisationKind
from organisations.models import Organisation

from ..perms import can_unpublish_any_media_item

GALLERY_RENDITION = "fill-480x360"

#: RGAA 4.3: a video reaches the public site only with its synchronised captions.
CAPTIONS_REQUIRED = _(
    "Une vidéo ne paraît sur le site qu'avec ses sous-titres synchronisés : ajoutez son "
    "fichier de sous-titres (WebVTT). La transcription reste bienvenue mais ne suffit pas."
)
#: RGAA 4.5: an audio-described version, or the declaration that none is needed.
AUDIO_DESCRIPTION_REQUIRED = _(
    "Ajoutez la version audiodécrite de la vidéo, ou déclarez que sa bande son décrit tout "
    "ce qui est montré (pas d'audiodescription nécessaire)."
)
AUDIO_DESCRIPTION_NOT_A_VIDEO = _("La version audiodécrite doit être une vidéo (MP4, WebM ou Ogg).")
AUDIO_DESCRIPTION_BOTH = _(
    "Ajoutez la version audiodécrite ou déclarez qu'elle n'est pas nécessaire, pas les deux."
)


class Consent(models.TextChoices):
    """Whether the people shown agreed: an item is public only with their consent."""

    GIVEN = "given", _("oui, les personnes reconnaissables ont donné leur accord écrit")
    NOBODY = "nobody", _("sans objet : aucune personne reconnaissable")
    PENDING = "pending", _("pas encore : ne pas publier")


class MediaItemQuerySet(models.QuerySet):
    def publishable(self):
        """Consented items; a video file only with its captions (RGAA 4.3) and its
        audio-described version or the declaration that none is needed (RGAA 4.5): an
        item saved before these rules stays hidden until completed."""
        incomplete_video = Q(kind=MediaKind.VIDEO, video_file__isnull=False) & (
            Q(captions_file__isnull=True)
            | Q(audio_description_file__isnull=True, audio_description_not_needed=False)
        )
        return self.filter(consent__in=[Consent.GIVEN, Consent.NOBODY]).exclude(incomplete_video)


class MediaItem(index.Indexed, models.Model):
    """A photo or a video of the programme (a meeting, an animation, an event)."""

    kind = models.CharField(_("type"), max_length=10, choices=MediaKind.choices)
    title = models.CharField(_("titre"), max_length=200)
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("JPEG, PNG, WebP ou GIF, 20 Mo au plus."),
    )
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        blank=True,
        help_text=_("Ce que montre la photo, pour qui ne la voit pas. Obligatoire pour une photo."),
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fichier vidéo"),
    )
    captions_file = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sous-titres (WebVTT)"),
        help_text=_("Les sous-titres synchronisés de la vidéo, un fichier .vtt."),
    )
    # RGAA 4.5: a video shown on the site comes with an audio-described version, or
    # with the declaration (who, when) that its sound track already describes all it shows.
    audio_description_file = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version audiodécrite"),
        help_text=_("La même vidéo, avec une voix qui décrit ce qui est montré."),
    )
    audio_description_not_needed = models.BooleanField(
        _("La bande son décrit tout ce qui est montré : pas d'audiodescription nécessaire"),
        default=False,
    )
    audio_description_not_needed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("déclaration « pas d'audiodescription nécessaire » faite par"),
    )
    audio_description_not_needed_at = models.DateTimeField(
        _("déclaration « pas d'audiodescription nécessaire » faite le"),
        null=True,
        blank=True,
        editable=False,
    )
    video_url = models.URLField(
        _("adresse de la vidéo"),
        blank=True,
        help_text=_("Une vidéo hébergée ailleurs (PeerTube, Vimeo…) : le site affiche un lien."),
    )
    transcript = models.TextField(
        _("transcription ou description"),
        blank=True,
        help_text=_("Pour une vidéo : ce qui s'y dit et s'y voit (accessibilité)."),
    )
    author = models.CharField(_("auteur·rice"), max_length=200)
    date = models.DateField(_("date de prise de vue"))
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=licence_choices(MEDIA_LIBRARY_LICENCES),
        default=Licence.CC_BY_SA_4,
    )
    credit = models.CharField(
        _("crédit"),
        max_length=250,
        help_text=_("Tel qu'il doit apparaître, par exemple « Photo : Léa Bernard, CC BY-SA »."),
    )
    consent = models.CharField(
        _("consentement des personnes montrées"), max_length=10, choices=Consent.choices
    )
    eric = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="media_items",
        limit_choices_to={"kind": OrganisationKind.ERIC},
        verbose_name=_("ERIC"),
    )
    event = models.CharField(
        _("animation ou événement"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « Repair café d'octobre » ou « Fête du Miel 2027 »."),
    )
    # Published from the journal: the photo or video it copies (the journal keeps its
    # own, private file), who published it and when.
    animation_media = models.OneToOneField(
        "coaching.AnimationMedia",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="publication",
        verbose_name=_("photo ou vidéo d'animation du journal"),
    )
    event_media = models.OneToOneField(
        "coaching.FederatingEventMedia",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="publication",
        verbose_name=_("photo ou vidéo d'événement fédérateur du journal"),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("publiée par"),
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, editable=False)

    objects = MediaItemQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("alt_text")], heading=_("Photo")),
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("video_url"),
                FieldPanel("captions_file"),
                FieldPanel("transcript"),
                FieldPanel("audio_description_file"),
                FieldPanel("audio_description_not_needed"),
            ],
            heading=_("Vidéo"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author"), FieldPanel("date")]),
                FieldPanel("licence"),
                FieldPanel("credit"),
                FieldPanel("consent"),
            ],
            heading=_("Droits"),
        ),
        FieldRowPanel([FieldPanel("eric"), FieldPanel("event")], heading=_("Galerie")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("event"),
        index.AutocompleteField("title"),
        index.FilterField("eric"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("photo ou vidéo")
        verbose_name_plural = _("photos et vidéos")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="photo") | Q(image__isnull=False),
                name="media_item_photo_has_image",
            ),
            models.CheckConstraint(
                condition=Q(animation_media__isnull=True) | Q(event_media__isnull=True),
                name="media_item_one_journal_source",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.kind == MediaKind.PHOTO:
            if not self.image_id:
                errors["image"] = _("Choisissez ou téléversez la photo.")
            if not self.alt_text.strip():
                errors["alt_text"] = _(
                    "Décrivez la photo en une phrase : le texte alternatif est obligatoire."
                )
        if self.kind == MediaKind.VIDEO and not (self.video_file_id or self.video_url):
            errors["video_file"] = _("Téléversez le fichier de la vidéo ou indiquez son adresse.")
        if self.kind == MediaKind.VIDEO and self.video_file_id:
            # RGAA 4.3: a video shown on the site has its synchronised captions
            if not self.captions_file_id:
                errors["captions_file"] = CAPTIONS_REQUIRED
            # RGAA 4.5: its audio-described version, or the declaration it needs none
            if not self.audio_description_file_id and not self.audio_description_not_needed:
                errors["audio_description_not_needed"] = AUDIO_DESCRIPTION_REQUIRED
        if (
            self.kind == MediaKind.VIDEO
            and not self.video_file_id
            and not self.transcript.strip()
            and not self.captions_file_id
        ):
            # a video hosted elsewhere (a link): its transcript or its captions
            errors["transcript"] = _(
                "Une vidéo ne paraît sur le site qu'avec ses sous-titres ou sa transcription : "
                "écrivez ce qui s'y dit et s'y voit, ou ajoutez ses sous-titres (WebVTT)."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def journal_media(self):
        """The journal's photo or video it was published from, if any."""
        return self.animation_media or self.event_media

    @property
    def licence_choice(self) -> Licence:
        return Licence(self.licence)


register_snippet(MediaItem)


class MediaLibraryPage(Page):
    """The photo and video library, gallery by gallery (ERIC, animation, event)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("photothèque et vidéothèque")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        images = get_image_model().objects.prefetch_renditions(GALLERY_RENDITION)
        items = (
            MediaItem.objects.publishable()
            .select_related("video_file", "captions_file", "audio_description_file", "eric")
            .prefetch_related(Prefetch("image", queryset=images))
        )
        erics = Organisation.objects.erics().filter(
            pk__in=MediaItem.objects.publishable().values("eric_id")
        )
        selected = request.GET.get("eric", "")
        if selected:
            items = items.filter(eric__slug=selected)
        kind = request.GET.get("type", "")
        if kind in MediaKind.values:
            items = items.filter(kind=kind)
        page_obj = Paginator(items, 24).get_page(request.GET.get("page"))
        context.update(
            {
                "page_obj": page_obj,
                "erics": list(erics),
                "selected_eric": selected,
                "selected_kind": kind,
                "kinds": MediaKind.choices,
                # editors withdraw items from here (no query for visitors)
                "can_unpublish": can_unpublish_any_media_item(request.user),
            }
        )
        return context
