"""The anonymised export: one line per on-site entry, no identifier, no free text, no
exact time (the hour only), no kiosk; in each column an answer given by fewer than
``SMALL_CELL`` people becomes « autre » so that no one is recognisable by a rare answer;
lines sorted by their answers, not by arrival."""

from collections import Counter

from django.utils.translation import gettext as _

from .enums import AgeBand, Channel, Companions, Question, Residence, Satisfaction, UsageType
from .models import VisitorEntry
from .selectors import PARIS, _code, with_usage_type

SMALL_CELL = 5


def export_columns():
    return [
        ("event", _("Événement")),
        ("version", _("Version du questionnaire")),
        ("day", _("Jour")),
        ("hour", _("Heure d'arrivée")),
        ("age_band", _("Tranche d'âge")),
        ("residence", _("Résidence")),
        ("first_visit", _("Première venue")),
        ("heard_of", _("A connu le lieu")),
        ("motivations", _("Motivations")),
        ("motivation_category", _("Motivation libre (catégorie)")),
        ("activities", _("Activités")),
        ("usage_type", _("Type d'usage")),
        ("companions", _("Venu·e")),
        ("satisfaction", _("Satisfaction")),
        ("would_return", _("Reviendrait")),
    ]


def export_rows(study) -> list[list[str]]:
    """The export's lines (three queries)."""
    entries = list(
        with_usage_type(VisitorEntry.objects.filter(event__study=study, channel=Channel.ON_SITE))
        .select_related("event", "questionnaire", "coding__category")
        .prefetch_related("choices")
        .order_by()
    )
    other = _("autre")
    yes_no = {"yes": _("oui"), "no": _("non"), "none": ""}
    rows = []
    for entry in entries:
        q = entry.questionnaire
        choices = {Question.MOTIVATION: [], Question.ACTIVITY: []}
        for choice in entry.choices.all():
            choices[choice.question].append(choice.code)
        coding = getattr(entry, "coding", None)
        local = entry.arrived_at.astimezone(PARIS)
        rows.append(
            {
                "event": entry.event.name,
                "version": str(q.version),
                "day": local.strftime("%d/%m/%Y"),
                "hour": "%02d h" % local.hour,
                "age_band": str(dict(AgeBand.choices)[entry.age_band]),
                "residence": str(dict(Residence.choices)[entry.residence]),
                "first_visit": yes_no[_code(entry.first_visit)],
                "heard_of": q.labels("heard_of").get(entry.heard_of, ""),
                "motivations": [
                    q.labels("motivations").get(c, c) for c in sorted(choices[Question.MOTIVATION])
                ],
                "motivation_category": coding.category.name if coding else "",
                "activities": [
                    q.labels("activities").get(c, c) for c in sorted(choices[Question.ACTIVITY])
                ],
                "usage_type": str(dict(UsageType.choices)[entry.usage_type]),
                "companions": str(dict(Companions.choices).get(entry.companions, "")),
                "satisfaction": str(dict(Satisfaction.choices).get(entry.satisfaction, "")),
                "would_return": yes_no[_code(entry.would_return)],
            }
        )
    keys = [key for key, _label in export_columns()]
    # merge the small cells, column by column (each answer of a multi-answer column)
    for key in keys:
        counts = Counter()
        for row in rows:
            values = row[key] if isinstance(row[key], list) else [row[key]]
            counts.update(v for v in values if v)
        rare = {value for value, n in counts.items() if n < SMALL_CELL}
        for row in rows:
            if isinstance(row[key], list):
                merged = sorted({other if v in rare else v for v in row[key]})
                row[key] = ", ".join(merged)
            elif row[key] in rare:
                row[key] = other
    lines = [[row[key] for key in keys] for row in rows]
    lines.sort()
    return lines
