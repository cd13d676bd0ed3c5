"""The demo programme of the source text (seeds/004), set in the current edition.

The original programme ran in 2012–2013; the demo dates it from the day it is first
loaded (``demo.dates``): that day falls in the programme's fifth month, so dashboards
show an edition under way. Every number (3 ERIC accompanied for 10 months, 30
animations, 3 trainings, 10 newsletters, one sheet a month…) is the source's. Running
it again changes nothing: records are found by their natural key first.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from coaching import services
from coaching.enums import (
    AccompanimentStatus,
    AnimationFormat,
    AnimationStatus,
    Basis,
    CallChannel,
    FederatingEventKind,
    HotlineTopic,
    Indicator,
    MaturityCriterion,
    MaturityPhase,
    MilestoneStatus,
    ParticipationRole,
    SessionFormat,
    Visibility,
)
from coaching.models import (
    Accompaniment,
    Animation,
    CoachingSession,
    FederatingEvent,
    HotlineCall,
    HotlineSlot,
    MaturityAssessment,
    Milestone,
    Programme,
    Target,
)
from organisations.enums import OrganisationKind, Pilot, Role
from organisations.models import Membership, Organisation
from organisations.services import partner_find_or_create

from .dates import (
    FRIDAY,
    LAST,
    MONDAY,
    SATURDAY,
    SUNDAY,
    THURSDAY,
    TUESDAY,
    WEDNESDAY,
    Day,
    DemoCalendar,
    Nth,
    at,
    in_christmas_break,
    outside_christmas,
    programme_start,
)

DEMO_PASSWORD = "demo"

PROGRAMME = {
    "name": "Trajectoires d'évolution des ERIC en tiers-lieux",
    "slug": "trajectoires-eric-tiers-lieux",
    "duration_months": 10,
    "animation_min_partners": 2,
    "description": (
        "Co-construire avec les Espaces Régionaux Internet Citoyen des trajectoires "
        "d'évolution vers les tiers-lieux : accompagner 4 ERIC en milieu urbain, avec "
        "l'appui d'OpenScop et d'une personne ressource en région, documenter l'action "
        "avec SKEMA pour alimenter un « code source » des tiers-lieux, en lien avec le "
        "programme national MoviLab. Pilote 1 : un tiers-lieu éphémère à la Médiathèque "
        "de Mouans-Sartoux pendant la Fête du Miel. Pilote 2 : l'accompagnement "
        "personnalisé de 3 ERIC pendant 10 mois."
    ),
}

# (slug, name, kind, address, postcode, town, lat, lon, website, host, pilot, description)
ORGANISATIONS = [
    {
        "slug": "region-sud",
        "name": "Région Provence-Alpes-Côte d'Azur",
        "kind": OrganisationKind.FUNDER,
        "address": "27 place Jules Guesde",
        "postcode": "13002",
        "town": "Marseille",
        "latitude": Decimal("43.300500"),
        "longitude": Decimal("5.369400"),
        "description": (
            "Service Innovation et Économie Numérique : finance le programme et suit "
            "son avancement avec le Comité de suivi des Centres de Ressources Numériques."
        ),
    },
    {
        "slug": "made-in-la-boate",
        "name": "Made in la Boate",
        "kind": OrganisationKind.ERIC,
        "address": "35 rue de la Paix",
        "postcode": "13001",
        "town": "Marseille",
        "latitude": Decimal("43.294700"),
        "longitude": Decimal("5.377000"),
        "website": "http://laboate.com/",
        "host_structure": "La Bo[a]te, espace de coworking et de détection de nouveaux usages",
        "pilot": Pilot.ACCOMPANIMENT,
        "description": (
            "Un espace inspirant collaborations, partage et appropriation des nouveaux "
            "usages : coworking, auto-entrepreneurs du numérique, associations de "
            "créateurs et acteurs locaux de l'innovation."
        ),
    },
    {
        "slug": "centre-social-jean-paul-coste",
        "name": "Centre Social Jean Paul Coste",
        "kind": OrganisationKind.ERIC,
        "town": "Aix-en-Provence",
        "latitude": Decimal("43.526500"),
        "longitude": Decimal("5.445400"),
        "host_structure": "Centre social Jean Paul Coste",
        "pilot": Pilot.ACCOMPANIMENT,
        "description": "ERIC porté par un centre social d'Aix-en-Provence.",
    },
    {
        "slug": "le-hublot-les-satellites",
        "name": "Le Hublot + Les Satellites",
        "kind": OrganisationKind.ERIC,
        "town": "Nice",
        "latitude": Decimal("43.710200"),
        "longitude": Decimal("7.262000"),
        "host_structure": "Le Hublot",
        "pilot": Pilot.ACCOMPANIMENT,
        "description": "ERIC niçois et ses lieux satellites.",
    },
    {
        "slug": "eric-mediatheque-mouans-sartoux",
        "name": "ERIC de la Médiathèque de Mouans-Sartoux",
        "kind": OrganisationKind.ERIC,
        "town": "Mouans-Sartoux",
        "latitude": Decimal("43.619700"),
        "longitude": Decimal("6.970600"),
        "host_structure": "Médiathèque de Mouans-Sartoux",
        "pilot": Pilot.EPHEMERAL,
        "description": (
            "Porteur du tiers-lieu éphémère : un espace de pratiques numériques et un "
            "open plateau de télévision citoyenne pendant la Fête du Miel."
        ),
    },
    {
        "slug": "openscop",
        "name": "OpenScop",
        "kind": OrganisationKind.CONSULTANCY,
        "town": "Saint-Étienne",
        "latitude": Decimal("45.439700"),
        "longitude": Decimal("4.387200"),
        "description": (
            "Société coopérative de production, experte des tiers-lieux ; co-développe "
            "le Comptoir Numérique à Saint-Étienne."
        ),
    },
    {
        "slug": "skema-business-school",
        "name": "SKEMA Business School",
        "kind": OrganisationKind.BUSINESS_SCHOOL,
        "town": "Sophia Antipolis",
        "latitude": Decimal("43.615600"),
        "longitude": Decimal("7.071800"),
        "description": ("Coordination scientifique de la documentation et de l'étude des usagers."),
    },
    {
        "slug": "arsenic-paca",
        "name": "Arsenic PACA",
        "kind": OrganisationKind.NETWORK,
        "town": "Marseille",
        "description": (
            "Réseau des professionnels de la médiation numérique et des ERIC ; rend "
            "compte de l'action au Comité de suivi."
        ),
    },
    {
        "slug": "o2zone",
        "name": "O2Zone",
        "kind": OrganisationKind.CITIZEN_MEDIA,
        "description": "Médias numériques participatifs citoyens ; anime l'open plateau.",
    },
    {
        "slug": "movilab",
        "name": "MoviLab",
        "kind": OrganisationKind.NATIONAL_PROGRAMME,
        "description": "Programme national de laboratoire des modes de vie durables.",
    },
    {
        "slug": "acidd",
        "name": "ACIDD",
        "kind": OrganisationKind.ASSOCIATION,
        "description": "Porte CoopConnect, l'émergence de tiers-lieux en milieu rural.",
    },
]

# (indicator, value, basis, pilot, counting rule). A blank pilot: every ERIC.
TARGETS = [
    (
        Indicator.ANIMATIONS,
        1,
        Basis.PER_ERIC_PER_MONTH,
        Pilot.ACCOMPANIMENT,
        "Pilote 2 : chaque mois, chaque ERIC accompagné co-organise avec la personne "
        "ressource une animation ; elle compte une fois tenue, multi-partenariale et "
        "documentée (3 ERIC × 10 mois = 30 animations).",
    ),
    (
        Indicator.ANIMATIONS,
        1,
        Basis.PER_ERIC,
        Pilot.EPHEMERAL,
        "Pilote 1 : le tiers-lieu éphémère et son open plateau à la Fête du Miel, animés "
        "avec OpenScop et O2Zone ; il compte une fois tenu, multi-partenarial et documenté.",
    ),
    (
        Indicator.TRAININGS,
        3,
        Basis.PROGRAMME,
        "",
        "Une formation trimestrielle des équipes ERIC, d'OpenScop, de la personne "
        "ressource, d'Arsenic et de la Région ; elle compte une fois tenue, émargement saisi.",
    ),
    (
        Indicator.TRAININGS,
        1,
        Basis.PER_ERIC,
        Pilot.EPHEMERAL,
        "Pilote 1 : la journée préparatoire d'animation-formation avec OpenScop (le matin, "
        "les trajectoires vers les tiers-lieux ; l'après-midi, un jeu d'animation) ; elle "
        "compte une fois tenue, l'équipe de l'ERIC émargée.",
    ),
    (
        Indicator.NEWSLETTERS,
        10,
        Basis.PROGRAMME,
        "",
        "Une lettre d'information mensuelle co-produite par les ERIC, la personne "
        "ressource, SKEMA et MoviLab ; elle compte une fois publiée.",
    ),
    (
        Indicator.CODE_SOURCE_SHEETS,
        1,
        Basis.PER_MONTH,
        "",
        "Au moins une fiche « code source » publiée par mois dans la base de connaissance.",
    ),
    (
        Indicator.CODE_SOURCE_SHEETS,
        1,
        Basis.PER_ERIC,
        Pilot.EPHEMERAL,
        "Pilote 1 : la documentation du tiers-lieu éphémère, au moins une fiche « code "
        "source » publiée par l'ERIC.",
    ),
    (
        Indicator.TRUST_CIRCLE_MAPS,
        1,
        Basis.PER_ERIC,
        "",
        "Une cartographie des cercles de confiance de chaque tiers-lieu sur OpenStreetMap.",
    ),
    (
        Indicator.FEDERATING_EVENTS,
        1,
        Basis.PER_ERIC,
        "",
        "Au moins un événement fédérateur du territoire (fête de quartier, festival, "
        "rencontre, forum) par ERIC.",
    ),
    (
        Indicator.HOTLINE_HALF_DAYS,
        1,
        Basis.PER_WEEK,
        "",
        "Une demi-journée de permanence téléphonique par semaine pour les ERIC ; une "
        "semaine compte dès que la permanence est tenue, même sans appel.",
    ),
    (
        Indicator.VISITOR_STUDY,
        1,
        Basis.PER_ERIC,
        Pilot.EPHEMERAL,
        "Pilote 1 : l'étude des visiteurs du tiers-lieu éphémère menée par SKEMA "
        "(qui vient, pourquoi, typologie des usages).",
    ),
]

PILOT_2_MILESTONES = [
    ("Diagnostic de départ et auto-positionnement sur la grille de maturité", Day(1, LAST)),
    ("Première cartographie des cercles de confiance", Day(2, LAST)),
    ("Première animation multi-partenariale documentée", Day(2, LAST)),
    ("Communauté d'usagers identifiée : qui vient, et pour quoi faire", Day(4, 15)),
    ("Gouvernance partagée esquissée avec usagers et partenaires", Day(5, LAST)),
    ("Modèle économique hybride : services, coworking, partenariats", Day(8, LAST)),
    ("Participation à un événement fédérateur du territoire", Day(9, LAST)),
    ("Bilan et feuille de route tiers-lieu à trois ans", Day(10, LAST)),
]

PILOT_1_MILESTONES = [
    ("Journée préparatoire d'animation-formation avec OpenScop", Nth(7, FRIDAY, 3)),
    ("Formation-action aux médias numériques participatifs avec O2Zone", Nth(8, FRIDAY, 2)),
    ("Tiers-lieu éphémère et open plateau à la Fête du Miel", Nth(8, SUNDAY, LAST)),
    ("Étude des visiteurs et typologie des usages avec SKEMA", Day(10, 15)),
]

# What the demo shows as already done, by ERIC slug: {milestone index: evidence}.
PROGRESS = {
    "made-in-la-boate": {
        0: (MilestoneStatus.DONE, "Grille de maturité remplie en équipe le 24 septembre."),
        1: (MilestoneStatus.DONE, "Carte des cercles de confiance présentée aux coworkers."),
        2: (MilestoneStatus.DONE, "Atelier « Tiers-lieu, c'est quoi ? » avec Arsenic et SKEMA."),
        3: (MilestoneStatus.DONE, "Questionnaire aux usagers du coworking : 48 réponses."),
        4: (MilestoneStatus.IN_PROGRESS, ""),
    },
    "centre-social-jean-paul-coste": {
        0: (MilestoneStatus.DONE, "Diagnostic partagé avec le conseil d'administration."),
        1: (MilestoneStatus.IN_PROGRESS, ""),
        2: (MilestoneStatus.DONE, "Repair café avec une association de quartier et SKEMA."),
        3: (MilestoneStatus.IN_PROGRESS, ""),
    },
    "le-hublot-les-satellites": {
        0: (MilestoneStatus.DONE, "Auto-positionnement réalisé lors de la première visite."),
        1: (MilestoneStatus.DONE, "Une carte par satellite, réunies sur OpenStreetMap."),
        2: (MilestoneStatus.DONE, "Open plateau de télévision citoyenne avec O2Zone et Arsenic."),
    },
}

# username, first name, last name, organisation slug, role
ACCOUNTS = [
    ("region", "Claire", "Durand", "region-sud", Role.REGION_OFFICER),
    ("coach", "Camille", "Martin", "openscop", Role.RESOURCE_PERSON),
    ("boate", "Léa", "Bernard", "made-in-la-boate", Role.ERIC_TEAM),
    ("coste", "Karim", "Benali", "centre-social-jean-paul-coste", Role.ERIC_TEAM),
    ("hublot", "Julie", "Rossi", "le-hublot-les-satellites", Role.ERIC_TEAM),
    ("mouans", "Marc", "Giraud", "eric-mediatheque-mouans-sartoux", Role.ERIC_TEAM),
    ("openscop", "Nicolas", "Perret", "openscop", Role.PARTNER),
    ("skema", "Sophie", "Lambert", "skema-business-school", Role.PARTNER),
    ("editor", "Inès", "Moreau", "region-sud", Role.EDITOR),
]


def load_accompaniment() -> tuple:
    """Create or complete the programme, its organisations, accounts, trajectories,
    journal and maturity grids; return ``(programme, organisations, users)``."""
    organisations = {}
    for data in ORGANISATIONS:
        data = dict(data)
        slug = data.pop("slug")
        organisation, _ = Organisation.objects.get_or_create(slug=slug, defaults=data)
        organisations[slug] = organisation

    programme, _ = Programme.objects.get_or_create(
        slug=PROGRAMME["slug"],
        defaults={
            **PROGRAMME,
            "start_date": programme_start(timezone.localdate()),
            "funder": organisations["region-sud"],
        },
    )
    cal = DemoCalendar(programme.start_date)
    for indicator, value, basis, pilot, rule in TARGETS:
        Target.objects.get_or_create(
            programme=programme,
            indicator=indicator,
            pilot=pilot,
            defaults={"value": value, "basis": basis, "counting_rule": rule},
        )

    User = get_user_model()
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"first_name": "Admin", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=admin, organisation=organisations["region-sud"], role=Role.ADMINISTRATOR
    )

    users = {"admin": admin}
    for username, first_name, last_name, org_slug, role in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.trajectoires.localhost",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, organisation=organisations[org_slug], role=role)
        users[username] = user

    # Editors publish the public site through Wagtail's moderators group.
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators:
        users["editor"].groups.add(moderators)

    for eric in Organisation.objects.erics().filter(slug__in=organisations):
        accompaniment, _ = Accompaniment.objects.get_or_create(
            programme=programme,
            eric=eric,
            defaults={
                "start_date": programme.start_date,
                "end_date": programme.end_date,
                "status": AccompanimentStatus.ACTIVE,
            },
        )
        accompaniment.resource_persons.add(users["coach"])
        if not accompaniment.milestones.exists():
            plan = PILOT_1_MILESTONES if eric.pilot == Pilot.EPHEMERAL else PILOT_2_MILESTONES
            progress = PROGRESS.get(eric.slug, {})
            Milestone.objects.bulk_create(
                [
                    _milestone(accompaniment, index, title, due.on(cal), progress)
                    for index, (title, due) in enumerate(plan)
                ]
            )

    _load_journal(programme, cal, organisations, users)
    _load_maturity(programme, cal, users)
    return programme, organisations, users


def _milestone(accompaniment, index, title, due_date, progress):
    status, evidence = progress.get(index, (MilestoneStatus.PLANNED, ""))
    return Milestone(
        accompaniment=accompaniment,
        title=title,
        due_date=due_date,
        status=status,
        evidence_note=evidence,
        completed_on=(
            due_date - datetime.timedelta(days=6) if status == MilestoneStatus.DONE else None
        ),
    )


# --- Coaching journal ----------------------------------------------------------------
# The hotline is held every Tuesday morning from the programme's start (and on its first
# day when that week has no Tuesday in the programme), closed for Christmas; animations
# are co-organised each month with every pilot-2 ERIC. Dates after today are left
# planned: on the load day, months 1 to 4 are behind and month 5 is under way.

# fmt: off
# (ERIC slug, Tuesday, hour:minute, minutes, channel, topics, caller, role, summary, shared)
HOTLINE_CALLS = [
    ("made-in-la-boate", Nth(1, TUESDAY, 1), (9, 30), 20, CallChannel.PHONE,
     [HotlineTopic.PROJECT, HotlineTopic.PLATFORM], "Léa Bernard", "coordinatrice",
     "Ouverture du wiki commun : qui crée les comptes des coworkers ?", True),
    ("le-hublot-les-satellites", Nth(1, TUESDAY, 2), (10, 0), 15, CallChannel.PHONE,
     [HotlineTopic.ANIMATION], "Julie Rossi", "animatrice",
     "Préparer l'open plateau du mois avec O2Zone : matériel et autorisations.", True),
    ("centre-social-jean-paul-coste", Nth(1, TUESDAY, 3), (9, 15), 30, CallChannel.VIDEO,
     [HotlineTopic.TEAM, HotlineTopic.PROJECT], "Karim Benali", "directeur",
     "Résistances dans l'équipe au changement d'horaires ; proposer un temps d'échange.",
     False),
    ("made-in-la-boate", Nth(1, TUESDAY, 4), (11, 0), 10, CallChannel.EMAIL,
     [HotlineTopic.COMMUNICATION], "Léa Bernard", "coordinatrice",
     "Relecture de l'invitation à l'atelier « Tiers-lieu, c'est quoi ? ».", True),
    ("le-hublot-les-satellites", Nth(2, TUESDAY, 1), (9, 45), 25, CallChannel.PHONE,
     [HotlineTopic.FUNDING], "Julie Rossi", "animatrice",
     "Appel à projets départemental : éligibilité des Satellites.", True),
    ("centre-social-jean-paul-coste", Nth(2, TUESDAY, 2), (10, 30), 15, CallChannel.PHONE,
     [HotlineTopic.ANIMATION, HotlineTopic.TECHNICAL], "Karim Benali", "directeur",
     "Atelier parents-enfants : quels outils pour les tablettes ?", True),
    ("made-in-la-boate", Nth(2, TUESDAY, 3), (9, 30), 40, CallChannel.ON_SITE,
     [HotlineTopic.NETWORK, HotlineTopic.PROJECT], "Léa Bernard", "coordinatrice",
     "Rejoindre MoviLab : documenter le coworking comme une expérimentation.", True),
    ("le-hublot-les-satellites", Nth(3, TUESDAY, 1), (10, 15), 15, CallChannel.PHONE,
     [HotlineTopic.TECHNICAL], "", "",
     "Imprimante 3D en panne avant l'atelier ; contact d'un fablab voisin donné.", True),
    ("centre-social-jean-paul-coste", Nth(3, TUESDAY, 2), (9, 0), 20, CallChannel.VIDEO,
     [HotlineTopic.FUNDING, HotlineTopic.PROJECT], "Karim Benali", "directeur",
     "Budget de l'an prochain : intégrer les recettes de location de salle.", False),
    ("made-in-la-boate", Nth(3, TUESDAY, 3), (11, 15), 15, CallChannel.PHONE,
     [HotlineTopic.ANIMATION], "Léa Bernard", "coordinatrice",
     "Compte rendu du hackathon : qui l'écrit, et avec quelles photos ?", True),
    ("centre-social-jean-paul-coste", Nth(4, TUESDAY, 1), (9, 30), 25, CallChannel.PHONE,
     [HotlineTopic.ANIMATION, HotlineTopic.COMMUNICATION], "Karim Benali", "directeur",
     "Café des parents connectés : comment toucher les familles qui ne viennent pas ?",
     True),
    ("le-hublot-les-satellites", Nth(4, TUESDAY, 2), (10, 0), 20, CallChannel.VIDEO,
     [HotlineTopic.NETWORK], "Julie Rossi", "animatrice",
     "Mettre en relation les Satellites avec un tiers-lieu rural du réseau Cantines.", True),
    ("made-in-la-boate", Nth(5, TUESDAY, 1), (9, 45), 15, CallChannel.PHONE,
     [HotlineTopic.PROJECT], "Léa Bernard", "coordinatrice",
     "Préparer la grille « mi-parcours » avec les coworkers.", True),
]

# (ERIC slug, day, hour:minute, minutes, format, participants, objectives, notes,
#  next steps, milestone index)
COACHING_SESSIONS = [
    ("made-in-la-boate", Nth(1, THURSDAY, 4), (14, 0), 120, SessionFormat.ON_SITE,
     "Léa Bernard, deux coworkers, Camille Martin",
     "Remplir ensemble la grille de maturité.",
     "Forte envie d'ouvrir le lieu aux associations du quartier.",
     "Restituer la grille aux coworkers le mois prochain.", 0),
    ("centre-social-jean-paul-coste", Nth(1, TUESDAY, LAST), (14, 0), 90,
     SessionFormat.TEAM_MEETING,
     "Équipe du centre social, Camille Martin",
     "Partager le diagnostic de départ avec l'équipe.",
     "Le conseil d'administration soutient la démarche.",
     "Identifier les partenaires du quartier pour la cartographie.", 0),
    ("le-hublot-les-satellites", Nth(2, THURSDAY, 2), (15, 0), 60, SessionFormat.REMOTE,
     "Julie Rossi, Camille Martin",
     "Préparer la première cartographie des cercles de confiance.",
     "Les Satellites ont chacun leurs partenaires : une carte par lieu ?",
     "Lister les partenaires de chaque satellite.", 1),
    ("made-in-la-boate", Nth(3, THURSDAY, 1), (9, 30), 90, SessionFormat.ON_SITE,
     "Léa Bernard, Camille Martin",
     "Qui sont nos usagers, et pour quoi faire ?",
     "Premières pistes pour la communauté d'usagers.",
     "Questionnaire court aux usagers du coworking.", 3),
    ("centre-social-jean-paul-coste", Nth(4, THURSDAY, 2), (10, 0), 90, SessionFormat.ON_SITE,
     "Karim Benali, deux animatrices, Camille Martin",
     "Relancer la cartographie des cercles de confiance.",
     "Les associations du quartier sont prêtes à figurer sur la carte.",
     "Saisir les entrées sur la plateforme avant la fin du mois.", 1),
    ("le-hublot-les-satellites", Nth(4, MONDAY, 3), (15, 0), 60, SessionFormat.REMOTE,
     "Julie Rossi, Camille Martin",
     "Qui vient aux Satellites, et pour quoi faire ?",
     "Les jeunes de l'open plateau forment déjà une communauté.",
     "Interroger les habitués de chaque satellite.", 3),
]

# (ERIC slug, title, day, hour:minute, hours, format, place, audiences, partner slugs,
#  SKEMA present, documentation: None, or (report, what worked, what to change,
#  {audience: count}))
ANIMATIONS = [
    ("made-in-la-boate", "Atelier « Tiers-lieu, c'est quoi ? »", Nth(1, THURSDAY, 4),
     (18, 0), 2.5, AnimationFormat.WORKSHOP, "La Bo[a]te, Marseille",
     "coworkers, associations du quartier", ["arsenic-paca", "skema-business-school"], True,
     ("Vingt-deux personnes ont imaginé le lieu idéal en petits groupes.",
      "Le format en petits groupes.", "Commencer plus tôt : 18 h, c'est tard.",
      {"attendance_residents": 14, "attendance_professionals": 8})),
    ("made-in-la-boate", "Repair café de la Bo[a]te", Nth(2, THURSDAY, 3), (17, 0), 3,
     AnimationFormat.REPAIR_CAFE, "La Bo[a]te, Marseille", "habitants du quartier",
     ["openscop", "o2zone"], False,
     ("Dix-huit objets réparés sur vingt-cinq apportés, un plateau filmé par O2Zone.",
      "La présence de bénévoles bricoleurs.", "Prévoir plus de prises électriques.",
      {"attendance_residents": 25, "attendance_young": 4})),
    ("made-in-la-boate", "Hackathon des données du quartier", Nth(3, FRIDAY, 2), (9, 0), 8,
     AnimationFormat.HACKATHON, "La Bo[a]te, Marseille", "développeurs, habitants",
     ["movilab", "skema-business-school"], True, None),
    ("made-in-la-boate", "Soirée coworkers et associations du quartier",
     Nth(4, THURSDAY, 2), (18, 0), 2, AnimationFormat.WORKSHOP, "La Bo[a]te, Marseille",
     "coworkers, associations", ["association-des-createurs-du-panier", "arsenic-paca"], False,
     ("Huit associations ont présenté leurs projets aux coworkers ; deux partenariats.",
      "Les présentations en trois minutes.", "Inviter aussi les commerçants.",
      {"attendance_professionals": 19, "attendance_residents": 7})),
    ("made-in-la-boate", "Atelier « Décider ensemble »", Nth(5, THURSDAY, 3), (18, 0), 2,
     AnimationFormat.WORKSHOP, "La Bo[a]te, Marseille", "coworkers, usagers",
     ["openscop", "skema-business-school"], True, None),
    ("centre-social-jean-paul-coste", "Repair café du centre social", Nth(1, SATURDAY, 4),
     (14, 0), 3, AnimationFormat.REPAIR_CAFE, "Centre social Jean Paul Coste",
     "familles du quartier", ["acidd", "skema-business-school"], True,
     ("Une après-midi conviviale : vélos, petit électroménager, smartphones.",
      "Le goûter partagé.", "Mieux annoncer l'événement à l'avance.",
      {"attendance_residents": 31, "attendance_young": 9})),
    ("centre-social-jean-paul-coste", "Atelier numérique parents-enfants",
     Nth(2, WEDNESDAY, 3), (14, 30), 2, AnimationFormat.WORKSHOP,
     "Centre social Jean Paul Coste", "parents et enfants", ["arsenic-paca"], False,
     ("Douze binômes parent-enfant ont créé une courte histoire animée.",
      "L'entraide entre familles.", "Chercher un second partenaire.",
      {"attendance_residents": 24})),
    ("centre-social-jean-paul-coste", "Conférence : centres sociaux et tiers-lieux",
     Nth(3, WEDNESDAY, 3), (18, 30), 2, AnimationFormat.CONFERENCE,
     "Salle polyvalente, Aix-en-Provence", "élus, professionnels", ["openscop", "movilab"],
     False,
     ("Quarante personnes ; témoignages du Comptoir Numérique de Saint-Étienne.",
      "Le témoignage d'OpenScop.", "Laisser plus de temps aux questions.",
      {"attendance_professionals": 22, "attendance_officials": 6, "attendance_residents": 12})),
    ("centre-social-jean-paul-coste", "Café des parents connectés", Nth(4, WEDNESDAY, 2),
     (14, 30), 2, AnimationFormat.WORKSHOP, "Centre social Jean Paul Coste",
     "parents", ["acidd", "skema-business-school"], True,
     ("Quinze parents : contrôle parental, temps d'écran, démarches en ligne.",
      "Les questions posées en amont par écrit.", "Prévoir une garde d'enfants.",
      {"attendance_residents": 15})),
    ("centre-social-jean-paul-coste", "Repair café de mi-parcours", Nth(5, SATURDAY, LAST),
     (14, 0), 3, AnimationFormat.REPAIR_CAFE, "Centre social Jean Paul Coste",
     "familles du quartier", ["acidd", "openscop"], False, None),
    ("le-hublot-les-satellites", "Open plateau de télévision citoyenne",
     Nth(1, WEDNESDAY, LAST), (17, 0), 3, AnimationFormat.OPEN_PLATEAU, "Le Hublot, Nice",
     "jeunes, habitants", ["o2zone", "arsenic-paca"], False,
     ("Trois émissions tournées en direct par des jeunes du quartier.",
      "L'énergie des jeunes à l'antenne.", "Mieux sonoriser la salle.",
      {"attendance_young": 17, "attendance_residents": 9})),
    ("le-hublot-les-satellites", "Portes ouvertes des Satellites", Nth(2, WEDNESDAY, 4),
     (10, 0), 6, AnimationFormat.OPEN_DAY, "Les Satellites, Nice", "tout public",
     ["openscop", "skema-business-school"], True,
     ("Visite des trois lieux satellites, démonstrations et inscriptions.",
      "Le parcours entre les lieux.", "Un plan plus lisible.",
      {"attendance_residents": 46, "attendance_officials": 3})),
    ("le-hublot-les-satellites", "Atelier fabrication numérique", Nth(3, FRIDAY, 3),
     (14, 0), 3, AnimationFormat.WORKSHOP, "Le Hublot, Nice", "jeunes, makers",
     ["movilab", "acidd"], False,
     ("Initiation à la découpe laser et à l'impression 3D.",
      "Les réalisations emportées par chacun.", "Limiter à douze participants.",
      {"attendance_young": 12})),
    ("le-hublot-les-satellites", "Atelier vidéo citoyenne", Nth(4, WEDNESDAY, 2), (17, 0),
     3, AnimationFormat.WORKSHOP, "Le Hublot, Nice", "jeunes", ["o2zone", "movilab"], True,
     ("Dix jeunes ont monté un reportage sur leur quartier, diffusé à l'open plateau.",
      "Le tournage dans la rue.", "Plus de temps pour le montage.",
      {"attendance_young": 10})),
    ("le-hublot-les-satellites", "Open plateau : la parole aux Satellites",
     Nth(5, WEDNESDAY, 3), (17, 0), 3, AnimationFormat.OPEN_PLATEAU, "Le Hublot, Nice",
     "habitants, jeunes", ["o2zone", "arsenic-paca"], False, None),
    ("eric-mediatheque-mouans-sartoux", "Fête du Miel : tiers-lieu éphémère et open plateau",
     Nth(8, SUNDAY, LAST), (10, 0), 8, AnimationFormat.OPEN_PLATEAU,
     "Médiathèque de Mouans-Sartoux", "visiteurs de la fête",
     ["o2zone", "openscop", "skema-business-school"], True, None),
]
# fmt: on


def _load_journal(programme, cal, organisations, users) -> None:
    """Hotline, sessions and animations of the demo; records are found by natural key."""
    coach = users["coach"]
    now = timezone.now()
    accompaniments = {
        a.eric.slug: a
        for a in Accompaniment.objects.filter(programme=programme).select_related(
            "eric", "programme"
        )
    }

    until = min(timezone.localdate(), programme.end_date)
    held_days = [day for day in cal.tuesdays(until) if not in_christmas_break(day)]
    if programme.start_date.weekday() > TUESDAY:  # a first week without its Tuesday
        held_days.insert(0, programme.start_date)
    for day in held_days:
        if not HotlineSlot.objects.filter(programme=programme, held_on=day).exists():
            services.hotline_slot_hold(by=coach, programme=programme, held_on=day)

    for slug, day, (
        hour,
        minute,
    ), minutes, channel, topics, name, role, summary, shared in HOTLINE_CALLS:
        started_at = at(outside_christmas(day.on(cal)), hour, minute)
        accompaniment = accompaniments[slug]
        if (
            started_at > now
            or HotlineCall.objects.filter(
                accompaniment=accompaniment, started_at=started_at
            ).exists()
        ):
            continue
        services.hotline_call_create(
            by=coach,
            accompaniment=accompaniment,
            started_at=started_at,
            duration_minutes=minutes,
            channel=channel,
            topics=topics,
            summary=summary,
            caller_name=name,
            caller_role=role,
            visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
        )

    for (
        slug,
        day,
        (hour, minute),
        minutes,
        session_format,
        participants,
        objectives,
        notes,
        steps,
        index,
    ) in COACHING_SESSIONS:
        started_at = at(outside_christmas(day.on(cal)), hour, minute)
        accompaniment = accompaniments[slug]
        if (
            started_at > now
            or CoachingSession.objects.filter(
                accompaniment=accompaniment, started_at=started_at
            ).exists()
        ):
            continue
        milestones = list(accompaniment.milestones.order_by("due_date", "pk"))
        services.coaching_session_create(
            by=coach,
            accompaniment=accompaniment,
            started_at=started_at,
            duration_minutes=minutes,
            format=session_format,
            participants=participants,
            objectives=objectives,
            notes=notes,
            next_steps=steps,
            milestone=milestones[index] if index < len(milestones) else None,
            visibility=Visibility.SHARED,
        )

    # A neighbourhood association of Made in la Boate's trust circles, added on the spot
    # by the resource person as a local co-organiser (found by name when loaded again).
    panier, _created = partner_find_or_create(
        by=coach,
        local_to=organisations["made-in-la-boate"],
        **LOCAL_PARTNER,
    )
    organisations[panier.slug] = panier

    for (
        slug,
        title,
        day,
        (hour, minute),
        hours,
        animation_format,
        place,
        audiences,
        partner_slugs,
        skema_present,
        documentation,
    ) in ANIMATIONS:
        accompaniment = accompaniments[slug]
        if Animation.objects.filter(accompaniment=accompaniment, title=title).exists():
            continue
        starts_at = at(outside_christmas(day.on(cal)), hour, minute)
        held = starts_at + datetime.timedelta(hours=hours) < now
        animation = services.animation_create(
            by=coach,
            accompaniment=accompaniment,
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=hours),
            format=animation_format,
            place=place,
            intended_audiences=audiences,
            status=AnimationStatus.HELD if held else AnimationStatus.PLANNED,
            skema_present=skema_present,
            public_announcement=not held,
            co_organisers=[organisations[partner] for partner in partner_slugs],
        )
        if held and documentation:
            report, worked, to_change, attendance = documentation
            services.animation_document(
                by=coach,
                animation=animation,
                report_what_happened=report,
                report_what_worked=worked,
                report_what_to_change=to_change,
                **attendance,
            )

    starts_on = FEDERATING_EVENT["starts_on"].on(cal)
    if not FederatingEvent.objects.filter(
        programme=programme, name=FEDERATING_EVENT["name"]
    ).exists():
        services.federating_event_create(
            by=coach,
            programme=programme,
            participations={
                accompaniments[slug]: role for slug, role in FEDERATING_EVENT["participations"]
            },
            **{
                key: value
                for key, value in FEDERATING_EVENT.items()
                if key not in ("participations", "starts_on")
            },
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=1),
        )


LOCAL_PARTNER = {
    "name": "Association des créateurs du Panier",
    "kind": OrganisationKind.ASSOCIATION,
    "town": "Marseille",
}

FEDERATING_EVENT = {
    "name": "Rencontre régionale des tiers-lieux et des ERIC",
    "kind": FederatingEventKind.MEETUP,
    "starts_on": Nth(2, FRIDAY, 2),  # two days: Friday and Saturday
    "place": "Friche la Belle de Mai, Marseille",
    "account": (
        "Deux jours de rencontres entre tiers-lieux, ERIC et collectivités : la Bo[a]te a "
        "co-organisé l'atelier « du coworking au tiers-lieu », le centre social Jean Paul "
        "Coste a témoigné de son diagnostic, le Hublot a tenu un stand de fabrication."
    ),
    "participations": [
        ("made-in-la-boate", ParticipationRole.CO_ORGANISER),
        ("centre-social-jean-paul-coste", ParticipationRole.TALK),
        ("le-hublot-les-satellites", ParticipationRole.STAND),
    ],
}


# --- Tiers-lieu maturity grid ----------------------------------------------------------
# Each ERIC's team placed itself on the grid during the « début » window (months 1 and 2)
# and the resource person validated it a week later; « mi-parcours » opens in month 5,
# the load day's month: it waits for the teams.

_C = MaturityCriterion
# fmt: off
# ERIC slug: (submitted on, days until validated, {criterion: (level, comment)}, review)
MATURITY_START = {
    "made-in-la-boate": (
        Nth(1, THURSDAY, 4), 8,
        {
            _C.COMMUNITY: (2, "Les coworkers reviennent et proposent des ateliers."),
            _C.GOVERNANCE: (1, "Les décisions se prennent encore entre salariés."),
            _C.ECONOMIC_MODEL: (2, "Locations de bureaux et prestations, sans subvention dédiée."),
            _C.SERVICES: (3, "Coworking, ateliers, accompagnement d'entrepreneurs."),
            _C.OPENNESS: (2, ""),
            _C.DOCUMENTATION: (1, "Quelques comptes rendus, rien de publié."),
        },
        "Un point de départ lucide. Priorité d'ici la mi-parcours : associer les "
        "coworkers aux décisions.",
    ),
    "centre-social-jean-paul-coste": (
        Nth(1, TUESDAY, LAST), 7,
        {
            _C.COMMUNITY: (3, "Les familles du quartier portent déjà plusieurs activités."),
            _C.GOVERNANCE: (2, "Le conseil d'administration associe des habitants."),
            _C.ECONOMIC_MODEL: (1, "Presque tout vient de la CAF et de la Ville."),
            _C.SERVICES: (1, "L'ERIC propose surtout l'accès et l'initiation."),
            _C.OPENNESS: (2, ""),
            _C.DOCUMENTATION: (0, ""),
        },
        "Validée. La location de salle évoquée au téléphone est une première piste de "
        "recettes propres.",
    ),
    "le-hublot-les-satellites": (
        Nth(2, THURSDAY, 2), 6,
        {
            _C.COMMUNITY: (2, ""),
            _C.GOVERNANCE: (1, "Chaque satellite décide de son côté."),
            _C.ECONOMIC_MODEL: (1, ""),
            _C.SERVICES: (2, "Fablab et open plateau réguliers au Hublot."),
            _C.OPENNESS: (3, "Trois lieux, de nombreux partenaires associatifs."),
            _C.DOCUMENTATION: (1, ""),
        },
        "Validée après la première visite.",
    ),
    "eric-mediatheque-mouans-sartoux": (
        Nth(2, TUESDAY, 3), 7,
        {
            _C.COMMUNITY: (1, "Le public de la médiathèque, peu de liens entre usagers."),
            _C.GOVERNANCE: (0, ""),
            _C.ECONOMIC_MODEL: (0, "Budget municipal uniquement."),
            _C.SERVICES: (1, "Préparation du tiers-lieu éphémère de la Fête du Miel."),
            _C.OPENNESS: (2, "La médiathèque accueille tous les publics."),
            _C.DOCUMENTATION: (1, ""),
        },
        "",
    ),
}
# fmt: on


def _load_maturity(programme, cal, users) -> None:
    """The validated « début » grid of each ERIC, made through the services by its team
    and the resource person, then dated as it happened. Dates after today are skipped."""
    team_of = {org: username for username, _f, _l, org, role in ACCOUNTS if role == Role.ERIC_TEAM}
    now = timezone.now()
    accompaniments = Accompaniment.objects.filter(programme=programme).select_related(
        "eric", "programme"
    )
    for accompaniment in accompaniments:
        data = MATURITY_START.get(accompaniment.eric.slug)
        if (
            data is None
            or accompaniment.maturity_assessments.filter(phase=MaturityPhase.START).exists()
        ):
            continue
        submitted_on, days, scores, review = data
        submitted_at = at(submitted_on.on(cal), 17)
        validated_at = at(submitted_on.on(cal) + datetime.timedelta(days=days), 10)
        if submitted_at > now:
            continue
        team = users[team_of[accompaniment.eric.slug]]
        assessment = services.maturity_assessment_save_draft(
            by=team,
            accompaniment=accompaniment,
            phase=MaturityPhase.START,
            levels={criterion: level for criterion, (level, _c) in scores.items()},
            comments={criterion: comment for criterion, (_l, comment) in scores.items()},
            today=submitted_at.date(),
        )
        services.maturity_assessment_submit(by=team, assessment=assessment)
        dates = {"created_at": submitted_at, "submitted_at": submitted_at}
        if validated_at <= now:
            services.maturity_assessment_validate(
                by=users["coach"], assessment=assessment, comment=review
            )
            dates["reviewed_at"] = validated_at
        # The services stamp the present moment; the demo dates each step as it happened.
        MaturityAssessment.objects.filter(pk=assessment.pk).update(
            updated_at=max(dates.values()), **dates
        )
