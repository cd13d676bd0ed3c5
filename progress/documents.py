"""A report's document, PDF or DOCX, from one context.

The PDF is the committee's template rendered by :mod:`core.pdf`. The DOCX
(python-docx) walks the same context: the same headings in the same order, the same
tables, and the charts as PNG images (pygal's SVG rasterised by CairoSVG), each followed
by its data table as in the PDF.
"""

import datetime
import io

import cairosvg
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from coaching.models import Accompaniment
from core.dates import long_date
from core.pdf import render_pdf

from .models import ReportFormat, ReportKind
from .periods import compares
from .programme_end import programme_end_context
from .report import eric_report_context, report_context

TEMPLATE = "progress/programme_report.html"


def report_document_context(report) -> dict:
    """The context of ``report``'s document (its kind, period and ERIC)."""
    if report.kind == ReportKind.PROGRAMME_END:
        return programme_end_context(report)
    compare = None
    if compares(report.kind):
        compare = (
            report.period_start - datetime.timedelta(days=1),
            report.kind,
            report.period_start,
        )
    if report.eric_id:
        accompaniment = Accompaniment.objects.select_related("programme__funder", "eric").get(
            programme=report.programme, eric=report.eric
        )
        return eric_report_context(accompaniment, as_of=report.period_end, compare=compare)
    return report_context(report.programme, as_of=report.period_end, compare=compare)


def build(report) -> bytes:
    context = report_document_context(report)
    if report.format == ReportFormat.DOCX:
        return render_docx(context)
    # laid out in a process of its own: WeasyPrint's boxes for 1,000 ERIC (some 250 MiB)
    # are given back when it ends instead of growing the worker (ADR 0011)
    return render_pdf(TEMPLATE, context, separate_process=True)


# --- DOCX ---------------------------------------------------------------------------------


def svg_to_png(svg: str, width: int = 1200) -> io.BytesIO:
    return io.BytesIO(cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width))


def _table(document, caption: str, header: list, rows: list[list]):
    """A table with its caption above (Word's « Légende » style) and a header row that
    repeats on each page."""
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = "—" if value is None else str(value)
    return table


def _repeat_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _change(value) -> str:
    if value is None:
        return "—"
    return "+%d" % value if value > 0 else str(value)


