"""Small builders for tests: plain functions, sensible defaults, keyword-only."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from coaching.enums import AccompanimentStatus, Basis, Indicator
from coaching.models import Accompaniment, Programme, Target
from organisations.enums import OrganisationKind, Pilot, Role
from organisations.models import Membership, Organisation

_sequence = itertools.count(1)


def make_organisation(*, name=None, kind=OrganisationKind.ERIC, **fields) -> Organisation:
    n = next(_sequence)
    name = name or "Organisation %d" % n
    if kind == OrganisationKind.ERIC:
        fields.setdefault("pilot", Pilot.ACCOMPANIMENT)
    return Organisation.objects.create(name=name, slug="org-%d" % n, kind=kind, **fields)


def make_user(*, username=None, organisation=None, role=None, **fields):
    n = next(_sequence)
    user = get_user_model().objects.create_user(
        username=username or "user%d" % n, password="pw", **fields
    )
    if organisation is not None and role is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def make_programme(*, funder=None, start_date=datetime.date(2026, 9, 1), months=10, **fields):
    n = next(_sequence)
    funder = funder or make_organisation(kind=OrganisationKind.FUNDER)
    return Programme.objects.create(
        name=fields.pop("name", "Programme %d" % n),
        slug="programme-%d" % n,
        funder=funder,
        start_date=start_date,
        duration_months=months,
        **fields,
    )


def make_target(
    *, programme, indicator=Indicator.ANIMATIONS, value=30, basis=Basis.PROGRAMME, pilot=""
):
    return Target.objects.create(
        programme=programme, indicator=indicator, value=value, basis=basis, pilot=pilot
    )


def make_accompaniment(*, programme, eric=None, resource_persons=(), **fields):
    eric = eric or make_organisation()
    accompaniment = Accompaniment.objects.create(
        programme=programme,
        eric=eric,
        start_date=fields.pop("start_date", programme.start_date),
        end_date=fields.pop("end_date", programme.end_date),
        status=fields.pop("status", AccompanimentStatus.ACTIVE),
        **fields,
    )
    accompaniment.resource_persons.add(*resource_persons)
    return accompaniment


class World:
    """Two ERIC in one programme, with everyone who works around them.

    ``eric_a`` is coached by ``coach_a``; ``eric_b`` by ``coach_b``; ``team_a`` and
    ``team_b`` are their teams; ``region`` funds the programme; ``partner`` is a partner
    contributor; ``outsider`` has no membership; ``admin`` is an administrator.
    """

    def __init__(self):
        self.region_org = make_organisation(name="Région test", kind=OrganisationKind.FUNDER)
        self.programme = make_programme(funder=self.region_org)
        self.eric_a = make_organisation(name="ERIC A")
        self.eric_b = make_organisation(name="ERIC B")
        self.partner_org = make_organisation(name="Partenaire", kind=OrganisationKind.CONSULTANCY)
        self.coach_a = make_user(
            username="coach_a", organisation=self.partner_org, role=Role.RESOURCE_PERSON
        )
        self.coach_b = make_user(
            username="coach_b", organisation=self.partner_org, role=Role.RESOURCE_PERSON
        )
        self.team_a = make_user(username="team_a", organisation=self.eric_a, role=Role.ERIC_TEAM)
        self.team_b = make_user(username="team_b", organisation=self.eric_b, role=Role.ERIC_TEAM)
        self.region = make_user(
            username="region_officer", organisation=self.region_org, role=Role.REGION_OFFICER
        )
        self.partner = make_user(
            username="partner", organisation=self.partner_org, role=Role.PARTNER
        )
        self.outsider = make_user(username="outsider")
        self.admin = make_user(
            username="platform_admin", organisation=self.region_org, role=Role.ADMINISTRATOR
        )
        self.accompaniment_a = make_accompaniment(
            programme=self.programme, eric=self.eric_a, resource_persons=[self.coach_a]
        )
        self.accompaniment_b = make_accompaniment(
            programme=self.programme, eric=self.eric_b, resource_persons=[self.coach_b]
        )


def ensure_wagtail_root():
    """Recreate what Wagtail's migrations create, after a transactional test's flush."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
