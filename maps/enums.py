from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    ORGANISATION = "organisation", _("organisation")
    USER_GROUP = "user_group", _("groupe d'usagers")


class Circle(models.TextChoices):
    """From the centre outwards: the order is the one the map and the list use."""

    CORE = "core", _("premier cercle (cœur)")
    CLOSE = "close", _("cercle proche")
    EXTENDED = "extended", _("cercle élargi")


class Relation(models.TextChoices):
    FUNDING = "funding", _("financement")
    CO_ORGANISATION = "co_organisation", _("co-organisation")
    HOSTING = "hosting", _("accueil, hébergement")
    USERS = "users", _("usagers")
    NETWORK = "network", _("réseau")
    SUPPLIER = "supplier", _("fournisseur")
    OTHER = "other", _("autre")
