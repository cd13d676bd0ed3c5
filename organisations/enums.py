from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ERIC = "eric", _("ERIC")
    CONSULTANCY = "consultancy", _("cabinet de conseil")
    BUSINESS_SCHOOL = "business_school", _("école de commerce")
    NETWORK = "network", _("réseau")
    CITIZEN_MEDIA = "citizen_media", _("média citoyen")
    NATIONAL_PROGRAMME = "national_programme", _("programme national")
    FUNDER = "funder", _("financeur")
    ASSOCIATION = "association", _("association")
    COMPANY = "company", _("entreprise")
    LOCAL_AUTHORITY = "local_authority", _("collectivité territoriale")


class Pilot(models.TextChoices):
    EPHEMERAL = "ephemeral", _("pilote 1 — tiers-lieu éphémère")
    ACCOMPANIMENT = "accompaniment", _("pilote 2 — accompagnement de 10 mois")


class Role(models.TextChoices):
    RESOURCE_PERSON = "resource_person", _("personne ressource")
    ERIC_TEAM = "eric_team", _("équipe ERIC")
    REGION_OFFICER = "region_officer", _("chargé·e de mission Région")
    PARTNER = "partner", _("contributeur·rice partenaire")
    EDITOR = "editor", _("éditeur·rice du site")
    ADMINISTRATOR = "administrator", _("administrateur·rice")
