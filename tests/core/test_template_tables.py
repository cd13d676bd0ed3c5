"""RGAA 5.6: every header cell of every template (pages and PDFs) says what it heads."""

import re
from pathlib import Path

from django.conf import settings

TH = re.compile(r"<th\b[^>]*>", re.IGNORECASE)


def test_every_table_header_cell_has_a_scope():
    missing = []
    for template in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html")):
        for tag in TH.findall(template.read_text(encoding="utf-8")):
            if not re.search(r"\bscope=\"(col|row|colgroup|rowgroup)\"", tag):
                missing.append("%s: %s" % (template.name, tag))
    assert missing == []
