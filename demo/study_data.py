"""Pilot 1's visitor study (seeds/004, « Pilote 1 »): SKEMA's study of the ephemeral
tiers-lieu the Médiathèque de Mouans-Sartoux opens at the Fête du Miel — a digital-practice
space with a citizen-TV « open plateau » in « L'Aquarium », run by the ERIC's team with
OpenScop and O2Zone after the preparatory training day — and the questionnaire's first
version. The festival falls in month 8 (the last Sunday), after the load day: no answer
yet. Idempotent: found by natural keys."""

import datetime

from study import services
from study.enums import (
    DEFAULT_ACTIVITIES,
    DEFAULT_HEARD_OF,
    DEFAULT_MOTIVATIONS,
    SpaceKind,
)
from study.models import MotivationCategory, Questionnaire, Study, StudyEvent
from trainings.models import Training

from .dates import LAST, SUNDAY, DemoCalendar, Nth

STUDY_TITLE = "Étude des visiteurs du tiers-lieu éphémère"
NOTICE = (
    "SKEMA Business School étudie qui vient au tiers-lieu éphémère et pourquoi, pour "
    "comprendre les usages des tiers-lieux. Le questionnaire prend 20 secondes. Il ne "
    "demande ni votre nom ni votre adresse e-mail. Vous pouvez arrêter à tout moment."
)
EVENT_NAME = "Fête du Miel : tiers-lieu éphémère et open plateau"
CATEGORIES = [
    ("Curiosité pour le numérique", "Découvrir un outil, un usage, voir « comment ça marche »."),
    ("Lien social", "Rencontrer, accompagner un proche, faire quelque chose ensemble."),
    ("Expression citoyenne", "Témoigner, donner son avis, parler de la ville ou de la fête."),
]


def load_demo_study(programme, users, organisations):
    skema = organisations["skema-business-school"]
    study, _ = Study.objects.get_or_create(
        programme=programme, title=STUDY_TITLE, defaults={"partner": skema}
    )
    if not Questionnaire.objects.filter(study=study).exists():
        services.questionnaire_save(
            by=users["skema"],
            study=study,
            notice=NOTICE,
            motivations=DEFAULT_MOTIVATIONS,
            heard_of=DEFAULT_HEARD_OF,
            activities=DEFAULT_ACTIVITIES,
            exit_question=True,
        )
    for name, description in CATEGORIES:
        MotivationCategory.objects.get_or_create(
            study=study, name=name, defaults={"description": description}
        )
    if StudyEvent.objects.filter(study=study, name=EVENT_NAME).exists():
        return study
    day = Nth(8, SUNDAY, LAST).on(DemoCalendar(programme.start_date))
    services.event_create(
        by=users["mouans"],
        study=study,
        eric=organisations["eric-mediatheque-mouans-sartoux"],
        name=EVENT_NAME,
        place="Médiathèque de Mouans-Sartoux",
        start_date=day,
        end_date=day,
        opens_at=datetime.time(10),
        closes_at=datetime.time(18),
        spaces=[
            (SpaceKind.DIGITAL_PRACTICE, "Espace de pratiques numériques"),
            (SpaceKind.OPEN_PLATEAU, "L'Aquarium — open plateau de télévision citoyenne"),
            (SpaceKind.WORKSHOP, "Atelier"),
        ],
        team_on_duty=[organisations["openscop"], organisations["o2zone"]],
        preparatory_training=Training.objects.filter(
            programme=programme, title="Journée préparatoire du tiers-lieu éphémère"
        ).first(),
    )
    return study