def render_docx(context: dict) -> bytes:
    """The report as an editable Word document (same headings and tables as the PDF)."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    core = document.core_properties
    core.title = context["title"]
    core.author = context["funder"].name
    core.language = "fr-FR"
    as_of = context["as_of"]
    programme = context["programme"]

    document.add_paragraph(_("Comité de suivi des Centres de Ressources Numériques"))
    document.add_heading(
        _("Rapport de fin de programme")
        if context.get("end_report")
        else _("Rapport d'avancement"),
        level=0,
    )
    document.add_paragraph(programme.name).runs[0].bold = True
    document.add_paragraph(_("Rapport arrêté au %(day)s") % {"day": long_date(as_of)})
    facts = [
        (_("Financeur"), context["funder"].name),
        (
            _("Période du programme"),
            _("du %(start)s au %(end)s")
            % {"start": long_date(programme.start_date), "end": long_date(programme.end_date)},
        ),
    ]
    if context.get("eric"):
        facts.append((_("ERIC"), context["eric"].name))
    if context.get("comparison"):
        facts.append((_("Période"), str(context["comparison"]["label"]).capitalize()))
    if context.get("frozen"):
        who = context["frozen_by"]
        facts.append(
            (
                _("Version figée"),
                _("le %(day)s par %(who)s")
                % {
                    "day": long_date(timezone.localtime(context["frozen_at"]).date()),
                    "who": (who.get_full_name() or who.username) if who else "—",
                },
            )
        )
    facts.append(
        (
            _("Document généré le"),
            date_format(context["generated_at"], "j F Y H:i"),
        )
    )
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run("%s : " % label).bold = True
        paragraph.add_run(str(value))

    document.add_heading(_("En bref"), level=1)
    summary = ", ".join(
        "%d %s" % (item["count"], item["label"]) for item in context["status_summary"]
    )
    document.add_paragraph(
        _("%(count)d objectifs suivis par ce rapport : %(summary)s.")
        % {"count": len(context["rows"]), "summary": summary}
        if context["rows"]
        else _("Aucun objectif n'est encore fixé pour ce programme.")
    )

    if context.get("end_report"):
        _end_report_parts(document, context)

    document.add_heading(_("Objectifs du programme"), level=1)
    _table(
        document,
        _("Chaque objectif au %(day)s : réalisé sur objectif total, attendu à cette date et état.")
        % {"day": long_date(as_of)},
        [
            _("Indicateur"),
            _("Réalisé / objectif total"),
            _("Attendu au %(day)s") % {"day": as_of.strftime("%d/%m/%Y")},
            _("État"),
        ],
        [
            [
                str(row.label).capitalize(),
                "%s / %s"
                % (
                    _number(row.figure.actual) if row.figure.tracked else "—",
                    _number(row.figure.total),
                ),
                _number(row.figure.expected),
                str(row.figure.status_label),
            ]
            for row in context["rows"]
        ],
    )

    comparison = context.get("comparison")
    if comparison:
        document.add_heading(_("Comparaison avec la période précédente"), level=1)
        then = comparison["previous_end"].strftime("%d/%m/%Y")
        now = comparison["as_of"].strftime("%d/%m/%Y")
        _table(
            document,
            _(
                "Chaque objectif : réalisé au %(then)s (fin de la période précédente), "
                "au %(now)s, et l'évolution sur la période."
            )
            % {"then": then, "now": now},
            [
                _("Indicateur"),
                _("Réalisé au %(day)s") % {"day": then},
                _("Réalisé au %(day)s") % {"day": now},
                _("Évolution"),
                _("Objectif total"),
            ],
            [
                [
                    str(line["label"]).capitalize(),
                    _number(line["then"]),
                    _number(line["now"]),
                    _change(line["change"]),
                    _number(line["total"]),
                ]
                for line in comparison["lines"]
            ],
        )

    if not context.get("eric"):
        _programme_parts(document, context)

    document.add_heading(_("Animations comptées"), level=1)
    document.add_paragraph(
        _("%(count)d animations multi-partenariales documentées du %(start)s au %(end)s.")
        % {
            "count": context["animations_total"],
            "start": long_date(programme.start_date),
            "end": long_date(as_of),
        }
    )
    if context["animations"]:
        _table(
            document,
            _("Animations comptées"),
            [_("Date"), _("ERIC"), _("Animation"), _("Partenaires")],
            [
                [a["day"].strftime("%d/%m/%Y"), a["eric"], a["title"], a["partners"] or "—"]
                for a in context["animations"]
            ],
        )

    if not context.get("eric"):
        document.add_heading(_("Formations tenues"), level=1)
        if context["trainings"]:
            _table(
                document,
                _("Formations tenues"),
                [
                    _("Dates"),
                    _("Formation"),
                    _("Demi-journées"),
                    _("Présent·es"),
                    _("Compte pour l'objectif"),
                ],
                [
                    [
                        item["first_day"].strftime("%d/%m/%Y"),
                        item["training"].title,
                        item["training"].half_days,
                        item["training"].present,
                        _("oui") if item["counted"] else _("non : émargement non saisi"),
                    ]
                    for item in context["trainings"]
                ],
            )
        else:
            document.add_paragraph(
                _("Aucune formation tenue au %(day)s.") % {"day": long_date(as_of)}
            )

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _programme_parts(document, context):
    """Alerts, per ERIC, month by month: the whole programme's report only."""
    document.add_heading(_("Alertes"), level=1)
    for alert in context["alerts"]:
        document.add_heading(str(alert["title"]), level=2)
        for item in alert["items"]:
            document.add_paragraph(str(item), style="List Bullet")
        if alert.get("more"):
            document.add_paragraph(_("… et %(count)d autres.") % {"count": alert["more"]})
    if not context["alerts"]:
        document.add_paragraph(_("Rien à signaler."))

    document.add_heading(_("Par ERIC"), level=1)
    month = date_format(context["current_month"], "F Y")
    _table(
        document,
        _(
            "Pour chaque ERIC et chaque objectif qui lui revient : réalisé et état. "
            "L'objectif d'un ERIC et ce qui en est attendu à cette date, les mêmes pour "
            "chacun, sont en tête de colonne."
        ),
        [_("ERIC")]
        + [
            str(column["label"]).capitalize()
            if column["total"] is None
            else "%s\n%s"
            % (
                str(column["label"]).capitalize(),
                _("objectif %(total)s par ERIC, attendu %(expected)s")
                % {"total": _number(column["total"]), "expected": _number(column["expected"])},
            )
            for column in context["per_eric_columns"]
        ]
        + [
            _("Animations comptées en %(month)s") % {"month": month},
            _("Fiches en %(month)s") % {"month": month},
        ],
        [
            [eric["name"]]
            + [
                _("ne le concerne pas")
                if figure is None
                else _("%(actual)s — %(status)s")
                % {"actual": figure.actual, "status": figure.status_label}
                for figure in eric["cells"]
            ]
            + [eric["animations_this_month"], eric["sheets_this_month"]]
            for eric in context["erics"]
        ],
    )

    document.add_heading(_("Mois par mois"), level=1)
    for chart in context["charts"]:
        document.add_heading(str(chart["title"]), level=2)
        document.add_picture(svg_to_png(chart["svg"]), width=Cm(16))
        _table(
            document,
            _("Données du graphique « %(title)s »") % {"title": chart["title"]},
            [_("Mois"), _("Dans le mois"), _("Réalisé (cumul)"), _("Attendu (cumul)")],
            [
                [
                    date_format(point.month, "F Y").capitalize(),
                    point.value,
                    point.cumulative,
                    _number(point.expected),
                ]
                for point in chart["points"]
            ],
        )
    if not context["charts"]:
        document.add_paragraph(_("Le programme n'a pas encore commencé."))


