from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("en préparation")
    SCHEDULED = "scheduled", _("programmé")
    PUBLISHED = "published", _("publié")


class SectionStatus(models.TextChoices):
    TODO = "todo", _("à écrire")
    SUBMITTED = "submitted", _("remise")


class SectionProgress(models.TextChoices):
    """What the editor sees of a section on a day (computed, never stored)."""

    DONE = "done", _("remise")
    ON_TIME = "on_time", _("dans les temps")
    LATE = "late", _("en retard")


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("en attente de confirmation")
    CONFIRMED = "confirmed", _("abonné·e")
    UNSUBSCRIBED = "unsubscribed", _("désabonné·e")
    BOUNCED = "bounced", _("adresse refusée")


class ConsentSource(models.TextChoices):
    FORM = "form", _("formulaire public")
    IMPORT = "import", _("import de contacts")


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("en file")
    SENDING = "sending", _("en cours d'envoi")
    SENT = "sent", _("envoyé")
    TEMP_FAILED = "temp_failed", _("échec temporaire, nouvel essai prévu")
    BOUNCED = "bounced", _("refusé définitivement")
    SKIPPED = "skipped", _("non envoyé (désabonné·e entre-temps)")
