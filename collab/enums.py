from django.db import models
from django.utils.translation import gettext_lazy as _


class SpaceKind(models.TextChoices):
    """What a collaborative space gathers (docs/adr/0021-collaborative-spaces.md)."""

    PROGRAMME = "programme", _("programme")
    ERIC = "eric", _("ERIC")
    TRAINING = "training", _("formation")


class MemberReason(models.TextChoices):
    """Why someone belongs to a space: derived from a role, or invited."""

    ADMINISTRATOR = "administrator", _("administration de la plateforme")
    REGION = "region", _("Région")
    RESOURCE_PERSON = "resource_person", _("personne ressource")
    ERIC_TEAM = "eric_team", _("équipe ERIC")
    PARTNER = "partner", _("partenaire du programme")
    TRAINER = "trainer", _("formateur ou formatrice")
    REGISTRANT = "registrant", _("inscrit·e")
    INVITED = "invited", _("invité·e")