def _end_report_parts(document, context):
    """The narrative, each ERIC's trajectory (radar, trust circles, recommendations),
    the photos with their credits."""
    for section in context["sections"]:
        document.add_heading(str(section["title"]), level=1)
        for paragraph in section["paragraphs"]:
            document.add_paragraph(paragraph)
        if not section["paragraphs"]:
            document.add_paragraph(_("Cette partie n'est pas encore rédigée."))
    document.add_heading(_("Les trajectoires des ERIC"), level=1)
    start = context["programme"].start_date.strftime("%d/%m/%Y")
    end = context["as_of"].strftime("%d/%m/%Y")
    for page in context["eric_pages"]:
        document.add_heading(page["name"], level=2)
        if page["radar_svg"]:
            document.add_picture(svg_to_png(page["radar_svg"], width=800), width=Cm(9))
            _table(
                document,
                _("Grille de maturité de %(name)s (niveaux de 0 à 4, grilles validées)")
                % {"name": page["name"]},
                [_("Critère")] + [s.label for s in page["radar"]],
                [
                    [row["criterion"].capitalize()] + [_number(level) for level in row["levels"]]
                    for row in page["radar_rows"]
                ],
            )
        else:
            document.add_paragraph(_("Aucune grille de maturité validée."))
        document.add_picture(svg_to_png(page["circles_svg"], width=800), width=Cm(7))
        _table(
            document,
            _("Cercles de confiance de %(name)s : membres au %(start)s et au %(end)s")
            % {"name": page["name"], "start": start, "end": end},
            [_("Cercle"), _("Au %(day)s") % {"day": start}, _("Au %(day)s") % {"day": end}],
            [[c.label.capitalize(), c.start, c.end] for c in page["circles"]],
        )
        document.add_heading(_("Recommandations"), level=3)
        for paragraph in page["recommendations"]:
            document.add_paragraph(paragraph)
        if not page["recommendations"]:
            document.add_paragraph(_("Pas encore de recommandations."))
    if context["quiet_erics"]:
        document.add_heading(
            _("Sans grille validée, cercle de confiance ni recommandation"), level=2
        )
        document.add_paragraph(", ".join(context["quiet_erics"]) + ".")
    if context.get("typology"):
        _typology_part(document, context["typology"])
    if context["photos"]:
        document.add_heading(_("Photos"), level=1)
        for photo in context["photos"]:
            document.add_picture(io.BytesIO(photo["content"]), width=Cm(14))
            document.add_paragraph(
                "%s — %s (%s)" % (photo["title"], photo["credit"], photo["licence"]),
                style="Caption",
            )


def _typology_part(document, summary):
    """Pilot 1's visitor study (``study.typology_summary``), as the PDF shows it
    (``study/includes/typology_tables.html``): the events, the totals, each table with
    its chart, the usage type by first visit."""
    document.add_heading(_("Typologie des usages (étude des visiteurs)"), level=1)
    _table(
        document,
        _("Événements et vagues de l'étude"),
        [_("Événement"), _("Lieu"), _("Dates"), _("Version"), _("Visiteurs sur place")],
        [
            [
                e["name"],
                e["place"],
                e["start_date"].strftime("%d/%m/%Y")
                + (
                    " – " + e["end_date"].strftime("%d/%m/%Y")
                    if e["end_date"] != e["start_date"]
                    else ""
                ),
                e["version"],
                e["on_site"],
            ]
            for e in summary["events"]
        ],
    )
    document.add_paragraph(
        _(
            "%(total)s visiteurs sur place ont répondu. À part, en ligne : %(form)s réponses "
            "au formulaire « je participe en ligne » et %(counted)s personnes comptées par "
            "les équipes."
        )
        % {
            "total": summary["total"],
            "form": summary["remote_form"],
            "counted": summary["remote_counted"],
        }
    )
    for table in summary["tables"]:
        document.add_heading(str(table["title"]), level=2)
        if table.get("svg"):
            document.add_picture(svg_to_png(table["svg"]), width=Cm(16))
        _table(
            document,
            _("%(title)s — sur %(total)s visiteurs")
            % {"title": table["title"], "total": summary["total"]},
            [_("Réponse"), _("Personnes"), "%"],
            [[capfirst(row["label"]), row["count"], row["percent"]] for row in table["rows"]],
        )
    document.add_heading(_("Type d'usage selon la première venue"), level=2)
    cross = summary["cross"]
    _table(
        document,
        _(
            "Visiteurs par type d'usage et selon qu'ils venaient pour la première fois à la "
            "médiathèque"
        ),
        [_("Type d'usage")] + [capfirst(column) for column in cross["columns"]],
        [[capfirst(row["label"])] + list(row["counts"]) for row in cross["rows"]],
    )
