"""Tagged PDFs carry their table headers' scope (RGAA 5.6, 5.7; PDF/UA)."""

import re

import pytest
import weasyprint

from core.pdf import PDF_OPTIONS, add_header_scopes
from trainings.models import Training
from trainings.reports import attendance_sheet_pdf

TABLE = """<html lang="fr"><title>t</title><table><caption>Présences</caption>
<thead><tr><th scope="col">Nom</th><th scope="col">Matin</th></tr></thead>
<tbody><tr><th scope="row">Léa</th><td>présente</td></tr></tbody></table></html>"""


def headers(pdf: bytes) -> list[bytes]:
    return re.findall(rb"/S /TH/K[^\n]*", pdf)


@pytest.mark.parametrize("finisher", [None, add_header_scopes])
def test_each_header_cell_of_a_tagged_pdf_has_its_scope(finisher):
    pdf = weasyprint.HTML(string=TABLE).write_pdf(
        finisher=finisher, uncompressed_pdf=True, **PDF_OPTIONS
    )
    cells = headers(pdf)
    assert len(cells) == 3
    scopes = [re.search(rb"/Scope /(\w+)", cell) for cell in cells]
    if finisher is None:  # what WeasyPrint writes by itself: no scope
        assert scopes == [None, None, None]
    else:
        assert [s.group(1) for s in scopes] == [b"Column", b"Column", b"Row"]


@pytest.mark.django_db
def test_the_attendance_sheet_pdf_has_scoped_headers(demo, monkeypatch):
    monkeypatch.setitem(PDF_OPTIONS, "uncompressed_pdf", True)
    training = Training.objects.order_by("pk").first()
    pdf = attendance_sheet_pdf(training.sessions.order_by("starts_at").first())
    cells = headers(pdf)
    assert cells
    assert all(b"/Scope /" in cell for cell in cells)
