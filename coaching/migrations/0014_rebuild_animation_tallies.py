"""Count the animations logged so far into their monthly tallies (ADR 0023).

What ``manage.py rebuild_tallies`` does, restated with the historical models (a
migration must not import today's code): per programme, its counted animations
(the stored verdict, within the programme's period) per accompaniment and Europe/Paris
month, and their sums per accompaniment and per month. ``coaching.services.tallies`` is
the living definition; a test checks that this function writes the same rows.
"""

import datetime

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

BATCH = 5000


def _local_month(moment):
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return moment.replace(day=1)


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def count_tallies(apps, schema_editor):
    Animation = apps.get_model("coaching", "Animation")
    AnimationTally = apps.get_model("coaching", "AnimationTally")
    ByEric = apps.get_model("coaching", "AnimationTallyByEric")
    ByMonth = apps.get_model("coaching", "AnimationTallyByMonth")
    Programme = apps.get_model("coaching", "Programme")
    tz = timezone.get_current_timezone()
    for programme in Programme.objects.order_by("pk"):
        for model in (AnimationTally, ByEric, ByMonth):
            model.objects.filter(programme=programme).delete()
        per_eric, per_month = {}, {}
        cells = (
            Animation.objects.filter(
                counts_toward_target=True,
                accompaniment__programme=programme,
                starts_at__gte=_midnight(programme.start_date),
                starts_at__lt=_midnight(programme.end_date + datetime.timedelta(days=1)),
            )
            .annotate(month=TruncMonth("starts_at", tzinfo=tz))
            .values_list("accompaniment_id", "month")
            .annotate(n=Count("pk"))
            .order_by()
        )
        batch = []
        for accompaniment_id, month, n in cells.iterator(chunk_size=BATCH):
            month = _local_month(month)
            per_eric[accompaniment_id] = per_eric.get(accompaniment_id, 0) + n
            per_month[month] = per_month.get(month, 0) + n
            batch.append(
                AnimationTally(
                    programme=programme,
                    accompaniment_id=accompaniment_id,
                    month=month,
                    count=n,
                )
            )
            if len(batch) >= BATCH:
                AnimationTally.objects.bulk_create(batch)
                batch = []
        AnimationTally.objects.bulk_create(batch)
        ByEric.objects.bulk_create(
            (
                ByEric(programme=programme, accompaniment_id=acc, count=n)
                for acc, n in per_eric.items()
            ),
            batch_size=BATCH,
        )
        ByMonth.objects.bulk_create(
            ByMonth(programme=programme, month=month, count=n) for month, n in per_month.items()
        )


class Migration(migrations.Migration):
    dependencies = [("coaching", "0013_animation_tallies")]

    operations = [migrations.RunPython(count_tallies, migrations.RunPython.noop)]
