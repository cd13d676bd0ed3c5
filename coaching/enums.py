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
    VISITOR_STUDY = "visitor_study", _("étude des visiteurs")


class Basis(models.TextChoices):
    """How a target's number counts."""

    PROGRAMME = "programme", _("sur tout le programme")
    PER_ERIC = "per_eric", _("par ERIC")
    PER_MONTH = "per_month", _("par mois")
    PER_ERIC_PER_MONTH = "per_eric_per_month", _("par ERIC et par mois")
    PER_WEEK = "per_week", _("par semaine")


#: Bases of the targets each ERIC answers for on its own (the others are the programme's).
PER_ERIC_BASES = {Basis.PER_ERIC, Basis.PER_ERIC_PER_MONTH}


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


# --- Tiers-lieu maturity grid --------------------------------------------------------


class MaturityPhase(models.TextChoices):
    """When the team assesses itself: at the start, half-way and at the end."""

    START = "start", _("début")
    MIDDLE = "middle", _("mi-parcours")
    END = "end", _("fin")


class AssessmentStatus(models.TextChoices):
    """draft → submitted → validated, or submitted → returned → submitted again."""

    DRAFT = "draft", _("brouillon")
    SUBMITTED = "submitted", _("soumise, à valider")
    RETURNED = "returned", _("renvoyée à l'équipe")
    VALIDATED = "validated", _("validée")


class MaturityCriterion(models.TextChoices):
    COMMUNITY = "community", _("communauté")
    GOVERNANCE = "governance", _("gouvernance")
    ECONOMIC_MODEL = "economic_model", _("modèle économique")
    SERVICES = "services", _("services")
    OPENNESS = "openness", _("ouverture")
    DOCUMENTATION = "documentation", _("documentation")


class MaturityLevel(models.IntegerChoices):
    """The five levels of every criterion; each criterion says what a level means."""

    ABSENT = 0, _("absent")
    EMERGING = 1, _("émergent")
    BUILDING = 2, _("en construction")
    ESTABLISHED = 3, _("établi")
    EXEMPLARY = 4, _("exemplaire")


#: The question each criterion answers, shown above its levels.
MATURITY_QUESTIONS = {
    MaturityCriterion.COMMUNITY: _("Qui fréquente le lieu, et qui y prend part ?"),
    MaturityCriterion.GOVERNANCE: _("Qui décide, et comment ?"),
    MaturityCriterion.ECONOMIC_MODEL: _("De quoi vit le lieu ?"),
    MaturityCriterion.SERVICES: _("Que propose le lieu, au-delà de l'accès au numérique ?"),
    MaturityCriterion.OPENNESS: _("À qui le lieu est-il ouvert, et avec qui travaille-t-il ?"),
    MaturityCriterion.DOCUMENTATION: _("Ce qui se fait est-il écrit, partagé, réutilisable ?"),
}

#: What each level (0 to 4) means for each criterion, so that « 2 » reads the same to all.
MATURITY_DESCRIPTORS = {
    MaturityCriterion.COMMUNITY: (
        _("Des usagers viennent pour un service, sans lien entre eux."),
        _("Quelques habitués se reconnaissent et reviennent."),
        _("Un noyau d'usagers réguliers propose des idées et donne un coup de main."),
        _("La communauté anime elle-même des temps forts et accueille les nouveaux."),
        _("Une communauté active et diverse porte le lieu avec l'équipe."),
    ),
    MaturityCriterion.GOVERNANCE: (
        _("L'équipe de la structure porteuse décide seule."),
        _("Les usagers sont consultés de temps en temps."),
        _("Des temps de décision réguliers associent usagers et partenaires."),
        _("Des règles de décision partagées sont écrites et appliquées (charte, comité)."),
        _("Usagers, partenaires et équipe décident ensemble, et chacun peut y prendre part."),
    ),
    MaturityCriterion.ECONOMIC_MODEL: (
        _("Le lieu dépend d'une seule subvention de fonctionnement."),
        _("Des pistes de ressources propres sont identifiées."),
        _("Quelques recettes propres existent : adhésions, locations, prestations."),
        _("Le modèle est hybride : financements publics, recettes propres, partenariats."),
        _("Le modèle hybride est stable, et partagé avec la communauté."),
    ),
    MaturityCriterion.SERVICES: (
        _("Accès public à internet et initiation au numérique seulement."),
        _("Un nouveau service est à l'essai : coworking, fablab, réparation…"),
        _("Plusieurs services réguliers répondent à des besoins identifiés."),
        _("Les services sont construits avec les usagers et les partenaires."),
        _("Une offre variée, évaluée et ajustée régulièrement avec la communauté."),
    ),
    MaturityCriterion.OPENNESS: (
        _("Horaires restreints, un public ciblé."),
        _("De nouveaux horaires ou de nouveaux publics sont à l'essai."),
        _("Le lieu accueille des publics variés et des partenaires du quartier."),
        _("Le lieu accueille des initiatives extérieures et travaille en réseau."),
        _("Un carrefour du territoire, relié à d'autres tiers-lieux."),
    ),
    MaturityCriterion.DOCUMENTATION: (
        _("Rien n'est écrit ni partagé."),
        _("Quelques comptes rendus existent, pour l'équipe seulement."),
        _("Les activités sont documentées et partagées en interne."),
        _("Des fiches « code source » sont publiées sous licence libre."),
        _("Une documentation régulière, collaborative, réutilisée par d'autres lieux."),
    ),
}
