"""Demo trainings of the real programme (seeds/004), set in the current edition.

The three quarterly trainings for the ERIC teams, OpenScop, the resource person, Arsenic
and the Region (the first one held in month 3, attendance marked; the second one comes
in month 6, after the load day: ``demo.dates``); the preparatory day
of pilot 1 (training in the morning, a game in the afternoon) and O2Zone's
citizen-media training-action at the Médiathèque de Mouans-Sartoux. Running it again
changes nothing: records are found by their natural keys first.
"""

from trainings.enums import (
    AttendanceStatus,
    ParticipantRole,
    RegistrationStatus,
    SessionSlot,
    TrainingKind,
)
from trainings.models import Attendance, Evaluation, Registration, Training, TrainingSession
from trainings.services import sync_training_agenda

from .dates import FRIDAY, THURSDAY, DemoCalendar, Nth, at

MORNING = (SessionSlot.MORNING, (9, 30), (12, 30))
AFTERNOON = (SessionSlot.AFTERNOON, (14, 0), (17, 0))

TRAININGS = [
    {
        "title": "Formation trimestrielle n° 1 — De l'ERIC au tiers-lieu",
        "kind": TrainingKind.QUARTERLY,
        "quarter": 1,
        "place": "La Bo[a]te, 35 rue de la Paix, 13001 Marseille",
        "capacity": 15,
        "trainers": ["openscop"],
        "objectives": (
            "Comprendre ce qui fait un tiers-lieu (communauté, ouverture, convivialité) et "
            "situer chaque ERIC sur sa trajectoire ; découvrir la méthode « code source » "
            "de MoviLab."
        ),
        "agenda": (
            "Matin : tiers-lieux, définitions et exemples (Comptoir Numérique, Cantines).\n"
            "Après-midi : atelier sur la communauté d'usagers de chaque ERIC."
        ),
        "sessions": [
            (Nth(3, THURSDAY, 3), MORNING, "Tiers-lieux : définitions, exemples, code source"),
            (Nth(3, THURSDAY, 3), AFTERNOON, "Atelier : la communauté d'usagers de chaque ERIC"),
        ],
    },
    {
        "title": "Formation trimestrielle n° 2 — Gouvernance partagée et communauté",
        "kind": TrainingKind.QUARTERLY,
        "quarter": 2,
        "place": "Centre Social Jean Paul Coste, Aix-en-Provence",
        "capacity": 15,
        "trainers": ["openscop"],
        "objectives": "Associer usagers et partenaires aux décisions du lieu.",
        "agenda": "Matin : modèles de gouvernance.\nAprès-midi : cercles de confiance.",
        "sessions": [
            (Nth(6, THURSDAY, 2), MORNING, "Modèles de gouvernance partagée"),
            (Nth(6, THURSDAY, 2), AFTERNOON, "Cartographier ses cercles de confiance"),
        ],
    },
    {
        "title": "Formation trimestrielle n° 3 — Modèle économique hybride",
        "kind": TrainingKind.QUARTERLY,
        "quarter": 3,
        "place": "Le Hublot, Nice",
        "capacity": 15,
        "trainers": ["openscop"],
        "objectives": "Construire un modèle économique mêlant services, coworking et partenariats.",
        "agenda": "Matin : sources de revenus d'un tiers-lieu.\nAprès-midi : feuille de route.",
        "sessions": [
            (Nth(9, THURSDAY, 3), MORNING, "Les sources de revenus d'un tiers-lieu"),
            (Nth(9, THURSDAY, 3), AFTERNOON, "Feuille de route à trois ans"),
        ],
    },
    {
        "title": "Journée préparatoire du tiers-lieu éphémère",
        "kind": TrainingKind.PREPARATORY_DAY,
        "quarter": None,
        "place": "Médiathèque de Mouans-Sartoux",
        "capacity": 20,
        "trainers": ["openscop"],
        "objectives": (
            "Préparer l'équipe de l'ERIC et les bénévoles à faire vivre le tiers-lieu "
            "éphémère et l'open plateau pendant la Fête du Miel."
        ),
        "agenda": "Matin : formation.\nAprès-midi : jeu de mise en situation.",
        "sessions": [
            (Nth(7, FRIDAY, 3), MORNING, "Formation : animer un tiers-lieu éphémère"),
            (Nth(7, FRIDAY, 3), AFTERNOON, "Jeu : mise en situation de l'open plateau"),
        ],
    },
    {
        "title": "Formation-action aux médias numériques participatifs citoyens",
        "kind": TrainingKind.CITIZEN_MEDIA,
        "quarter": None,
        "place": "Médiathèque de Mouans-Sartoux",
        "capacity": 12,
        "trainers": ["o2zone"],
        "public_registration": True,
        "objectives": (
            "Donner aux habitants, aux agents et aux associations les moyens de filmer, "
            "interviewer et diffuser sur l'open plateau de télévision citoyenne."
        ),
        "agenda": "Matin : écrire et tourner un reportage.\nAprès-midi : plateau en direct.",
        "sessions": [
            (Nth(8, FRIDAY, 2), MORNING, "Écrire et tourner un reportage citoyen"),
            (Nth(8, FRIDAY, 2), AFTERNOON, "Animer un plateau en direct"),
        ],
    },
]

