"""Which partner organisations an ERIC's animations may name as co-organisers.

An ERIC is offered the partners of the whole programme (organisations that are not
local to any ERIC) and its own: the organisations of its current trust circles, the
partners added on the spot for it (``Organisation.local_to``) and those that already
co-organised one of its animations. Another ERIC's local partners are not offered.

The trust circles belong to ``maps``, a layer above this one: they are read through the
reverse relation ``trust_circle_appearances`` of ``TrustCircleEntry.organisation``,
without importing ``maps`` (an entry names an organisation of the platform when it is
one; ``maps`` keeps that link, this module only reads it).
"""

from dataclasses import dataclass, field

from django.db.models import IntegerField, Q, Value
from django.utils import timezone

from organisations.models import Organisation

from ..models import Animation


def _current_trust_circles(eric_ids, today) -> Q:
    prefix = "trust_circle_appearances__"
    return Q(**{prefix + "eric_id__in": eric_ids, prefix + "since__lte": today}) & (
        Q(**{prefix + "until__isnull": True}) | Q(**{prefix + "until__gt": today})
    )


@dataclass
class PartnerLinks:
    """The ERIC each partner organisation belongs to: ``own`` (a local partner added for
    it, or in its current trust circles) and ``co_organised`` (named in one of its
    animations already)."""

    own: dict[int, set[int]] = field(default_factory=dict)
    co_organised: dict[int, set[int]] = field(default_factory=dict)

    @property
    def organisation_ids(self) -> set[int]:
        return {*self.own, *self.co_organised}

    def is_own(self, organisation: Organisation, eric_id: int) -> bool:
        return eric_id in self.own.get(organisation.pk, ())

    def offers(self, organisation: Organisation, eric_id: int) -> bool:
        """Whether the ERIC may name it: a programme partner, or one of its own."""
        return (
            organisation.local_to_id is None
            or self.is_own(organisation, eric_id)
            or eric_id in self.co_organised.get(organisation.pk, ())
        )


def partner_links(eric_ids) -> PartnerLinks:
    """The partner organisations that belong to these ERIC, and how: one query."""
    eric_ids = list(eric_ids)
    links = PartnerLinks()
    if not eric_ids:
        return links
    today = timezone.localdate()
    partners = Organisation.objects.partners().order_by()
    own, co_organised = Value(1, IntegerField()), Value(0, IntegerField())
    local = (
        partners.filter(local_to_id__in=eric_ids)
        .annotate(own=own)
        .values_list("pk", "local_to_id", "own")
    )
    circles = (
        partners.filter(_current_trust_circles(eric_ids, today))
        .annotate(own=own)
        .values_list("pk", "trust_circle_appearances__eric_id", "own")
    )
    named = (
        Animation.co_organisers.through.objects.filter(
            animation__accompaniment__eric_id__in=eric_ids
        )
        .annotate(own=co_organised)
        .values_list("organisation_id", "animation__accompaniment__eric_id", "own")
    )
    for organisation_id, eric_id, is_own in local.union(circles, named):
        target = links.own if is_own else links.co_organised
        target.setdefault(organisation_id, set()).add(eric_id)
    return links


def partners_offered(*, links: PartnerLinks, also=()) -> list[Organisation]:
    """The programme's partners and those of ``links``, by name (one query); ``also``:
    organisation ids to keep offering (an animation's present co-organisers)."""
    return list(
        Organisation.objects.partners()
        .filter(Q(local_to__isnull=True) | Q(pk__in=[*links.organisation_ids, *also]))
        .order_by("name", "pk")
    )


def partners_refused(eric_id: int, organisations) -> list[Organisation]:
    """Those of ``organisations`` that are not offered to this ERIC (another ERIC's local
    partners); a query only when one of them is local to some ERIC."""
    organisations = list(organisations)
    if all(organisation.local_to_id is None for organisation in organisations):
        return []
    links = partner_links([eric_id])
    return [org for org in organisations if not links.offers(org, eric_id)]
