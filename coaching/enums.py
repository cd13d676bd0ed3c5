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


# --- Coaching journal ----------------------------------------------------------------


class Visibility(models.TextChoices):
    SHARED = "shared", _("partagé avec l'équipe de l'ERIC")
    PRIVATE = "private", _("réservé aux personnes ressources et à la Région")


class CallChannel(models.TextChoices):
    PHONE = "phone", _("téléphone")
    VIDEO = "video", _("visio")
    EMAIL = "email", _("courriel")
    ON_SITE = "on_site", _("sur place")


class HotlineTopic(models.TextChoices):
    PROJECT = "project", _("accompagnement du projet")
    TECHNICAL = "technical", _("aide technique")
    TEAM = "team", _("équipe et posture")
    ANIMATION = "animation", _("préparation d'animation")
    PLATFORM = "platform", _("plateforme collaborative")
    NETWORK = "network", _("MoviLab et réseau national")
    FUNDING = "funding", _("financement")
    COMMUNICATION = "communication", _("communication")
    OTHER = "other", _("autre")


class SessionFormat(models.TextChoices):
    ON_SITE = "on_site", _("sur place")
    REMOTE = "remote", _("à distance")
    TEAM_MEETING = "team_meeting", _("réunion d'équipe")


class AnimationStatus(models.TextChoices):
    """What is stored; « documentée » is read from the report and the attendance."""

    PLANNED = "planned", _("prévue")
    HELD = "held", _("tenue")
    CANCELLED = "cancelled", _("annulée")


class AnimationStage(models.TextChoices):
    """What the lists filter on: the stored status, with « documentée » and « comptée »."""

    PLANNED = "planned", _("prévue")
    HELD = "held", _("tenue, à documenter")
    DOCUMENTED = "documented", _("documentée")
    COUNTED = "counted", _("comptée dans l'objectif")
    CANCELLED = "cancelled", _("annulée")


class AnimationFormat(models.TextChoices):
    WORKSHOP = "workshop", _("atelier")
    CONFERENCE = "conference", _("conférence")
    OPEN_DAY = "open_day", _("portes ouvertes")
    REPAIR_CAFE = "repair_cafe", _("repair café")
    HACKATHON = "hackathon", _("hackathon")
    OPEN_PLATEAU = "open_plateau", _("open plateau de télévision citoyenne")
    OTHER = "other", _("autre")


class MediaKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    VIDEO = "video", _("vidéo")


class MediaLicence(models.TextChoices):
    CC_BY_SA_4 = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    CC_BY_4 = "cc-by-4.0", _("CC BY 4.0")
    CC0 = "cc0-1.0", _("CC0 1.0 (domaine public)")


class FederatingEventKind(models.TextChoices):
    NEIGHBOURHOOD_FETE = "neighbourhood_fete", _("fête de quartier")
    FESTIVAL = "festival", _("festival")
    FORUM = "forum", _("forum")
    MEETUP = "meetup", _("rencontre")
    OTHER = "other", _("autre")


class ParticipationRole(models.TextChoices):
    STAND = "stand", _("stand")
    TALK = "talk", _("intervention")
    CO_ORGANISER = "co_organiser", _("co-organisation")
