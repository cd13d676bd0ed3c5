"""Demo data: the real programme of the source text (seeds/004), set in the current edition.

The original programme ran in 2012–2013; the demo dates it from September 2026 so that
dashboards show an edition in progress. Every number (3 ERIC accompanied for 10 months,
30 animations, 3 trainings, 10 newsletters, one sheet a month…) is the source's.
Running it again changes nothing: records are found by their natural key first.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from organisations.enums import OrganisationKind, Pilot, Role
from organisations.models import Membership, Organisation

from .enums import AccompanimentStatus, Basis, Indicator, MilestoneStatus
from .models import Accompaniment, Milestone, Programme, Target

DEMO_PASSWORD = "demo"

PROGRAMME = {
    "name": "Trajectoires d'évolution des ERIC en tiers-lieux",
    "slug": "trajectoires-eric-tiers-lieux",
    "start_date": datetime.date(2026, 9, 1),
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

TARGETS = [
    (
        Indicator.ANIMATIONS,
        30,
        Basis.PROGRAMME,
        "Une animation par mois et par ERIC accompagné, co-organisée avec la personne "
        "ressource : elle compte une fois tenue, multi-partenariale et documentée.",
    ),
    (
        Indicator.TRAININGS,
        3,
        Basis.PROGRAMME,
        "Une formation trimestrielle des équipes ERIC, d'OpenScop, de la personne "
        "ressource, d'Arsenic et de la Région ; elle compte une fois tenue, émargement saisi.",
    ),
    (
        Indicator.NEWSLETTERS,
        10,
        Basis.PROGRAMME,
        "Une lettre d'information mensuelle co-produite par les ERIC, la personne "
        "ressource, SKEMA et MoviLab ; elle compte une fois publiée.",
    ),
    (
        Indicator.CODE_SOURCE_SHEETS,
        1,
        Basis.PER_MONTH,
        "Au moins une fiche « code source » publiée par mois dans la base de connaissance.",
    ),
    (
        Indicator.TRUST_CIRCLE_MAPS,
        1,
        Basis.PER_ERIC,
        "Une cartographie des cercles de confiance de chaque tiers-lieu sur OpenStreetMap.",
    ),
    (
        Indicator.FEDERATING_EVENTS,
        1,
        Basis.PER_ERIC,
        "Au moins un événement fédérateur du territoire (fête de quartier, festival, "
        "rencontre, forum) par ERIC.",
    ),
    (
        Indicator.HOTLINE_HALF_DAYS,
        1,
        Basis.PER_WEEK,
        "Une demi-journée de permanence téléphonique par semaine pour les ERIC ; une "
        "semaine compte dès que la permanence est tenue, même sans appel.",
    ),
]

PILOT_2_MILESTONES = [
    ("Diagnostic de départ et auto-positionnement sur la grille de maturité", (2026, 9, 30)),
    ("Première cartographie des cercles de confiance", (2026, 10, 31)),
    ("Première animation multi-partenariale documentée", (2026, 10, 31)),
    ("Communauté d'usagers identifiée : qui vient, et pour quoi faire", (2026, 12, 15)),
    ("Gouvernance partagée esquissée avec usagers et partenaires", (2027, 2, 26)),
    ("Modèle économique hybride : services, coworking, partenariats", (2027, 4, 30)),
    ("Participation à un événement fédérateur du territoire", (2027, 5, 31)),
    ("Bilan et feuille de route tiers-lieu à trois ans", (2027, 6, 30)),
]

PILOT_1_MILESTONES = [
    ("Journée préparatoire d'animation-formation avec OpenScop", (2027, 3, 19)),
    ("Formation-action aux médias numériques participatifs avec O2Zone", (2027, 4, 9)),
    ("Tiers-lieu éphémère et open plateau à la Fête du Miel", (2027, 4, 25)),
    ("Étude des visiteurs et typologie des usages avec SKEMA", (2027, 6, 15)),
]

# What the demo shows as already done, by ERIC slug: {milestone index: evidence}.
PROGRESS = {
    "made-in-la-boate": {
        0: (MilestoneStatus.DONE, "Grille de maturité remplie en équipe le 24 septembre."),
        1: (MilestoneStatus.DONE, "Carte des cercles de confiance présentée aux coworkers."),
        2: (MilestoneStatus.DONE, "Atelier « Tiers-lieu, c'est quoi ? » avec Arsenic et SKEMA."),
        3: (MilestoneStatus.IN_PROGRESS, ""),
    },
    "centre-social-jean-paul-coste": {
        0: (MilestoneStatus.DONE, "Diagnostic partagé avec le conseil d'administration."),
        1: (MilestoneStatus.IN_PROGRESS, ""),
        2: (MilestoneStatus.DONE, "Repair café avec une association de quartier et SKEMA."),
    },
    "le-hublot-les-satellites": {
        0: (MilestoneStatus.DONE, "Auto-positionnement réalisé lors de la première visite."),
        2: (MilestoneStatus.IN_PROGRESS, ""),
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


@transaction.atomic
def load_demo_data(*, stdout=None) -> dict:
    """Create or complete the demo programme; return the accounts."""
    organisations = {}
    for data in ORGANISATIONS:
        data = dict(data)
        slug = data.pop("slug")
        organisation, _ = Organisation.objects.get_or_create(slug=slug, defaults=data)
        organisations[slug] = organisation

    programme, _ = Programme.objects.get_or_create(
        slug=PROGRAMME["slug"],
        defaults={**PROGRAMME, "funder": organisations["region-sud"]},
    )
    for indicator, value, basis, rule in TARGETS:
        Target.objects.get_or_create(
            programme=programme,
            indicator=indicator,
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
                "email": "%s@demo.trajectoires.localhost" % username,
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
                    _milestone(accompaniment, index, title, datetime.date(*due), progress)
                    for index, (title, due) in enumerate(plan)
                ]
            )

    from cms.demo import ensure_home_page, load_public_site

    ensure_home_page(programme)
    load_public_site(programme)
    return users


def _milestone(accompaniment, index, title, due_date, progress):
    status, evidence = progress.get(index, (MilestoneStatus.PLANNED, ""))
    return Milestone(
        accompaniment=accompaniment,
        title=title,
        due_date=due_date,
        status=status,
        evidence_note=evidence,
        completed_on=due_date - datetime.timedelta(days=6)
        if status == MilestoneStatus.DONE
        else None,
    )
