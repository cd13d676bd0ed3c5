from django.db import migrations, models


def fill_search_text(apps, schema_editor):
    """The messages written before: their thread's title and text, accent-free."""
    from collab.search import normalise

    Message = apps.get_model("collab", "Message")
    for message in Message.objects.select_related("thread").iterator():
        message.search_text = normalise("%s %s" % (message.thread.title, message.body))
        message.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("collab", "0004_threads"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="texte normalisé"),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
