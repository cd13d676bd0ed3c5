"""Who may see and do what with trainings.

=====================  ==========================  ===============================
who                    sees                        does
=====================  ==========================  ===============================
administrator          every training              everything
resource person        trainings of programmes     creates, manages, marks
                       where they coach an ERIC    attendance, PDFs of everyone
trainer (partner)      every training              creates; manages, marks
                                                   attendance and downloads PDFs
                                                   where their organisation trains
Region officer         programmes it funds         reads everything (participants,
                                                   sheets, certificates, summary)
ERIC team              programmes its ERIC is      registers itself; its own
                       accompanied in              attendance and certificate only
=====================  ==========================  ===============================

Everyone registered to a training sees it. A user's reach is computed once per request
from :func:`coaching.scope.get_scope` plus one query for an ERIC team's programmes.
"""

from dataclasses import dataclass

from coaching.models import Accompaniment
from coaching.scope import get_scope

_CACHE_ATTR = "_trajectoires_training_reach"


@dataclass(frozen=True)
class TrainingReach:
    user_id: int | None = None
    is_authenticated: bool = False
    is_administrator: bool = False
    is_partner: bool = False
    region_programme_ids: frozenset = frozenset()
    managed_programme_ids: frozenset = frozenset()
    team_programme_ids: frozenset = frozenset()
    partner_organisation_ids: frozenset = frozenset()

    @property
    def sees_all_trainings(self) -> bool:
        # Trainers and network delegates are invited to every programme's trainings.
        return self.is_administrator or self.is_partner

    @property
    def readable_programme_ids(self) -> frozenset:
        return self.region_programme_ids | self.managed_programme_ids | self.team_programme_ids

    @property
    def may_create(self) -> bool:
        return self.is_administrator or bool(self.managed_programme_ids) or self.is_partner


ANONYMOUS_REACH = TrainingReach()


def training_reach(user) -> TrainingReach:
    scope = get_scope(user)
    if not scope.is_authenticated:
        return ANONYMOUS_REACH
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    team_programme_ids = frozenset()
    if scope.team_eric_ids:
        team_programme_ids = frozenset(
            Accompaniment.objects.filter(eric_id__in=scope.team_eric_ids).values_list(
                "programme_id", flat=True
            )
        )
    reach = TrainingReach(
        user_id=user.pk,
        is_authenticated=True,
        is_administrator=scope.is_administrator,
        is_partner=scope.is_partner,
        region_programme_ids=scope.region_programme_ids,
        managed_programme_ids=scope.coached_programme_ids,
        team_programme_ids=team_programme_ids,
        partner_organisation_ids=scope.partner_organisation_ids,
    )
    setattr(user, _CACHE_ATTR, reach)
    return reach


def trainer_organisation_ids(training) -> frozenset:
    """The training's trainer organisations, from the prefetch cache when there is one."""
    cache = getattr(training, "_prefetched_objects_cache", {})
    if "trainer_organisations" in cache:
        return frozenset(org.pk for org in cache["trainer_organisations"])
    cached = getattr(training, "_trainer_organisation_ids", None)
    if cached is None:
        cached = frozenset(training.trainer_organisations.values_list("pk", flat=True))
        training._trainer_organisation_ids = cached
    return cached


def can_create_training(user, programme=None) -> bool:
    reach = training_reach(user)
    if programme is None:
        return reach.may_create
    return reach.is_administrator or programme.pk in reach.managed_programme_ids or reach.is_partner


def can_manage_training(user, training) -> bool:
    """Change the training, register others, mark attendance, send the questionnaire."""
    reach = training_reach(user)
    if not reach.is_authenticated:
        return False
    return (
        reach.is_administrator
        or training.programme_id in reach.managed_programme_ids
        or bool(reach.partner_organisation_ids & trainer_organisation_ids(training))
    )


def can_read_training_records(user, training) -> bool:
    """Participants' names and e-mails, attendance sheets, everyone's certificates, summary."""
    reach = training_reach(user)
    return can_manage_training(user, training) or (
        training.programme_id in reach.region_programme_ids
    )


def is_registered(user, training) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return training.registrations.active().filter(user=user).exists()


def can_view_training(user, training) -> bool:
    reach = training_reach(user)
    if not reach.is_authenticated:
        return False
    return (
        reach.sees_all_trainings
        or training.programme_id in reach.readable_programme_ids
        or can_manage_training(user, training)
        or is_registered(user, training)
    )


def can_register_self(user, training) -> bool:
    return can_view_training(user, training)


def can_view_certificate(user, registration) -> bool:
    """A participant's own certificate, or anyone's for those who read the records."""
    if getattr(user, "is_authenticated", False) and registration.user_id == user.pk:
        return True
    return can_read_training_records(user, registration.training)


def can_view_material(user, material) -> bool:
    return can_view_training(user, material.training)
