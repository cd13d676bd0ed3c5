from django.db import models
from django.utils.translation import gettext_lazy as _


class Indicator(models.TextChoices):
    ANIMATIONS = "animations", _("animations multi-partenariales documentées")
    TRAININGS = "trainings", _("formations")
    NEWSLETTERS = "newsletters", _("lettres d'information")
    CODE_SOURCE_SHEETS = "code_source_sheets", _("fiches « code source »")
    TRUST_CIRCLE_MAPS = "trust_circle_maps", _("cartographies des cercles de confiance")
    FEDERATING_EVENTS = "federating_events", _("événements fédérateurs")
    HOTLINE_HALF_DAYS = "hotline_half_days", _("demi-journées de permanence téléphonique")


class Basis(models.TextChoices):
    """How a target's number counts."""

    PROGRAMME = "programme", _("sur tout le programme")
    PER_ERIC = "per_eric", _("par ERIC")
    PER_MONTH = "per_month", _("par mois")
    PER_ERIC_PER_MONTH = "per_eric_per_month", _("par ERIC et par mois")
    PER_WEEK = "per_week", _("par semaine")


class AccompanimentStatus(models.TextChoices):
    PLANNED = "planned", _("prévu")
    ACTIVE = "active", _("en cours")
    COMPLETED = "completed", _("terminé")
    SUSPENDED = "suspended", _("suspendu")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("à venir")
    IN_PROGRESS = "in_progress", _("en cours")
    DONE = "done", _("atteint")
    DROPPED = "dropped", _("abandonné")
