"""The collaborative platform's demo: the programme's space, one per ERIC and one per
training (``collab.services.sync_spaces``), and a few wiki pages in French written by
the demo's accounts, from seeds/004 (« participer activement à la plateforme
collaborative en ligne dédiée », « un WIKI, un agenda partagé, une liste de
discussion »). The programme's « Ouverture du wiki commun » answers the question of
the hotline's first call.
"""

from collab.enums import SpaceKind
from collab.models import Space, WikiPage
from collab.services import sync_spaces, wiki_page_create, wiki_page_save

OPENING = """Le wiki commun du programme est ouvert ! Il rassemble ce que les trois ERIC,
la personne ressource, OpenScop, SKEMA et la Région apprennent en chemin vers les
tiers-lieux.

## Qui écrit ici ?

Chaque membre de l'espace du programme peut créer et modifier une page. Chaque
enregistrement est gardé dans l'historique : on peut comparer deux versions et rétablir
une ancienne.

## Les coworkers et les partenaires

Les comptes suivent les rôles du programme. Pour une personne qui n'a pas de rôle (un
coworker, une association du quartier), la personne ressource ou l'équipe de l'ERIC
l'invite dans l'espace de son ERIC.

## Pour commencer

- lire [[Le code source des tiers-lieux]] ;
- noter les dates dans [[Calendrier des formations trimestrielles]] ;
- proposer les règles communes dans [[Charte de la plateforme]].

Tout ce qui s'écrit ici est sous licence **Creative Commons BY-SA 4.0**.
"""

OPENING_ADDITION = """
## Questions fréquentes

- *Qui crée les comptes des coworkers ?* La personne ressource, à la demande de
  l'ERIC ; l'équipe de l'ERIC les invite ensuite dans son espace.
"""

CODE_SOURCE = """Le « code source » d'un tiers-lieu, c'est l'ensemble des éléments de
contexte et de réalisation qui permettent à un autre lieu de refaire ce qui a marché :
qui était là, ce qui a été fait, avec quels moyens, et comment le reproduire.

Le programme doit alimenter une base de connaissance partagée, à raison d'**au moins
une fiche « code source » par mois**. Une page de ce wiki peut être proposée comme
fiche : l'équipe éditoriale la relit avant de la publier sur le site.

Les contenus sont diffusés sous licence Creative Commons ; les fiches projets et les
modèles d'organisation peuvent l'être sous MoveCommons.

Voir aussi : [[Ouverture du wiki commun]].
"""

CALENDAR = """Une formation par trimestre réunit les équipes des ERIC, OpenScop, la
personne ressource, la déléguée régionale d'Arsenic et la chargée de mission ERIC de
la Région.

1. De l'ERIC au tiers-lieu ;
2. Gouvernance partagée et communauté ;
3. Modèle économique hybride.

Chaque formation a son propre espace : les inscrits y retrouvent leurs notes.
"""

BOATE_SURVEY = """Questionnaire aux usagers du coworking : **48 réponses**.

## Ce qui ressort

- le lieu est connu pour ses ateliers numériques, moins pour le coworking ;
- les coworkers veulent ouvrir le lieu aux associations du quartier ;
- une demande de créneaux du soir pour les porteurs de projet.

## Suites

Présenter les résultats à l'[[Atelier Tiers-lieu, c'est quoi ?]] avec Arsenic et SKEMA.
"""

BOATE_WORKSHOP = """Atelier « Tiers-lieu, c'est quoi ? » co-organisé avec Arsenic et
SKEMA.

- une heure de présentation des tiers-lieux du réseau MoviLab ;
- une heure de travail en petits groupes : « ce que notre lieu pourrait devenir » ;
- restitution sur le mur du coworking.

À documenter en fiche « code source » une fois les photos triées.
"""

COSTE_REPAIR = """Repair café avec une association de quartier et SKEMA.

Ce qui a marché : un samedi matin, des bénévoles réparateurs, un coin café tenu par
les familles du centre social. Ce qui reste à faire : une affiche plus tôt, et un
registre des objets réparés pour la prochaine fois.
"""

HUBLOT_PLATEAU = """Open plateau de télévision citoyenne avec O2Zone et Arsenic.

- matériel : deux caméras, une régie légère prêtée par O2Zone ;
- autorisations de tournage demandées trois semaines avant ;
- une émission en direct d'une heure, rediffusée sur le site de l'ERIC.
"""

MOUANS_FESTIVAL = """Le tiers-lieu éphémère de la médiathèque pendant la Fête du Miel :
un espace de pratiques numériques et un open plateau de télévision citoyenne.

L'étude de SKEMA trace chaque personne qui entre et ses motivations ; ses résultats
seront partagés avec les ERIC du pilote 2.
"""

TRAINING_NOTES = """Notes partagées de la formation : chacun complète après la séance.

- les tiers-lieux du réseau MoviLab présentés par OpenScop ;
- exercice : situer son ERIC sur la grille de maturité ;
- à relire : [[Le code source des tiers-lieux]] dans l'espace du programme.
"""

# (space kind, ERIC slug or training title prefix, author, title, text)
PAGES = [
    (SpaceKind.PROGRAMME, "", "coach", "Ouverture du wiki commun", OPENING),
    (SpaceKind.PROGRAMME, "", "skema", "Le code source des tiers-lieux", CODE_SOURCE),
    (SpaceKind.PROGRAMME, "", "coach", "Calendrier des formations trimestrielles", CALENDAR),
    (SpaceKind.ERIC, "made-in-la-boate", "boate", "Questionnaire aux coworkers", BOATE_SURVEY),
    (
        SpaceKind.ERIC,
        "made-in-la-boate",
        "boate",
        "Atelier Tiers-lieu, c'est quoi ?",
        BOATE_WORKSHOP,
    ),
    (SpaceKind.ERIC, "centre-social-jean-paul-coste", "coste", "Repair café", COSTE_REPAIR),
    (
        SpaceKind.ERIC,
        "le-hublot-les-satellites",
        "hublot",
        "Open plateau avec O2Zone",
        HUBLOT_PLATEAU,
    ),
    (
        SpaceKind.ERIC,
        "eric-mediatheque-mouans-sartoux",
        "mouans",
        "Tiers-lieu éphémère de la Fête du Miel",
        MOUANS_FESTIVAL,
    ),
    (
        SpaceKind.TRAINING,
        "Formation trimestrielle n° 1",
        "coach",
        "Notes partagées",
        TRAINING_NOTES,
    ),
]


def _space(programme, kind, key):
    spaces = Space.objects.filter(programme=programme, kind=kind)
    if kind == SpaceKind.ERIC:
        return spaces.filter(accompaniment__eric__slug=key).first()
    if kind == SpaceKind.TRAINING:
        return spaces.filter(training__title__startswith=key).first()
    return spaces.first()


def load_demo_collab(programme, users) -> None:
    sync_spaces()
    for kind, key, author, title, text in PAGES:
        space = _space(programme, kind, key)
        if space is None or author not in users:
            continue
        if WikiPage.objects.filter(space=space, title=title).exists():
            continue
        page = wiki_page_create(
            by=users[author], space=space, title=title, body=text, comment="Première version"
        )
        if title == "Ouverture du wiki commun" and "boate" in users:
            wiki_page_save(
                by=users["boate"],
                page=page,
                body=text + OPENING_ADDITION,
                base_number=page.current_number,
                comment="Réponse à la question des comptes des coworkers",
            )
