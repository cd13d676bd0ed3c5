"""The end-of-programme report: the programme's figures (the committee report's, as of
the last day), the narrative written in the platform (users and their motivations, uses
and appropriation, events that build a community, recommendations per ERIC), each
ERIC's maturity radar from start to end, its trust circles drawn as concentric circles
(a map cannot print) at the start and at the end, and the CC BY-SA photos retained,
with their credits.

A draft reads the narrative as it is; a frozen version reads the copy kept in its
report row (``Report.narrative``), so it never changes once built.
"""

import datetime
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from cms.models import MediaItem
from coaching.charts import RadarSeries, maturity_radar
from coaching.enums import AssessmentStatus, MaturityCriterion, MaturityPhase
from coaching.models import MaturityAssessment
from core.charts import as_data_uri
from core.dates import long_date
from core.licences import Licence
from core.pdf import css_string, image_data_uri
from core.storage import read_bytes
from maps.enums import Circle
from maps.models import TrustCircleEntry
from study.services import typology_summary

from .models import EricRecommendation, ProgrammeEndNarrative
from .report import report_context

#: The photos the report may print: published under CC BY-SA, as the brief asks.
PHOTO_LICENCES = (Licence.CC_BY_SA_4,)

CIRCLE_ORDER = [Circle.CORE, Circle.CLOSE, Circle.EXTENDED]
CIRCLE_FILLS = {Circle.CORE: "#0b5d57", Circle.CLOSE: "#5b9b94", Circle.EXTENDED: "#cfe6e3"}
CIRCLE_TEXT = {Circle.CORE: "#ffffff", Circle.CLOSE: "#ffffff", Circle.EXTENDED: "#1b1f24"}


@dataclass
class CircleCount:
    circle: str
    label: str
    start: int
    end: int


def trust_circles_svg(counts: list[CircleCount], *, start: datetime.date, end: datetime.date):
    """Three concentric circles, the core in the middle; each says how many entries it
    held at the programme's start and at the report's day. Drawn here, server-side,
    script-free: the same SVG in the PDF (data: URI) and in the DOCX (PNG)."""
    size, centre = 420, 210
    radii = {Circle.EXTENDED: 200, Circle.CLOSE: 135, Circle.CORE: 70}
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
        'font-family="DejaVu Sans, sans-serif" role="img">' % (size, size, size, size),
        "<title>%s</title>"
        % escape(
            _("Cercles de confiance au %(start)s et au %(end)s")
            % {"start": long_date(start), "end": long_date(end)}
        ),
    ]
    by_circle = {c.circle: c for c in counts}
    for circle in reversed(CIRCLE_ORDER):
        parts.append(
            '<circle cx="%d" cy="%d" r="%d" fill="%s" stroke="#063f3b" stroke-width="2"/>'
            % (centre, centre, radii[circle], CIRCLE_FILLS[circle])
        )
    # each circle's figures sit in its own ring, above the centre
    label_y = {Circle.CORE: centre, Circle.CLOSE: centre - 100, Circle.EXTENDED: centre - 165}
    for circle in CIRCLE_ORDER:
        count = by_circle.get(circle)
        start_n, end_n = (count.start, count.end) if count else (0, 0)
        parts.append(
            '<text x="%d" y="%d" text-anchor="middle" font-size="15" font-weight="bold" '
            'fill="%s">%s</text>'
            % (centre, label_y[circle] - 4, CIRCLE_TEXT[circle], "%d → %d" % (start_n, end_n))
        )
        parts.append(
            '<text x="%d" y="%d" text-anchor="middle" font-size="11" fill="%s">%s</text>'
            % (
                centre,
                label_y[circle] + 13,
                CIRCLE_TEXT[circle],
                escape(str(Circle(circle).label).split(" (")[0]),
            )
        )
    parts.append("</svg>")
    return "".join(parts)


def _circle_counts(eric_ids, start, end) -> dict:
    """``{eric_id: [CircleCount]}``: entries in each circle on the two days. One query."""

    def current(day):
        return Q(since__lte=day) & (Q(until__isnull=True) | Q(until__gt=day))

    rows = (
        TrustCircleEntry.objects.filter(eric_id__in=eric_ids)
        .values("eric_id", "circle")
        .annotate(
            at_start=Count("pk", filter=current(start)), at_end=Count("pk", filter=current(end))
        )
    )
    found = {(r["eric_id"], r["circle"]): r for r in rows}
    result = {}
    for eric_id in eric_ids:
        result[eric_id] = [
            CircleCount(
                circle=circle,
                label=str(Circle(circle).label),
                start=found.get((eric_id, circle), {}).get("at_start", 0),
                end=found.get((eric_id, circle), {}).get("at_end", 0),
            )
            for circle in CIRCLE_ORDER
        ]
    return result