# First quarterly training: who came, in what role, and their attendance (morning, afternoon).
FIRST_TRAINING_PARTICIPANTS = [
    ("boate", ParticipantRole.ERIC_TEAM, (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT)),
    ("coste", ParticipantRole.ERIC_TEAM, (AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED)),
    ("hublot", ParticipantRole.ERIC_TEAM, (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT)),
    (
        "coach",
        ParticipantRole.RESOURCE_PERSON,
        (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT),
    ),
    ("region", ParticipantRole.REGION_OFFICER, (AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)),
]
FIRST_TRAINING_EVALUATIONS = {
    "boate": (5, 4, 5, 4, "Très concret : on repart avec une grille pour notre communauté."),
    "hublot": (4, 5, 4, 3, "La salle était un peu petite pour l'atelier de l'après-midi."),
}


def _organisation_of(user):
    membership = user.memberships.select_related("organisation").first()
    return membership.organisation if membership else None


def load_demo_trainings(programme, users: dict, organisations: dict) -> list[Training]:
    cal = DemoCalendar(programme.start_date)
    trainings = []
    for data in TRAININGS:
        data = dict(data)
        sessions = data.pop("sessions")
        trainer_slugs = data.pop("trainers")
        training, created = Training.objects.get_or_create(
            programme=programme,
            title=data.pop("title"),
            defaults={**data, "created_by": users.get("openscop")},
        )
        if created:
            training.trainer_organisations.set([organisations[slug] for slug in trainer_slugs])
            if "openscop" in trainer_slugs and "openscop" in users:
                training.trainers.add(users["openscop"])
        for day, (slot, start, end), activity in sessions:
            day = day.on(cal)
            TrainingSession.objects.get_or_create(
                training=training,
                starts_at=at(day, *start),
                defaults={"slot": slot, "ends_at": at(day, *end), "activity": activity},
            )
        sync_training_agenda(training)
        trainings.append(training)

    first = trainings[0]
    first_sessions = list(first.sessions.order_by("starts_at"))
    for username, role, statuses in FIRST_TRAINING_PARTICIPANTS:
        user = users[username]
        registration = _registration(first, user, role)
        for session, status in zip(first_sessions, statuses, strict=True):
            Attendance.objects.get_or_create(
                registration=registration,
                session=session,
                defaults={"status": status, "marked_by": users["openscop"]},
            )
        if username in FIRST_TRAINING_EVALUATIONS:
            content, facilitation, usefulness, organisation, comment = FIRST_TRAINING_EVALUATIONS[
                username
            ]
            Evaluation.objects.get_or_create(
                registration=registration,
                defaults={
                    "content_score": content,
                    "facilitation_score": facilitation,
                    "usefulness_score": usefulness,
                    "organisation_score": organisation,
                    "comment": comment,
                },
            )
    _registration(first, users["openscop"], ParticipantRole.TRAINER)
    # The second training is open: the resource person has registered already.
    _registration(trainings[1], users["coach"], ParticipantRole.RESOURCE_PERSON)
    _registration(trainings[4], users["mouans"], ParticipantRole.ERIC_TEAM)
    return trainings


def _registration(training, user, role) -> Registration:
    registration = (
        Registration.objects.active().filter(training=training, email__iexact=user.email).first()
    )
    if registration is None:
        registration = Registration.objects.create(
            training=training,
            user=user,
            full_name=user.get_full_name() or user.get_username(),
            email=user.email,
            organisation=_organisation_of(user),
            role=role,
            status=RegistrationStatus.CONFIRMED,
        )
    return registration
