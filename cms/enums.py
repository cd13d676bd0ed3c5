from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityCompliance(models.TextChoices):
    """RGAA 4.1 compliance states, as the accessibility statement must say them."""

    NONE = "none", _("non conforme")
    PARTIAL = "partial", _("partiellement conforme")
    FULL = "full", _("totalement conforme")
