"""Export of everything the platform holds about one person (RGPD art. 15 and 20).

What is held is found from the models themselves, so that a model added later is in
the export without anyone remembering it: every row of every installed model with a
foreign key, one-to-one or many-to-many link to the person's account (records they
wrote, took part in, reviewed; their memberships, training registrations, feed token,
two-factor devices, audit-log entries…), their login records (by username) and what is
kept under their e-mail address (newsletter subscription and consent, its deliveries,
training registrations without an account). Secrets are left out: password hashes,
two-factor keys.

The ZIP holds ``index.html`` (readable in any browser, in French) and, per kind of
record, ``<app>.<model>.json`` and ``.csv``. Built by the task worker; its progress is
the share of kinds written.
"""

import csv
import datetime
import io
import json
import zipfile

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from newsletter.models import Delivery, Subscriber
from study.models import ContactRequest
from trainings.models import Registration

from .models import PersonalDataExport, ReportStatus

#: Fields never written to an export: secrets, not data about the person.
SECRET_FIELDS = {"password", "key", "bin_key", "token_salt"}


def _columns(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.name not in SECRET_FIELDS and field.attname not in SECRET_FIELDS
    ]


def _links_to_user(model):
    """The names of ``model``'s fields that point to an account."""
    user_model = get_user_model()
    return [
        field.name
        for field in model._meta.get_fields()
        if (field.many_to_one or field.one_to_one or field.many_to_many)
        and not field.auto_created
        and field.related_model is user_model
    ]


def _section(model, queryset, title=None) -> dict:
    return {
        "name": model._meta.label_lower,
        "title": str(title or model._meta.verbose_name_plural).capitalize(),
        "columns": _columns(model),
        "queryset": queryset,
    }


def sections_for_account(user) -> list[dict]:
    """Every kind of record that names ``user``, as unevaluated querysets."""
    user_model = get_user_model()
    sections = [_section(user_model, user_model.objects.filter(pk=user.pk), _("Compte"))]
    for model in apps.get_models():
        if model is user_model:
            continue
        links = _links_to_user(model)
        if not links:
            continue
        condition = models.Q()
        for name in links:
            condition |= models.Q(**{name: user})
        sections.append(_section(model, model._default_manager.filter(condition).distinct()))
    sections.append(
        _section(
            AccessLog,
            AccessLog.objects.filter(username=user.username),
            _("Connexions réussies"),
        )
    )
    for model in (AccessAttempt, AccessFailureLog):
        sections.append(_section(model, model.objects.filter(username=user.username)))
    if user.email:
        sections.extend(sections_for_email(user.email, with_account=True))
    return sections


def sections_for_email(email: str, *, with_account: bool = False) -> list[dict]:
    """What is kept under an address: the newsletter subscription (its consent, its
    deliveries) and, without an account, training registrations."""
    sections = [
        _section(Subscriber, Subscriber.objects.filter(email__iexact=email)),
        _section(Delivery, Delivery.objects.filter(subscriber__email__iexact=email)),
        _section(ContactRequest, ContactRequest.objects.filter(email__iexact=email)),
    ]
    registrations = Registration.objects.filter(user__isnull=True, email__iexact=email)
    sections.append(
        _section(Registration, registrations, _("Inscriptions aux formations sans compte"))
    )
    return sections


def _rows(section) -> list[dict]:
    return list(section["queryset"].values(*section["columns"]))


def _csv(columns, rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: value.isoformat() if isinstance(value, datetime.date) else value
                for key, value in row.items()
            }
        )
    return out.getvalue()


def build_zip(export: PersonalDataExport, *, on_progress=None) -> bytes:
    sections = (
        sections_for_account(export.subject)
        if export.subject_id
        else sections_for_email(export.email)
    )
    buffer = io.BytesIO()
    written = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, section in enumerate(sections, start=1):
            rows = _rows(section)
            if rows:
                name = section["name"]
                archive.writestr(
                    "%s.json" % name,
                    json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                )
                archive.writestr("%s.csv" % name, _csv(section["columns"], rows))
                written.append({**section, "rows": rows})
            if on_progress:
                on_progress(number * 100 // (len(sections) + 1))
        archive.writestr(
            "index.html",
            render_to_string(
                "progress/personal_data_export.html",
                {"export": export, "sections": written, "now": timezone.now()},
            ),
        )
    return buffer.getvalue()


def _notify(export: PersonalDataExport) -> None:
    """The requester hears that the file is ready (a link to its page, never the data)."""
    if not export.requested_by.email:
        return
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "progress:personal_data_export", args=[export.pk]
    )
    send_mail(
        _("Trajectoires : l'export de données personnelles est prêt"),
        _(
            "Bonjour,\n\nL'export de données personnelles demandé le %(day)s est prêt. "
            "Il se télécharge depuis cette page, après connexion :\n%(url)s\n\n"
            "Le fichier sera supprimé le %(expires)s.\n"
        )
        % {
            "day": timezone.localtime(export.created_at).strftime("%d/%m/%Y"),
            "url": url,
            "expires": timezone.localtime(export.expires_at).strftime("%d/%m/%Y"),
        },
        None,
        [export.requested_by.email],
    )


def build_export_now(export_id: int) -> None:
    with transaction.atomic():
        export = PersonalDataExport.objects.select_for_update().get(pk=export_id)
        if export.status != ReportStatus.QUEUED:
            return  # built, or being built, by another run
        export.status = ReportStatus.BUILDING
        export.save(update_fields=["status"])

    def on_progress(percent):
        PersonalDataExport.objects.filter(pk=export.pk).update(progress=percent)

    try:
        payload = build_zip(export, on_progress=on_progress)
    except Exception as error:
        PersonalDataExport.objects.filter(pk=export.pk).update(
            status=ReportStatus.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        raise
    now = timezone.now()
    export.file.save(export.filename, ContentFile(payload), save=False)
    export.status = ReportStatus.READY
    export.progress = 100
    export.finished_at = now
    export.expires_at = now + datetime.timedelta(days=settings.PERSONAL_DATA_EXPORT_RETENTION_DAYS)
    export.save(update_fields=["file", "status", "progress", "finished_at", "expires_at"])
    _notify(export)


@task()
def build_personal_data_export(export_id: int) -> None:
    build_export_now(export_id)


def request_export(*, by, subject=None, email: str = "") -> PersonalDataExport:
    """Queue an export of ``subject`` (an account) or of an address without one."""
    export = PersonalDataExport.objects.create(
        subject=subject, email=email.strip().lower(), requested_by=by
    )
    transaction.on_commit(lambda: build_personal_data_export.enqueue(export.pk))
    return export


def purge_expired_exports(now=None) -> int:
    """Delete the export files (and their rows) past their retention; how many."""
    now = now or timezone.now()
    expired = list(PersonalDataExport.objects.filter(expires_at__lt=now))
    for export in expired:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(expired)


@task()
def purge_expired_personal_data_exports() -> int:
    """Daily: the export files past PERSONAL_DATA_EXPORT_RETENTION_DAYS go."""
    return purge_expired_exports()
