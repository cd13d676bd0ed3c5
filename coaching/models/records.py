"""What the journal's records share: who may see a record of an ERIC, shared or private
notes, and the bounds of a duration.

Every record of an ERIC hangs on its :class:`~coaching.models.Accompaniment` (programme
+ ERIC), so the permission module decides on the same three facts for all of them:
programme, ERIC, visibility. Writes go through ``coaching.services``.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..enums import Visibility
from ..scope import get_scope

MAX_DURATION_MINUTES = 12 * 60
#: Clocks differ a little between a phone and the server.
CLOCK_TOLERANCE = datetime.timedelta(minutes=5)

duration_validators = [
    MinValueValidator(1, message=_("La durée doit être d'au moins une minute.")),
    MaxValueValidator(
        MAX_DURATION_MINUTES, message=_("La durée ne peut pas dépasser 12 heures (720 minutes).")
    ),
]


def eric_records_visible_to(queryset, user, *, private_field=None):
    """Records hanging on an accompaniment, filtered by the user's scope."""

    scope = get_scope(user)
    if scope.sees_everything:
        return queryset
    team = Q(accompaniment__eric_id__in=scope.team_eric_ids)
    if private_field:
        team &= Q(**{private_field: Visibility.SHARED})
    return queryset.filter(
        Q(accompaniment__programme_id__in=scope.region_programme_ids)
        | Q(accompaniment_id__in=scope.coached_accompaniment_ids)
        | team
    )


class SharedOrPrivateRecord(models.Model):
    """A journal entry shared with the ERIC's team or kept private, and who logged it."""

    visibility = models.CharField(
        _("visibilité"), max_length=10, choices=Visibility.choices, default=Visibility.SHARED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("saisi par"),
    )
    created_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    class Meta:
        abstract = True
