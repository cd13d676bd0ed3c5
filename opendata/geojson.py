"""GeoJSON (RFC 7946) of the ERIC and of their trust circles: [longitude, latitude].

Only public facts go out: names, circles, relations, towns, dates. No person.
"""

import datetime

from django.utils import timezone

from maps.models import TrustCircleEntry
from organisations.models import Organisation


def _point(longitude, latitude) -> dict:
    return {"type": "Point", "coordinates": [float(longitude), float(latitude)]}


def entry_feature(entry: TrustCircleEntry) -> dict:
    return {
        "type": "Feature",
        "id": entry.pk,
        "geometry": _point(entry.longitude, entry.latitude),
        "properties": {
            "name": entry.name,
            "kind": entry.kind,
            "kind_label": str(entry.get_kind_display()),
            "circle": entry.circle,
            "circle_label": str(entry.get_circle_display()),
            "relation": entry.relation,
            "relation_label": str(entry.get_relation_display()),
            "description": entry.description,
            "town": entry.town,
            "since": entry.since.isoformat(),
            "until": entry.until.isoformat() if entry.until else None,
        },
    }


def trust_circles_collection(eric: Organisation, *, on: datetime.date | None = None) -> dict:
    """The ERIC itself and the entries of its circles current on ``on``."""
    on = on or timezone.localdate()
    entries = TrustCircleEntry.objects.for_eric(eric).current(on).in_circle_order()
    features = []
    if eric.latitude is not None and eric.longitude is not None:
        features.append(eric_feature(eric))
    features.extend(entry_feature(entry) for entry in entries)
    return {"type": "FeatureCollection", "features": features}


def eric_feature(eric: Organisation, *, url: str = "") -> dict:
    return {
        "type": "Feature",
        "id": "eric-%d" % eric.pk,
        "geometry": _point(eric.longitude, eric.latitude),
        "properties": {
            "name": eric.name,
            "kind": "eric",
            "town": eric.town,
            "address": " ".join(part for part in (eric.address, eric.postcode, eric.town) if part),
            "url": url,
        },
    }


def erics_collection(*, urls: dict[int, str] | None = None) -> dict:
    """Every ERIC with a location."""
    urls = urls or {}
    erics = Organisation.objects.erics().filter(latitude__isnull=False, longitude__isnull=False)
    return {
        "type": "FeatureCollection",
        "features": [eric_feature(eric, url=urls.get(eric.pk, "")) for eric in erics],
    }
