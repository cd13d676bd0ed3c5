"""The study's fixed answers (the questionnaire's editable lists live in its version)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpaceKind(models.TextChoices):
    DIGITAL_PRACTICE = "digital_practice", _("espace de pratiques numériques")
    OPEN_PLATEAU = "open_plateau", _("open plateau de télévision citoyenne")
    WORKSHOP = "workshop", _("atelier")


class AgeBand(models.TextChoices):
    UNDER_15 = "0-14", _("moins de 15 ans")
    FROM_15 = "15-24", _("15 à 24 ans")
    FROM_25 = "25-39", _("25 à 39 ans")
    FROM_40 = "40-59", _("40 à 59 ans")
    FROM_60 = "60-74", _("60 à 74 ans")
    OVER_75 = "75+", _("75 ans et plus")


class Residence(models.TextChoices):
    TOWN = "town", _("dans la commune")
    DEPARTEMENT = "departement", _("ailleurs dans le département")
    ELSEWHERE = "elsewhere", _("ailleurs")


class Companions(models.TextChoices):
    ALONE = "alone", _("seul·e")
    FAMILY = "family", _("en famille")
    FRIENDS = "friends", _("entre ami·es")
    GROUP = "group", _("en groupe (école, association…)")


class Satisfaction(models.IntegerChoices):
    POOR = 1, _("pas satisfait·e")
    FAIR = 2, _("moyennement satisfait·e")
    GOOD = 3, _("satisfait·e")
    VERY_GOOD = 4, _("très satisfait·e")


class Channel(models.TextChoices):
    ON_SITE = "on_site", _("sur place (borne)")
    REMOTE = "remote", _("en ligne (formulaire « je participe en ligne »)")


class Question(models.TextChoices):
    """The multi-answer questions, stored one row per answer (``EntryChoice``)."""

    MOTIVATION = "motivation", _("motivations")
    ACTIVITY = "activity", _("activités")


class UsageType(models.TextChoices):
    """The typology of uses: each on-site entry falls in one type, from its activities
    (the most involved one wins)."""

    CONTRIBUTOR = "contributor", _("contributeur·rice (open plateau ou atelier)")
    PRACTITIONER = "practitioner", _("praticien·ne (pratiques numériques)")
    SPECTATOR = "spectator", _("spectateur·rice")
    PASSER_BY = "passer_by", _("de passage")


#: Activities (codes of the default list) that make each type, most involved first.
USAGE_RULES = [
    (UsageType.CONTRIBUTOR, {"interview", "workshop"}),
    (UsageType.PRACTITIONER, {"digital_practice"}),
    (UsageType.SPECTATOR, {"watching"}),
]


def usage_type(activities) -> str:
    codes = set(activities)
    for kind, wanted in USAGE_RULES:
        if codes & wanted:
            return kind
    return UsageType.PASSER_BY


#: The questionnaire's first version (SKEMA edits them before the event).
DEFAULT_MOTIVATIONS = [
    ["discover", "Découvrir le lieu et ce qu'on y fait"],
    ["learn", "Apprendre un usage numérique"],
    ["express", "M'exprimer, témoigner sur le plateau"],
    ["meet", "Rencontrer des gens"],
    ["children", "Accompagner des enfants"],
    ["festival", "Profiter de la fête"],
]
DEFAULT_HEARD_OF = [
    ["passing", "En passant devant"],
    ["word_of_mouth", "Par le bouche-à-oreille"],
    ["town_media", "Par la ville (journal, affiches, site)"],
    ["social_media", "Par les réseaux sociaux"],
    ["mediatheque", "Par la médiathèque"],
]
DEFAULT_ACTIVITIES = [
    ["interview", "Interview sur l'open plateau"],
    ["digital_practice", "Pratiques numériques"],
    ["workshop", "Atelier"],
    ["watching", "Regarder"],
    ["other", "Autre chose"],
]
