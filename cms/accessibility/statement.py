"""What the accessibility statement says, computed from the audit grid."""

from django.conf import settings

from .grid import AUDIT_DATE, AUDITED_PAGES, CRITERIA, DEROGATIONS, THEMES
from .level import conformity


def statement_context() -> dict:
    result = conformity(CRITERIA)
    themes = [
        {"number": number, "name": name, "criteria": [c for c in CRITERIA if c.theme == number]}
        for number, name in THEMES.items()
    ]
    return {
        "conformity": result,
        "audit_date": AUDIT_DATE,
        "audited_pages": AUDITED_PAGES,
        "derogations": DEROGATIONS,
        "grid_themes": themes,
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
    }
