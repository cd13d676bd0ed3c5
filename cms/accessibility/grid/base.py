"""What the audit grid is made of: the verdicts, a criterion, the themes, the pages
audited and the ways criteria are checked."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    MET = "C", _("conforme")
    NOT_MET = "NC", _("non conforme")
    NOT_APPLICABLE = "NA", _("non applicable")


@dataclass(frozen=True)
class Criterion:
    number: str
    title: str
    verdict: str
    how: str
    gap: str = ""  # what is not accessible, for a criterion not met (French, shown)

    @property
    def theme(self) -> int:
        return int(self.number.split(".")[0])

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)


#: The day the grid was last checked as a whole.
AUDIT_DATE = datetime.date(2026, 12, 2)

THEMES = {
    1: "Images",
    2: "Cadres",
    3: "Couleurs",
    4: "Multimédia",
    5: "Tableaux",
    6: "Liens",
    7: "Scripts",
    8: "Éléments obligatoires",
    9: "Structuration de l'information",
    10: "Présentation de l'information",
    11: "Formulaires",
    12: "Navigation",
    13: "Consultation",
}

#: The pages of the audit (issue #20): paths, or what leads to them when they depend on
#: the data. Each is checked with axe-core in tests/browser/ (the collaborative platform,
#: the study and two-factor pages in test_audit_collab_study.py, the kiosk in
#: test_study_kiosk.py); a page added to the platform joins this list with its test.
AUDITED_PAGES = (
    ("Accueil public", "/"),
    ("Page d'un ERIC et sa carte des cercles de confiance", "/eric/made-in-la-boate/"),
    ("Recherche dans la base de connaissances", "/code-source/?q=repair"),
    ("Une fiche « code source »", "/code-source/organiser-un-repair-cafe-multi-partenaires/"),
    ("Agenda public", "/evenements/"),
    ("Photos et vidéos", "/photos-et-videos/"),
    ("Connexion", "/connexion/"),
    ("Plan du site", "/plan-du-site/"),
    ("Recherche sur tout le site", "/recherche/?q=repair"),
    ("Déclaration d'accessibilité", "/accessibilite/"),
    ("Mon espace", "/espace/"),
    ("Appel rapide (360 px)", "/espace/journal/appel-rapide/"),
    ("Formulaire d'animation", "/espace/journal/animations/nouvelle/"),
    ("Une animation", "/espace/journal/animations/<id>/"),
    ("Liste du journal", "/espace/journal/animations/"),
    ("Tableau de bord de la Région", "/espace/programmes/<slug>/tableau-de-bord/"),
    ("Trajectoire d'un ERIC et son radar", "/espace/accompagnements/<id>/"),
    ("Agenda de l'équipe, vue mois", "/agenda/"),
    ("Une formation", "/espace/formations/<id>/"),
    ("Émargement d'une formation", "/espace/formations/<id>/emargement/<séance>/"),
    ("Grille de maturité", "/espace/accompagnements/<id>/maturite/<phase>/"),
    ("Rapports d'un programme", "/espace/rapports/<slug>/"),
    ("État d'un rapport demandé", "/espace/rapports/<id>/"),
    ("Récit de fin de programme", "/espace/rapports/<slug>/fin-de-programme/"),
    ("Lettre d'information : les numéros parus", "/lettre/"),
    ("Lettre d'information : un numéro", "/lettre/<programme>/<numéro>/"),
    ("Inscription à la lettre d'information", "/lettre/inscription/"),
    ("Désabonnement en un clic", "/lettre/desinscription/<jeton>/"),
    ("Lettre : le plan d'un numéro (équipe éditoriale)", "/espace/lettre/<id>/"),
    ("Lettre : écrire sa rubrique (360 px)", "/espace/lettre/rubrique/<id>/"),
    ("Plateforme collaborative : mes espaces", "/espace/plateforme/"),
    ("Un espace collaboratif", "/espace/plateforme/<espace>/"),
    ("Wiki : une page", "/espace/plateforme/<espace>/wiki/<page>/"),
    ("Wiki : l'historique d'une page", "/espace/plateforme/<espace>/wiki/<page>/historique/"),
    ("Wiki : modifier une page", "/espace/plateforme/<espace>/wiki/<page>/modifier/"),
    ("Liste de discussion : les fils", "/espace/plateforme/<espace>/discussions/"),
    ("Liste de discussion : un fil", "/espace/plateforme/<espace>/discussions/<id>/"),
    ("Documents partagés", "/espace/plateforme/<espace>/documents/"),
    ("Un document partagé", "/espace/plateforme/<espace>/documents/<id>/"),
    (
        "Supprimer un document partagé",
        "/espace/plateforme/<espace>/documents/<id>/supprimer/",
    ),
    (
        "Supprimer un dossier de documents",
        "/espace/plateforme/<espace>/documents/dossiers/<id>/supprimer/",
    ),
    ("Notifications", "/espace/plateforme/notifications/"),
    ("Réglages des notifications", "/espace/plateforme/notifications/reglages/"),
    ("Recherche dans la plateforme collaborative", "/espace/plateforme/recherche/?q=charte"),
    ("Étude des visiteurs : accueil", "/espace/etude/"),
    ("Étude des visiteurs : un événement", "/espace/etude/evenements/<id>/"),
    ("Étude des visiteurs : le direct", "/espace/etude/evenements/<id>/direct/"),
    ("Étude des visiteurs : la typologie", "/espace/etude/<id>/typologie/"),
    ("Étude des visiteurs : le codage des réponses libres", "/espace/etude/<id>/codage/"),
    ("Borne de l'étude des visiteurs (tablette)", "/kiosque/"),
    ("Double authentification", "/compte/double-authentification/"),
    ("Documents PDF (rapport d'avancement, émargement, attestations, bilan)", "—"),
)

#: Content exempted for a disproportionate burden or outside the RGAA's scope (none).
DEROGATIONS = ()

C, NC, NA = Verdict.MET, Verdict.NOT_MET, Verdict.NOT_APPLICABLE

AXE = (
    "axe-core (no serious/critical violation) on every audited page, tests/browser/; "
    "no moderate one either on the reports pages: tests/browser/test_reports.py"
)
REVIEW = "manual review of the audited pages' templates"