def _radars(accompaniment_ids) -> dict:
    """``{accompaniment_id: [RadarSeries]}``: the validated grids, start to end. Two
    queries."""
    assessments = (
        MaturityAssessment.objects.filter(
            accompaniment_id__in=accompaniment_ids, status=AssessmentStatus.VALIDATED
        )
        .prefetch_related("scores")
        .order_by("accompaniment_id", "pk")
    )
    order = list(MaturityPhase.values)
    criteria = list(MaturityCriterion.values)
    result = {}
    for assessment in assessments:
        levels = {score.criterion: score.level for score in assessment.scores.all()}
        result.setdefault(assessment.accompaniment_id, []).append(
            RadarSeries(
                phase=assessment.phase,
                label=str(MaturityPhase(assessment.phase).label).capitalize(),
                levels=tuple(levels.get(c) for c in criteria),
                validated=True,
            )
        )
    for series in result.values():
        series.sort(key=lambda s: order.index(s.phase))
    return result


def narrative_content(narrative: ProgrammeEndNarrative | None, frozen: dict | None) -> dict:
    """The texts, recommendations ``{eric_id: text}`` and photo ids to print: the frozen
    copy, or the draft as it is now."""
    if frozen:
        return {
            "users": frozen.get("users", ""),
            "uses": frozen.get("uses", ""),
            "events": frozen.get("events", ""),
            "recommendations": {int(k): v for k, v in frozen.get("recommendations", {}).items()},
            "photos": frozen.get("photos", []),
        }
    if narrative is None:
        return {"users": "", "uses": "", "events": "", "recommendations": {}, "photos": []}
    return {
        "users": narrative.users,
        "uses": narrative.uses,
        "events": narrative.events,
        "recommendations": dict(
            EricRecommendation.objects.filter(narrative=narrative).values_list("eric_id", "text")
        ),
        "photos": list(narrative.photos.values_list("pk", flat=True)),
    }


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def programme_end_context(report, *, generated_at=None) -> dict:
    """Everything the end-of-programme report shows (``report`` gives the programme, its
    last day and, when frozen, the narrative kept)."""
    programme = report.programme
    as_of = report.period_end
    context = report_context(programme, as_of=as_of, generated_at=generated_at)
    narrative = ProgrammeEndNarrative.objects.filter(programme=programme).first()
    content = narrative_content(narrative, report.narrative if report.frozen else None)
    accompaniments = list(
        programme.accompaniments.select_related("eric").order_by("eric__name", "pk")
    )
    radars = _radars([a.pk for a in accompaniments])
    circles = _circle_counts([a.eric_id for a in accompaniments], programme.start_date, as_of)
    erics, quiet = [], []
    for acc in accompaniments:
        series = radars.get(acc.pk, [])
        recommendations = paragraphs(content["recommendations"].get(acc.eric_id, ""))
        if not (series or recommendations or any(c.start or c.end for c in circles[acc.eric_id])):
            # nothing to draw nor to say: named once in a list, not given a page each
            quiet.append(acc.eric.name)
            continue
        radar_svg = maturity_radar(None, series) if series else ""
        circle_svg = trust_circles_svg(circles[acc.eric_id], start=programme.start_date, end=as_of)
        erics.append(
            {
                "name": acc.eric.name,
                "radar": series,
                "radar_svg": radar_svg,
                "radar_src": as_data_uri(radar_svg) if radar_svg else "",
                "criteria": [str(label) for label in MaturityCriterion.labels],
                "radar_rows": [
                    {
                        "criterion": str(label),
                        "levels": [s.levels[i] for s in series],
                    }
                    for i, label in enumerate(MaturityCriterion.labels)
                ],
                "circles": circles[acc.eric_id],
                "circles_svg": circle_svg,
                "circles_src": as_data_uri(circle_svg),
                "recommendations": recommendations,
            }
        )
    photos = list(
        MediaItem.objects.publishable()
        .filter(pk__in=content["photos"], licence__in=PHOTO_LICENCES, image__isnull=False)
        .select_related("image")
        .order_by("date", "pk")
    )
    title = _("Rapport de fin de programme — %(programme)s") % {"programme": programme.name}
    context.update(
        {
            "title": title,
            "css_header": css_string(
                _("Rapport de fin de programme — arrêté au %(day)s") % {"day": long_date(as_of)}
            ),
            "end_report": True,
            "frozen": report.frozen,
            "frozen_at": report.frozen_at,
            "frozen_by": report.frozen_by,
            "sections": [
                {
                    "id": "usagers",
                    "title": _("Les usagers et leurs motivations"),
                    "paragraphs": paragraphs(content["users"]),
                },
                {
                    "id": "usages",
                    "title": _("Les usages et l'appropriation des lieux"),
                    "paragraphs": paragraphs(content["uses"]),
                },
                {
                    "id": "evenements",
                    "title": _("Les événements qui font communauté"),
                    "paragraphs": paragraphs(content["events"]),
                },
            ],
            "eric_pages": erics,
            # pilot 1's visitor study (SKEMA), when anyone has answered
            "typology": typology_summary(programme),
            "quiet_erics": quiet,
            "photos": [
                {
                    # read through the storage (an S3 bucket has no path): the DOCX
                    # takes the bytes, the PDF's template a data: URI
                    "content": content,
                    "uri": image_data_uri(photo.image.file, content),
                    "title": photo.title,
                    "alt": photo.alt_text or photo.title,
                    "credit": photo.credit,
                    "licence": photo.get_licence_display(),
                }
                for photo in photos
                for content in (read_bytes(photo.image.file),)
            ],
        }
    )
    return context
