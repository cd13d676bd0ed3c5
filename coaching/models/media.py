"""Photos and videos of the journal (animations, federating events): a free licence,
their author, and the consent of whoever is shown."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.licences import MEDIA_LICENCES, Licence, licence_choices
from core.storage import private_storage, random_name
from core.uploads import MediaKind

from .animations import Animation
from .events import FederatingEvent


def media_path(folder: str, owner_id: int, filename: str) -> str:
    return random_name(f"journal/{folder}/{owner_id}", filename)


def captions_path(instance, filename):
    """Beside the media's file: ``journal/<folder>/<owner>/<uuid>.vtt``."""
    folder, owner_id = instance.captions_folder()
    return random_name(f"journal/{folder}/{owner_id}", "captions.vtt")


def animation_media_path(instance, filename):
    return media_path("animations", instance.animation_id, filename)


class JournalMedia(models.Model):
    """A photo or video under a free licence, its author and the consent of who is shown."""

    kind = models.CharField(_("type"), max_length=10, choices=MediaKind.choices)
    file = models.FileField(_("fichier"), max_length=255, storage=private_storage)
    original_name = models.CharField(_("nom du fichier d'origine"), max_length=255, blank=True)
    caption = models.CharField(_("légende"), max_length=255, blank=True)
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        blank=True,
        help_text=_("Ce que montre la photo, pour qui ne la voit pas. Obligatoire pour une photo."),
    )
    transcript = models.TextField(
        _("transcription"),
        blank=True,
        help_text=_("Pour une vidéo : ce qui s'y dit et s'y voit."),
    )
    captions = models.FileField(
        _("sous-titres (WebVTT)"),
        upload_to=captions_path,
        max_length=255,
        blank=True,
        storage=private_storage,
    )
    author = models.CharField(_("auteur·rice"), max_length=120)
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=licence_choices(MEDIA_LICENCES),
        default=Licence.CC_BY_SA_4,
    )
    people_visible = models.BooleanField(_("des personnes sont reconnaissables"), default=False)
    consent = models.BooleanField(_("les personnes montrées ont donné leur accord"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.caption or self.original_name or self.get_kind_display()

    @property
    def has_text_alternative(self) -> bool:
        """A video with its synchronised captions (RGAA 4.3: a transcript alone is not
        enough to publish it); a photo with its alternative text."""
        if self.kind == MediaKind.PHOTO:
            return bool(self.alt_text.strip())
        return bool(self.captions)


class AnimationMedia(JournalMedia):
    """A photo or video of an animation."""

    animation = models.ForeignKey(
        Animation, on_delete=models.CASCADE, related_name="media", verbose_name=_("animation")
    )
    file = models.FileField(
        _("fichier"), upload_to=animation_media_path, max_length=255, storage=private_storage
    )

    class Meta(JournalMedia.Meta):
        verbose_name = _("photo ou vidéo d'animation")
        verbose_name_plural = _("photos et vidéos d'animation")
        constraints = [
            models.CheckConstraint(
                condition=Q(people_visible=False) | Q(consent=True),
                name="animation_media_consent_when_people_visible",
            )
        ]

    def captions_folder(self):
        return "animations", self.animation_id


def event_media_path(instance, filename):
    return media_path("evenements", instance.event_id, filename)


class FederatingEventMedia(JournalMedia):
    event = models.ForeignKey(
        FederatingEvent,
        on_delete=models.CASCADE,
        related_name="media",
        verbose_name=_("événement"),
    )
    file = models.FileField(
        _("fichier"), upload_to=event_media_path, max_length=255, storage=private_storage
    )

    class Meta(JournalMedia.Meta):
        verbose_name = _("photo ou vidéo d'événement fédérateur")
        verbose_name_plural = _("photos et vidéos d'événements fédérateurs")
        constraints = [
            models.CheckConstraint(
                condition=Q(people_visible=False) | Q(consent=True),
                name="federating_event_media_consent_when_people_visible",
            )
        ]

    def captions_folder(self):
        return "evenements", self.event_id
