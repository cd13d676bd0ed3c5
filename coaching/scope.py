"""A user's reach in the programmes, computed once per request: the :class:`Scope`.

Every permission of the platform (``coaching.perms``, ``agenda.perms``, ``maps.perms``,
``trainings.perms``, the Wagtail editors' rules) and every ``visible_to(user)`` queryset
reads it: whether the user administers the platform, the programmes funded by the
organisation where they are Region officer, the (programme, ERIC) pairs they coach, the
ERIC whose team they belong to, the partner organisations they speak for.

Two queries at most (memberships, then what the user coaches or funds), read through
the user's own relations: this module imports no model, so the models' querysets can
import it.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from organisations.enums import Role

_CACHE_ATTR = "_trajectoires_scope"


@dataclass(frozen=True)
class Scope:
    is_authenticated: bool = False
    is_administrator: bool = False
    roles: frozenset = frozenset()
    region_programme_ids: frozenset = frozenset()
    coached_accompaniment_ids: frozenset = frozenset()
    # (programme_id, eric_id) pairs the user coaches as a resource person.
    coached_pairs: frozenset = frozenset()
    team_eric_ids: frozenset = frozenset()
    partner_organisation_ids: frozenset = frozenset()

    @property
    def sees_everything(self) -> bool:
        return self.is_administrator

    @property
    def is_region_officer(self) -> bool:
        return Role.REGION_OFFICER in self.roles

    @property
    def is_resource_person(self) -> bool:
        return Role.RESOURCE_PERSON in self.roles

    @property
    def is_eric_team(self) -> bool:
        return Role.ERIC_TEAM in self.roles

    @property
    def is_partner(self) -> bool:
        return Role.PARTNER in self.roles

    @property
    def is_editor(self) -> bool:
        return Role.EDITOR in self.roles or self.is_administrator

    @property
    def coached_eric_ids(self) -> frozenset:
        return frozenset(eric_id for _, eric_id in self.coached_pairs)

    @property
    def coached_programme_ids(self) -> frozenset:
        return frozenset(programme_id for programme_id, _ in self.coached_pairs)


ANONYMOUS_SCOPE = Scope()


def get_scope(user) -> Scope:
    """The user's reach, computed once and kept on the user object for the request."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return ANONYMOUS_SCOPE
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached

    memberships = list(user.memberships.values_list("organisation_id", "role"))
    roles = frozenset(role for _, role in memberships)
    is_administrator = user.is_superuser or Role.ADMINISTRATOR in roles

    def organisations(role):
        return [org_id for org_id, r in memberships if r == role]

    region_programme_ids = frozenset()
    if Role.REGION_OFFICER in roles:
        funded = user.memberships.filter(role=Role.REGION_OFFICER).values_list(
            "organisation__funded_programmes", flat=True
        )
        region_programme_ids = frozenset(pk for pk in funded if pk is not None)
    coached = []
    if Role.RESOURCE_PERSON in roles:
        coached = list(user.coached_accompaniments.values_list("pk", "programme_id", "eric_id"))
    scope = Scope(
        is_authenticated=True,
        is_administrator=is_administrator,
        roles=roles,
        region_programme_ids=region_programme_ids,
        coached_accompaniment_ids=frozenset(pk for pk, _, _ in coached),
        coached_pairs=frozenset((programme_id, eric_id) for _, programme_id, eric_id in coached),
        team_eric_ids=frozenset(organisations(Role.ERIC_TEAM)),
        partner_organisation_ids=frozenset(organisations(Role.PARTNER)),
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope (after the user's memberships or accompaniments change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
