from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingKind(models.TextChoices):
    QUARTERLY = "quarterly", _("formation trimestrielle")
    PREPARATORY_DAY = "preparatory_day", _("journée préparatoire du tiers-lieu éphémère")
    CITIZEN_MEDIA = "citizen_media", _("formation-action aux médias citoyens")
    PRACTICE_ANALYSIS = "practice_analysis", _("analyse de pratiques professionnelles")


class SessionSlot(models.TextChoices):
    MORNING = "morning", _("matin")
    AFTERNOON = "afternoon", _("après-midi")


class ParticipantRole(models.TextChoices):
    """The role a participant comes in: what the summary groups by."""

    ERIC_TEAM = "eric_team", _("équipe ERIC")
    TRAINER = "trainer", _("formateur·rice")
    RESOURCE_PERSON = "resource_person", _("personne ressource")
    NETWORK_DELEGATE = "network_delegate", _("délégué·e régional·e du réseau")
    REGION_OFFICER = "region_officer", _("chargé·e de mission Région")
    PARTNER = "partner", _("partenaire")
    EXTERNAL = "external", _("participant·e externe")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("inscrit·e")
    WAITING = "waiting", _("liste d'attente")
    CANCELLED = "cancelled", _("annulée")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("présent·e")
    ABSENT = "absent", _("absent·e")
    EXCUSED = "excused", _("excusé·e")
