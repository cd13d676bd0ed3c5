"""CSV and XLSX exports of the lists.

A spreadsheet opens a cell starting with ``= + - @`` (or a tab / carriage return) as a
formula: such text cells are prefixed with ``'`` so they stay text. Headers are French,
dates French (``31/12/2026 14:30``, Europe/Paris).
"""

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils import timezone

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A cell value safe for a spreadsheet: text never starts a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def rows_for(columns, records):
    for record in records:
        yield [neutralise(getter(record)) for _, getter in columns]


def csv_response(*, filename: str, columns, records) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet software reads UTF-8
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(header) for header, _ in columns])
    writer.writerows(rows_for(columns, records))
    response = HttpResponse(buffer.getvalue(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(*, filename: str, title: str, columns, records) -> HttpResponse:
    # imported here: openpyxl's 175 modules (≈ 10 MB) stay out of the web workers that
    # never export a sheet (ADR 0020)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]
    sheet.append([str(header) for header, _ in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows_for(columns, records):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never read back as a formula
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
