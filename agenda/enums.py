from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    HOTLINE_SLOT = "hotline_slot", _("permanence téléphonique")
    ANIMATION = "animation", _("animation")
    TRAINING_SESSION = "training_session", _("session de formation")
    COACHING_SESSION = "coaching_session", _("séance d'accompagnement")
    FEDERATING_EVENT = "federating_event", _("événement fédérateur")
    NEWSLETTER_DEADLINE = "newsletter_deadline", _("bouclage de la lettre d'information")
    MEETING = "meeting", _("réunion")


class Visibility(models.TextChoices):
    """Who sees an agenda entry, from the widest to the narrowest."""

    PUBLIC = "public", _("public (site et flux public)")
    PROGRAMME = "programme", _("membres du programme")
    TEAM = "team", _("ERIC concerné, sa personne ressource et la Région")
    PRIVATE = "private", _("personnes ressources et Région")


class AgendaView(models.TextChoices):
    MONTH = "mois", _("mois")
    WEEK = "semaine", _("semaine")
    LIST = "liste", _("liste")
    DAY = "jour", _("jour")


#: A day of the month view shows this many occurrences, then « + n autres » opening the day.
MONTH_DAY_LIMIT = 3


# The kinds whose French name is masculine (« événement », « bouclage ») — the others
# are feminine: « permanence », « animation », « session », « séance », « réunion ». A
# word about an entry agrees with its kind: « Permanence téléphonique — annulée ».
MASCULINE_KINDS = frozenset({EntryKind.FEDERATING_EVENT, EntryKind.NEWSLETTER_DEADLINE})


def cancelled_label(kind) -> str:
    return _("annulé") if kind in MASCULINE_KINDS else _("annulée")


def moved_label(kind) -> str:
    return _("déplacé") if kind in MASCULINE_KINDS else _("déplacée")
