"""The RGAA 4.1 audit grid and what is generated from it.

:mod:`cms.accessibility.grid` holds every criterion with its verdict and how it was
checked; :func:`conformity` computes the level the statement publishes; the
accessibility statement page (``templates/cms/accessibility_statement_page.html``) and
``docs/accessibility.md`` (``python manage.py accessibility_grid --write``) are both
generated from it, so they never disagree.
"""

from .grid import AUDIT_DATE, AUDITED_PAGES, CRITERIA, DEROGATIONS, THEMES, Criterion, Verdict
from .level import Conformity, conformity

__all__ = [
    "AUDITED_PAGES",
    "AUDIT_DATE",
    "CRITERIA",
    "Conformity",
    "Criterion",
    "DEROGATIONS",
    "THEMES",
    "Verdict",
    "conformity",
]
