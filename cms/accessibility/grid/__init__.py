"""The RGAA 4.1 audit grid of Trajectoires: the 106 criteria, each with its verdict on
the audited pages and how it was checked.

The criteria's titles are the reference's own French text (RGAA 4.1, DINUM), kept as
published and not translated; what the statement says about a criterion not met
(``gap``) is interface text. ``how`` says, in English, which test or review checked the
criterion: ``docs/accessibility.md`` is generated from this package
(``python manage.py accessibility_grid --write``) and a test keeps them in step.

To change a verdict, change it here, with the test that proves it.
"""

from .base import AUDIT_DATE, AUDITED_PAGES, DEROGATIONS, THEMES, Criterion, Verdict
from .content import CONTENT_CRITERIA
from .interaction import INTERACTION_CRITERIA

CRITERIA = CONTENT_CRITERIA + INTERACTION_CRITERIA

__all__ = [
    "AUDIT_DATE",
    "AUDITED_PAGES",
    "CRITERIA",
    "DEROGATIONS",
    "THEMES",
    "Criterion",
    "Verdict",
]
