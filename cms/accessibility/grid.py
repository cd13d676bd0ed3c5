"""The RGAA 4.1 audit grid of Trajectoires: the 106 criteria, each with its verdict on
the audited pages and how it was checked.

The criteria's titles are the reference's own French text (RGAA 4.1, DINUM), kept as
published and not translated; what the statement says about a criterion not met
(``gap``) is interface text. ``how`` says, in English, which test or review checked the
criterion: ``docs/accessibility.md`` is generated from this module
(``python manage.py accessibility_grid --write``) and a test keeps them in step.

To change a verdict, change it here, with the test that proves it.
"""

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
#: the data. The newsletter, kiosk, wiki and discussions, reports of the other open
#: issues join when they are merged.
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

CRITERIA = (
    # 1. Images
    Criterion(
        "1.1",
        "Chaque image porteuse d'information a-t-elle une alternative textuelle ?",
        C,
        "charts: tests/browser/test_alternatives.py; photos: tests/cms/test_media_alt.py; " + AXE,
    ),
    Criterion(
        "1.2",
        "Chaque image de décoration est-elle correctement ignorée par les technologies d'assistance ?",
        C,
        "decorative marks carry aria-hidden; " + AXE,
    ),
    Criterion(
        "1.3",
        "Pour chaque image porteuse d'information ayant une alternative textuelle, cette alternative est-elle pertinente (hors cas particuliers) ?",
        C,
        "alternatives generated from the data (progress.charts.chart_summary, coaching.charts.radar_summary), tests/progress/test_chart_summary.py; photo alternatives written by their author",
    ),
    Criterion(
        "1.4",
        "Pour chaque image utilisée comme CAPTCHA ou comme image-test, ayant une alternative textuelle, cette alternative permet-elle d'identifier la nature et la fonction de l'image ?",
        NA,
        "no CAPTCHA or test image",
    ),
    Criterion(
        "1.5",
        "Pour chaque image utilisée comme CAPTCHA, une solution d'accès alternatif au contenu ou à la fonction du CAPTCHA est-elle présente ?",
        NA,
        "no CAPTCHA",
    ),
    Criterion(
        "1.6",
        "Chaque image porteuse d'information a-t-elle, si nécessaire, une description détaillée ?",
        C,
        "each chart is followed by its data table (figure, caption): tests/browser/test_alternatives.py",
    ),
    Criterion(
        "1.7",
        "Pour chaque image porteuse d'information ayant une description détaillée, cette description est-elle pertinente ?",
        C,
        "the tables hold the charted values: tests/progress/ dashboard and report tests",
    ),
    Criterion(
        "1.8",
        "Chaque image texte porteuse d'information, en l'absence d'un mécanisme de remplacement, doit si possible être remplacée par du texte stylé. Cette règle est-elle respectée (hors cas particuliers) ?",
        C,
        REVIEW + " (no image of text; the brand is styled text)",
    ),
    Criterion(
        "1.9",
        "Chaque légende d'image est-elle, si nécessaire, correctement reliée à l'image correspondante ?",
        C,
        "figure + figcaption with aria-labelledby: tests/browser/test_alternatives.py",
    ),
    # 2. Cadres
    Criterion(
        "2.1",
        "Chaque cadre a-t-il un titre de cadre ?",
        NA,
        "no iframe or frame on the audited pages (videos are linked, not embedded)",
    ),
    Criterion(
        "2.2",
        "Pour chaque cadre ayant un titre de cadre, ce titre de cadre est-il pertinent ?",
        NA,
        "no iframe or frame",
    ),
    # 3. Couleurs
    Criterion(
        "3.1",
        "Dans chaque page web, l'information ne doit pas être donnée uniquement par la couleur. Cette règle est-elle respectée ?",
        C,
        "statuses and badges carry their text, the expected line of the charts is dashed; "
        + REVIEW,
    ),
    Criterion(
        "3.2",
        "Dans chaque page web, le contraste entre la couleur du texte et la couleur de son arrière-plan est-il suffisamment élevé (hors cas particuliers) ?",
        C,
        "axe color-contrast on every audited page, tests/browser/",
    ),
    Criterion(
        "3.3",
        "Dans chaque page web, les couleurs utilisées dans les composants d'interface ou les éléments graphiques porteurs d'informations sont-elles suffisamment contrastées (hors cas particuliers) ?",
        C,
        "focus ring, field borders and chart lines ≥ 3:1, measured on static/css/trajectoires.css colours; "
        + REVIEW,
    ),
    # 4. Multimédia
    Criterion(
        "4.1",
        "Chaque média temporel pré-enregistré a-t-il, si nécessaire, une transcription textuelle ou une audiodescription (hors cas particuliers) ?",
        C,
        "a video is published only with its captions and an audio-described version or the "
        "publisher's declaration that its sound track describes all; the transcript is kept and "
        "shown: tests/cms/test_media_alt.py, tests/browser/test_media_publication.py",
    ),
    Criterion(
        "4.2",
        "Pour chaque média temporel pré-enregistré ayant une transcription textuelle ou une audiodescription synchronisée, celles-ci sont-elles pertinentes (hors cas particuliers) ?",
        C,
        "transcripts and audio-described versions are attached by the editor who publishes "
        "(publication preview shows them)",
    ),
    Criterion(
        "4.3",
        "Chaque média temporel synchronisé pré-enregistré a-t-il, si nécessaire, des sous-titres synchronisés (hors cas particuliers) ?",
        C,
        "a video is refused without a validated WebVTT file (a transcript alone is refused); "
        "the public page hides a video item without captions: "
        "tests/cms/test_media_alt.py::test_a_video_with_only_a_transcript_is_refused_without_captions, "
        "::test_a_video_item_without_captions_or_decision_is_not_shown",
    ),
    Criterion(
        "4.4",
        "Pour chaque média temporel synchronisé pré-enregistré ayant des sous-titres synchronisés, ces sous-titres sont-ils pertinents ?",
        C,
        "WebVTT validated on upload (core.uploads), read by the publishing editor",
    ),
    Criterion(
        "4.5",
        "Chaque média temporel pré-enregistré a-t-il, si nécessaire, une audiodescription synchronisée (hors cas particuliers) ?",
        C,
        "a video is refused unless an audio-described version (a checked video upload, linked "
        "beside it on the public page) or the declaration « pas d'audiodescription nécessaire » "
        "(who, when, stored on the item) comes with it: tests/cms/test_media_alt.py::"
        "test_a_video_is_refused_without_a_decision_on_audio_description, "
        "::test_a_video_with_captions_and_the_declaration_is_published_with_who_declared_and_when, "
        "::test_captions_uploaded_at_publication_and_an_audio_described_version_are_published",
    ),
    Criterion(
        "4.6",
        "Pour chaque média temporel pré-enregistré ayant une audiodescription synchronisée, celle-ci est-elle pertinente ?",
        C,
        "the audio-described version is attached by the editor who publishes, who answers for it; "
        "its file is checked as a video: tests/cms/test_media_alt.py",
    ),
    Criterion(
        "4.7",
        "Chaque média temporel est-il clairement identifiable (hors cas particuliers) ?",
        C,
        "each video is named by its title and a link « Voir la vidéo » beside its transcript: tests/cms/test_media_library.py",
    ),
    Criterion(
        "4.8",
        "Chaque média non temporel a-t-il, si nécessaire, une alternative (hors cas particuliers) ?",
        C,
        "the trust-circle maps have their table and list: tests/browser/test_map_keyboard.py",
    ),
    Criterion(
        "4.9",
        "Pour chaque média non temporel ayant une alternative, cette alternative est-elle pertinente ?",
        C,
        "the table lists every entry the map shows: tests/maps/",
    ),
    Criterion(
        "4.10",
        "Chaque son déclenché automatiquement est-il contrôlable par l'utilisateur ?",
        NA,
        "no sound plays by itself",
    ),
    Criterion(
        "4.11",
        "La consultation de chaque média temporel est-elle, si nécessaire, contrôlable par le clavier et tout dispositif de pointage ?",
        C,
        "videos open in the browser's own player (native controls)",
    ),
    Criterion(
        "4.12",
        "La consultation de chaque média non temporel est-elle contrôlable par le clavier et tout dispositif de pointage ?",
        C,
        "map with Enter/Space/Escape and French controls: tests/browser/test_map_keyboard.py",
    ),
    Criterion(
        "4.13",
        "Chaque média temporel et non temporel est-il compatible avec les technologies d'assistance (hors cas particuliers) ?",
        C,
        "map markers named buttons, popups dialogs: tests/browser/test_map_keyboard.py; " + AXE,
    ),
    # 5. Tableaux
    Criterion(
        "5.1",
        "Chaque tableau de données complexe a-t-il un résumé ?",
        C,
        "the maturity table (levels per criterion and phase) is summed up by its caption; "
        + REVIEW,
    ),
    Criterion(
        "5.2",
        "Pour chaque tableau de données complexe ayant un résumé, celui-ci est-il pertinent ?",
        C,
        REVIEW,
    ),
    Criterion(
        "5.3",
        "Pour chaque tableau de mise en forme, le contenu linéarisé reste-t-il compréhensible ?",
        NA,
        "no layout table",
    ),
    Criterion(
        "5.4",
        "Pour chaque tableau de données ayant un titre, le titre est-il correctement associé au tableau de données ?",
        C,
        "<caption> in every data table; " + AXE,
    ),
    Criterion(
        "5.5",
        "Pour chaque tableau de données ayant un titre, celui-ci est-il pertinent ?",
        C,
        REVIEW,
    ),
    Criterion(
        "5.6",
        "Pour chaque tableau de données, chaque en-tête de colonne et chaque en-tête de ligne sont-ils correctement déclarés ?",
        C,
        "every <th> has a scope (tests/core/test_template_tables.py scans the templates); PDFs carry /Scope: tests/core/test_pdf_scopes.py",
    ),
    Criterion(
        "5.7",
        "Pour chaque tableau de données, la technique appropriée permettant d'associer chaque cellule avec ses en-têtes est-elle utilisée (hors cas particuliers) ?",
        C,
        "scope on simple tables; tagged PDF /Headers and /Scope: tests/core/test_pdf_scopes.py",
    ),
    Criterion(
        "5.8",
        "Chaque tableau de mise en forme ne doit pas utiliser d'éléments propres aux tableaux de données. Cette règle est-elle respectée ?",
        NA,
        "no layout table",
    ),
    # 6. Liens
    Criterion(
        "6.1",
        "Chaque lien est-il explicite ?",
        C,
        "licence links name their licence and warn of a new window in their text: tests/browser/test_site_navigation.py; "
        + AXE,
    ),
    Criterion(
        "6.2", "Dans chaque page web, chaque lien a-t-il un intitulé ?", C, AXE + " (link-name)"
    ),
    # 7. Scripts
    Criterion(
        "7.1",
        "Chaque script est-il, si nécessaire, compatible avec les technologies d'assistance ?",
        C,
        "map markers, phone menu, live updates: tests/browser/test_map_keyboard.py, test_live_focus.py",
    ),
    Criterion(
        "7.2",
        "Pour chaque script ayant une alternative, cette alternative est-elle pertinente ?",
        C,
        "the map's table, the pages without JavaScript (forms post, figures render on the server)",
    ),
    Criterion(
        "7.3",
        "Chaque script est-il contrôlable par le clavier et par tout dispositif de pointage (hors cas particuliers) ?",
        C,
        "focus kept across a live update: tests/browser/test_live_focus.py; scroll regions focusable only when they scroll: tests/browser/test_site_navigation.py",
    ),
    Criterion(
        "7.4",
        "Pour chaque script qui initie un changement de contexte, l'utilisateur est-il averti ou en a-t-il le contrôle ?",
        C,
        "no script changes the context; live updates never move focus: tests/browser/test_live_focus.py",
    ),
    Criterion(
        "7.5",
        "Dans chaque page web, les messages de statut sont-ils correctement restitués par les technologies d'assistance ?",
        C,
        "one #live-status, announced once per burst: tests/browser/test_live_focus.py",
    ),
    # 8. Éléments obligatoires
    Criterion(
        "8.1",
        "Chaque page web est-elle définie par un type de document ?",
        C,
        "templates/base.html starts with <!DOCTYPE html>",
    ),
    Criterion(
        "8.2",
        "Pour chaque page web, le code source généré est-il valide selon le type de document spécifié ?",
        C,
        "well-formed HTML in the templates (manual review); " + AXE + " (duplicate-id, list)",
    ),
    Criterion(
        "8.3",
        "Dans chaque page web, la langue par défaut est-elle présente ?",
        C,
        "tests/browser/test_journeys.py (html lang)",
    ),
    Criterion(
        "8.4",
        "Pour chaque page web ayant une langue par défaut, le code de langue est-il pertinent ?",
        C,
        "tests/browser/test_journeys.py; " + AXE,
    ),
    Criterion("8.5", "Chaque page web a-t-elle un titre de page ?", C, AXE + " (document-title)"),
    Criterion(
        "8.6",
        "Pour chaque page web ayant un titre de page, ce titre est-il pertinent ?",
        C,
        "distinct titles for /evenements/ and /agenda/, filtered lists and errors: tests/browser/test_site_navigation.py",
    ),
    Criterion(
        "8.7",
        "Dans chaque page web, chaque changement de langue est-il indiqué dans le code source (hors cas particuliers) ?",
        C,
        "language names with lang, map controls in French: tests/browser/test_map_keyboard.py",
    ),
    Criterion(
        "8.8",
        "Dans chaque page web, le code de langue de chaque changement de langue est-il valide et pertinent ?",
        C,
        AXE + " (valid-lang)",
    ),
    Criterion(
        "8.9",
        "Dans chaque page web, les balises ne doivent pas être utilisées uniquement à des fins de présentation. Cette règle est-elle respectée ?",
        C,
        REVIEW,
    ),
    Criterion(
        "8.10",
        "Dans chaque page web, les changements du sens de lecture sont-ils signalés ?",
        NA,
        "no right-to-left text",
    ),
    # 9. Structuration
    Criterion(
        "9.1",
        "Dans chaque page web, l'information est-elle structurée par l'utilisation appropriée de titres ?",
        C,
        "one h1, no skipped level: " + AXE + " (page-has-heading-one, heading-order)",
    ),
    Criterion(
        "9.2",
        "Dans chaque page web, la structure du document est-elle cohérente (hors cas particuliers) ?",
        C,
        "header, nav, main, footer landmarks: " + AXE + " (region, landmark-*)",
    ),
    Criterion(
        "9.3",
        "Dans chaque page web, chaque liste est-elle correctement structurée ?",
        C,
        AXE + " (list, listitem)",
    ),
    Criterion(
        "9.4",
        "Dans chaque page web, chaque citation est-elle correctement indiquée ?",
        C,
        "rich text offers blockquote; " + REVIEW,
    ),
    # 10. Présentation
    Criterion(
        "10.1",
        "Dans le site web, des feuilles de styles sont-elles utilisées pour contrôler la présentation de l'information ?",
        C,
        "static/css/trajectoires.css; no presentational attribute: " + REVIEW,
    ),
    Criterion(
        "10.2",
        "Dans chaque page web, le contenu visible porteur d'information reste-t-il présent lorsque les feuilles de styles sont désactivées ?",
        C,
        "no CSS-generated content carrying information; " + REVIEW,
    ),
    Criterion(
        "10.3",
        "Dans chaque page web, l'information reste-t-elle compréhensible lorsque les feuilles de styles sont désactivées ?",
        C,
        "source order follows the visual order; " + REVIEW,
    ),
    Criterion(
        "10.4",
        "Dans chaque page web, le texte reste-t-il lisible lorsque la taille des caractères est augmentée jusqu'à 200 %, au moins (hors cas particuliers) ?",
        C,
        "no sideways scroll at 200 % text: tests/browser/test_site_navigation.py",
    ),
    Criterion(
        "10.5",
        "Dans chaque page web, les déclarations CSS de couleurs de fond d'élément et de police sont-elles correctement utilisées ?",
        C,
        "every colour set with its background in the stylesheet; " + REVIEW,
    ),
    Criterion(
        "10.6",
        "Dans chaque page web, chaque lien dont la nature n'est pas évidente est-il visible par rapport au texte environnant ?",
        C,
        "links underlined in text: " + AXE + " (link-in-text-block)",
    ),
    Criterion(
        "10.7",
        "Dans chaque page web, pour chaque élément recevant le focus, la prise de focus est-elle visible ?",
        C,
        "focus above the sticky bars: tests/browser/test_reflow.py",
    ),
    Criterion(
        "10.8",
        "Pour chaque page web, les contenus cachés ont-ils vocation à être ignorés par les technologies d'assistance ?",
        C,
        "hidden and visually-hidden used on purpose; " + REVIEW,
    ),
    Criterion(
        "10.9",
        "Dans chaque page web, l'information ne doit pas être donnée uniquement par la forme, taille ou position. Cette règle est-elle respectée ?",
        C,
        REVIEW,
    ),
    Criterion(
        "10.10",
        "Dans chaque page web, l'information ne doit pas être donnée par la forme, taille ou position uniquement. Cette règle est-elle implémentée de façon pertinente ?",
        C,
        REVIEW,
    ),
    Criterion(
        "10.11",
        "Pour chaque page web, les contenus peuvent-ils être présentés sans perte d'information ou de fonctionnalité et sans avoir recours soit à un défilement vertical pour une fenêtre ayant une hauteur de 256 px, soit à un défilement horizontal pour une fenêtre ayant une largeur de 320 px (hors cas particuliers) ?",
        C,
        "tests/browser/test_reflow.py (320 px), tests/browser/test_site_navigation.py (1280 px)",
    ),
    Criterion(
        "10.12",
        "Dans chaque page web, les propriétés d'espacement du texte peuvent-elles être redéfinies par l'utilisateur sans perte de contenu ou de fonctionnalité (hors cas particuliers) ?",
        C,
        "no fixed heights on text boxes; " + REVIEW,
    ),
    Criterion(
        "10.13",
        "Dans chaque page web, les contenus additionnels apparaissant à la prise de focus ou au survol d'un composant d'interface sont-ils contrôlables par l'utilisateur (hors cas particuliers) ?",
        C,
        "menu and map popups close with Escape: tests/browser/test_map_keyboard.py",
    ),
    Criterion(
        "10.14",
        "Dans chaque page web, les contenus additionnels apparaissant via les styles CSS uniquement peuvent-ils être rendus visibles au clavier et par tout dispositif de pointage ?",
        C,
        "no hover-only content; " + REVIEW,
    ),
    # 11. Formulaires
    Criterion(
        "11.1",
        "Chaque champ de formulaire a-t-il une étiquette ?",
        C,
        AXE + " (label); components/field.html",
    ),
    Criterion(
        "11.2",
        "Chaque étiquette associée à un champ de formulaire est-elle pertinente (hors cas particuliers) ?",
        C,
        REVIEW,
    ),
    Criterion(
        "11.3",
        "Dans chaque formulaire, chaque étiquette associée à un champ de formulaire ayant la même fonction et répété plusieurs fois dans une même page ou dans un ensemble de pages est-elle cohérente ?",
        C,
        "one field component, one filter form: " + REVIEW,
    ),
    Criterion(
        "11.4",
        "Dans chaque formulaire, chaque étiquette de champ et son champ associé sont-ils accolés (hors cas particuliers) ?",
        C,
        "tests/browser/test_reflow.py (quick log at 320 px)",
    ),
    Criterion(
        "11.5",
        "Dans chaque formulaire, les champs de même nature sont-ils regroupés, si nécessaire ?",
        C,
        "radio groups and the maturity levels in fieldsets; " + REVIEW,
    ),
    Criterion(
        "11.6",
        "Dans chaque formulaire, chaque regroupement de champs de même nature a-t-il une légende ?",
        C,
        "fieldset + legend; " + AXE,
    ),
    Criterion(
        "11.7",
        "Dans chaque formulaire, chaque légende associée à un regroupement de champs de même nature est-elle pertinente ?",
        C,
        REVIEW,
    ),
    Criterion(
        "11.8",
        "Dans chaque formulaire, les items de même nature d'une liste de choix sont-ils regroupés de manière pertinente ?",
        C,
        REVIEW,
    ),
    Criterion(
        "11.9",
        "Dans chaque formulaire, l'intitulé de chaque bouton est-il pertinent (hors cas particuliers) ?",
        C,
        AXE + " (button-name); " + REVIEW,
    ),
    Criterion(
        "11.10",
        "Dans chaque formulaire, le contrôle de saisie est-il utilisé de manière pertinente (hors cas particuliers) ?",
        C,
        "required announced, focus on the error summary: tests/browser/test_form_errors.py, tests/core/test_form_accessibility.py",
    ),
    Criterion(
        "11.11",
        "Dans chaque formulaire, le contrôle de saisie est-il accompagné, si nécessaire, de suggestions facilitant la correction des erreurs de saisie ?",
        C,
        "French messages with the expected format (AAAA-MM…): tests/coaching/ form tests",
    ),
    Criterion(
        "11.12",
        "Pour chaque formulaire qui modifie ou supprime des données, ou qui transmet des réponses à un test ou à un examen, ou dont la validation a des conséquences financières ou juridiques, les données saisies peuvent-elles être modifiées, mises à jour ou récupérées par l'utilisateur ?",
        C,
        "records editable, deletions confirmed, history kept: tests/coaching/",
    ),
    Criterion(
        "11.13",
        "La finalité d'un champ de saisie peut-elle être déduite pour faciliter le remplissage automatique des champs avec les données de l'utilisateur ?",
        C,
        "the login fields carry autocomplete=username / current-password (Django's AuthenticationForm); "
        "the other forms ask about others (trainees, partners), not the user; "
        + AXE
        + " (autocomplete-valid)",
    ),
    # 12. Navigation
    Criterion(
        "12.1",
        "Chaque ensemble de pages dispose-t-il de deux systèmes de navigation différents, au moins (hors cas particuliers) ?",
        C,
        "menu, site map and site search: tests/browser/test_site_navigation.py, tests/cms/test_site_map_search.py",
    ),
    Criterion(
        "12.2",
        "Dans chaque ensemble de pages, le menu et les barres de navigation sont-ils toujours à la même place (hors cas particuliers) ?",
        C,
        "one base template: templates/base.html",
    ),
    Criterion(
        "12.3",
        "La page « plan du site » est-elle pertinente ?",
        C,
        "lists every public page and the live Wagtail tree: tests/cms/test_site_map_search.py",
    ),
    Criterion(
        "12.4",
        "Dans chaque ensemble de pages, la page « plan du site » est-elle atteignable de manière identique ?",
        C,
        "footer link on every page: tests/cms/test_site_map_search.py",
    ),
    Criterion(
        "12.5",
        "Dans chaque ensemble de pages, le moteur de recherche est-il atteignable de manière identique ?",
        C,
        "header link on every page: tests/cms/test_site_map_search.py",
    ),
    Criterion(
        "12.6",
        "Les zones de regroupement de contenus présentes dans plusieurs pages web (zones d'en-tête, de navigation principale, de contenu principal, de pied de page et de moteur de recherche) peuvent-elles être atteintes ou évitées ?",
        C,
        "landmarks and skip link: " + AXE + " (region, bypass)",
    ),
    Criterion(
        "12.7",
        "Dans chaque page web, un lien d'évitement ou d'accès rapide à la zone de contenu principal est-il présent (hors cas particuliers) ?",
        C,
        "« Aller au contenu »: " + AXE + " (bypass, skip-link)",
    ),
    Criterion(
        "12.8",
        "Dans chaque page web, l'ordre de tabulation est-il cohérent ?",
        C,
        "no positive tabindex, no Tab stop on a box that does not scroll: tests/browser/test_site_navigation.py",
    ),
    Criterion(
        "12.9",
        "Dans chaque page web, la navigation ne doit pas contenir de piège au clavier. Cette règle est-elle respectée ?",
        C,
        "tests/browser/test_map_keyboard.py (Tab leaves the map)",
    ),
    Criterion(
        "12.10",
        "Dans chaque page web, les raccourcis clavier n'utilisant qu'une seule touche (lettre minuscule ou majuscule, ponctuation, chiffre ou symbole) sont-ils contrôlables par l'utilisateur ?",
        NA,
        "no single-key shortcut",
    ),
    Criterion(
        "12.11",
        "Dans chaque page web, les contenus additionnels apparaissant au survol, à la prise de focus ou à l'activation d'un composant d'interface sont-ils, si nécessaire, atteignables au clavier ?",
        C,
        "map popups reachable and closed with the keyboard: tests/browser/test_map_keyboard.py",
    ),
    # 13. Consultation
    Criterion(
        "13.1",
        "Pour chaque page web, l'utilisateur a-t-il le contrôle de chaque limite de temps modifiant le contenu (hors cas particuliers) ?",
        C,
        "no time limit; live updates change values in place and never reload: tests/browser/test_live_focus.py",
    ),
    Criterion(
        "13.2",
        "Dans chaque page web, l'ouverture d'une nouvelle fenêtre ne doit pas être déclenchée sans action de l'utilisateur. Cette règle est-elle respectée ?",
        C,
        "no window opens by itself; " + REVIEW,
    ),
    Criterion(
        "13.3",
        "Dans chaque page web, chaque document bureautique en téléchargement possède-t-il, si nécessaire, une version accessible (hors cas particuliers) ?",
        C,
        "PDFs are tagged PDF/UA-1 (core.pdf): tests/core/test_pdf_scopes.py, tests/trainings/ and tests/progress/ PDF tests",
    ),
    Criterion(
        "13.4",
        "Pour chaque document bureautique ayant une version accessible, cette version offre-t-elle la même information ?",
        C,
        "the PDF is itself accessible (tagged, alternatives, table headers)",
    ),
    Criterion(
        "13.5",
        "Dans chaque page web, chaque contenu cryptique (art ASCII, émoticône, syntaxe cryptique) a-t-il une alternative ?",
        C,
        "arrows in links beside their text, « — » cells with a hidden phrase; " + REVIEW,
    ),
    Criterion(
        "13.6",
        "Dans chaque page web, pour chaque contenu cryptique (art ASCII, émoticône, syntaxe cryptique) ayant une alternative, cette alternative est-elle pertinente ?",
        C,
        REVIEW,
    ),
    Criterion(
        "13.7",
        "Dans chaque page web, les changements brusques de luminosité ou les effets de flash sont-ils correctement utilisés ?",
        NA,
        "no flash or blinking",
    ),
    Criterion(
        "13.8",
        "Dans chaque page web, chaque contenu en mouvement ou clignotant est-il contrôlable par l'utilisateur ?",
        NA,
        "nothing moves or blinks by itself",
    ),
    Criterion(
        "13.9",
        "Dans chaque page web, le contenu proposé est-il consultable quelle que soit l'orientation de l'écran (portrait ou paysage) (hors cas particuliers) ?",
        C,
        "tests/browser/test_phone.py (360 px portrait), test_reflow.py",
    ),
    Criterion(
        "13.10",
        "Dans chaque page web, les fonctionnalités utilisables ou disponibles au moyen d'un geste complexe peuvent-elles être également disponibles au moyen d'un geste simple (hors cas particuliers) ?",
        C,
        "the map pans and zooms with its buttons and keys, its table gives the same: tests/browser/test_map_keyboard.py",
    ),
    Criterion(
        "13.11",
        "Dans chaque page web, les actions déclenchées au moyen d'un dispositif de pointage sur un point unique de l'écran peuvent-elles faire l'objet d'une annulation (hors cas particuliers) ?",
        C,
        "actions on click (native buttons and links); " + REVIEW,
    ),
    Criterion(
        "13.12",
        "Dans chaque page web, les fonctionnalités qui impliquent un mouvement de l'appareil ou vers l'appareil peuvent-elles être satisfaites de manière alternative (hors cas particuliers) ?",
        NA,
        "no motion-driven feature",
    ),
)
