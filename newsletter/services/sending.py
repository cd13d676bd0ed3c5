"""Sending an issue: the e-mail rendered once, one delivery row per recipient, claimed
by one worker at a time.

Restart-safety, the rule:

* A row is **claimed** by a conditional ``UPDATE … SET state='sending', claim=<run>``
  whose ``WHERE`` repeats the condition that made it due (queued, a temporary failure
  whose next attempt has come, or a claim older than the lease). Two workers never
  hold the same row: the database applies the second UPDATE to the row's current
  version, where the condition no longer holds (PostgreSQL re-checks it after the
  first commits; SQLite writes one at a time).
* Each message is marked ``sent`` in its own UPDATE as soon as the server has
  accepted it, before the next one goes out. A worker killed between two messages
  leaves its rows ``sending``; once the lease (``NEWSLETTER_SEND_LEASE_SECONDS``) is
  over, the next run takes them again. Nothing is lost; the only message that can go
  twice is one the server accepted in the instant before the kill, before its row was
  written (the window of one UPDATE).
* A 4xx answer (or a dropped connection) is a temporary failure: retried after
  ``NEWSLETTER_RETRY_DELAYS`` (backoff), at most ``len(delays) + 1`` attempts. A 5xx
  answer sets the address aside (``bounced``, and the subscriber too) and the editor
  sees it with the server's words.
"""

import contextlib
import datetime
import re
import secrets
import smtplib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task
from wagtail.images import get_image_model

from agenda.models import AgendaEntry
from cms.models import CodeSourceSheet, MediaItem
from coaching.models import Animation
from core.pdf import image_data_uri

from ..enums import DeliveryState, SubscriberStatus
from ..models import Delivery, NewsletterIssue, Section, Subscriber
from ..richtext import plain_text
from .subscribers import absolute_url, unsubscribe_url

#: Stands for each recipient's own unsubscribe address in the rendered issue.
UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/__RECIPIENT__"
_RELATIVE = re.compile(r'(href|src)="/(?!/)')
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False, keep_at_rules=True)


def batch_size() -> int:
    return getattr(settings, "NEWSLETTER_BATCH_SIZE", 200)


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "NEWSLETTER_SEND_LEASE_SECONDS", 600))


def retry_delays() -> list[int]:
    return list(getattr(settings, "NEWSLETTER_RETRY_DELAYS", [60, 300, 1800, 7200]))


def absolutise(html: str) -> str:
    """Links and images by absolute address: a mail client has no site to resolve from."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return _RELATIVE.sub(lambda m: '%s="%s/' % (m.group(1), base), html)


#: The size of a section's photo in the page, the mail and the PDF.
FIGURE_RENDITION = "max-1200x900"


@dataclass(frozen=True)
class Figure:
    """A photo of a section: its absolute address, its file for the PDF, its rights."""

    url: str
    #: the rendition's stored file, read for the PDF only (:attr:`file_uri`)
    file: object = field(repr=False, compare=False)
    alt: str
    title: str
    credit: str
    licence: str
    licence_url: str

    @cached_property
    def file_uri(self) -> str:
        """The PDF's ``src``: the rendition read through its storage (a bucket's file has
        no path), when the PDF's template asks for it — the page and the mail never do."""
        return image_data_uri(self.file)


@dataclass(frozen=True)
class Link:
    """A sheet, an animation or an event a section points to, by absolute address."""

    kind: str
    title: str
    detail: str
    url: str


def _sections_with_picks(queryset):
    """Sections with their photos (renditions included) and links, in six queries
    whatever their number."""
    images = get_image_model().objects.prefetch_renditions(FIGURE_RENDITION)
    return queryset.select_related("organisation").prefetch_related(
        Prefetch(
            "images",
            # a photo withdrawn from the library (or its consent withdrawn) leaves the letter
            queryset=MediaItem.objects.publishable()
            .order_by("-date", "-pk")
            .prefetch_related(Prefetch("image", queryset=images)),
        ),
        Prefetch("sheets", queryset=CodeSourceSheet.objects.live().order_by("-month", "title")),
        Prefetch(
            "animations",
            queryset=Animation.objects.select_related("accompaniment__eric__public_page").order_by(
                "-starts_at"
            ),
        ),
        Prefetch(
            "events", queryset=AgendaEntry.objects.select_related("event").order_by("event__start")
        ),
    )


def _figure(item) -> Figure:
    rendition = item.image.get_rendition(FIGURE_RENDITION)
    licence = item.licence_choice
    return Figure(
        url=absolute_url(rendition.url) if rendition.url.startswith("/") else rendition.url,
        file=rendition.file,
        alt=item.alt_text.strip() or item.title,
        title=item.title,
        credit=item.credit,
        licence=licence.short_name,
        licence_url=licence.url,
    )


def _day(value) -> str:
    return date_format(timezone.localtime(value), "l j F Y")


def _links(section) -> list[Link]:
    links = [
        Link(
            _("Fiche « code source »"),
            sheet.title,
            sheet.summary,
            sheet.get_full_url(),
        )
        for sheet in section.sheets.all()
    ]
    for animation in section.animations.all():
        eric = animation.accompaniment.eric
        page = getattr(eric, "public_page", None)
        # its record lives in the private space: the link goes to its ERIC's public page
        url = page.get_full_url() if page is not None and page.live else ""
        detail = ", ".join(
            part for part in (_day(animation.starts_at), animation.place, eric.name) if part
        )
        links.append(Link(_("Animation"), animation.title, detail, url))
    for entry in section.events.all():
        detail = ", ".join(part for part in (_day(entry.event.start), entry.location) if part)
        url = absolute_url(reverse("agenda:entry_ics", args=[entry.uid]))
        links.append(Link(_("Événement"), entry.event.title, detail, url))
    return links


def decorate(section) -> None:
    """Give a prefetched section its ``figures`` and ``links`` for the templates."""
    section.figures = [_figure(item) for item in section.images.all() if item.image_id]
    section.links = _links(section)


def section_view(section):
    """One section as the letter shows it (the contributor's preview)."""
    section = _sections_with_picks(Section.objects.filter(pk=section.pk)).get()
    decorate(section)
    return section


def issue_context(issue: NewsletterIssue) -> dict:
    sections = list(_sections_with_picks(issue.sections.all()))
    for section in sections:
        decorate(section)
    sections = [s for s in sections if s.body or s.figures or s.links]
    return {
        "issue": issue,
        "programme": issue.programme,
        "sections": sections,
        "web_url": absolute_url(
            reverse("newsletter_public:issue", args=[issue.programme.slug, issue.number])
        ),
        "archive_url": absolute_url(reverse("newsletter_public:archive")),
        "subscribe_url": absolute_url(reverse("newsletter_public:subscribe")),
    }


@dataclass(frozen=True)
class RenderedIssue:
    """The issue's mail, rendered and inlined once, ready for each recipient."""

    subject: str
    html: str
    text: str
    from_email: str

    def message_for(self, subscriber: Subscriber, connection=None) -> EmailMultiAlternatives:
        url = unsubscribe_url(subscriber)
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text.replace(UNSUBSCRIBE_PLACEHOLDER, url),
            from_email=self.from_email,
            to=[subscriber.email],
            connection=connection,
            headers={
                # RFC 2369 and RFC 8058: one-click unsubscribe by the mail client
                "List-Unsubscribe": "<%s>" % url,
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            self.html.replace(escape(UNSUBSCRIBE_PLACEHOLDER), escape(url)), "text/html"
        )
        return message


def _section_text(section) -> str:
    """A section in the mail's text part: its text, then its photos and links."""
    parts = [
        "%s\n%s\n(%s)\n\n%s"
        % (
            section.title,
            "-" * len(section.title),
            section.organisation.name,
            plain_text(section.body),
        )
    ]
    for figure in section.figures:
        parts.append(
            _("[Photo : %(alt)s — %(credit)s, %(licence)s] %(url)s")
            % {
                "alt": figure.alt,
                "credit": figure.credit,
                "licence": figure.licence,
                "url": figure.url,
            }
        )
    for link in section.links:
        parts.append(
            " ".join(
                part
                for part in ("→ %s : %s (%s)" % (link.kind, link.title, link.detail), link.url)
                if part
            )
        )
    return "\n\n".join(parts)


def render_issue_email(issue: NewsletterIssue) -> RenderedIssue:
    context = issue_context(issue) | {"unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER}
    html = _INLINER.inline(absolutise(render_to_string("newsletter/email/issue.html", context)))
    sections_text = [_section_text(s) for s in context["sections"]]
    text = render_to_string(
        "newsletter/email/issue.txt",
        context | {"sections_text": sections_text, "introduction": plain_text(issue.introduction)},
    )
    subject = _("%(programme)s — lettre n° %(number)s : %(title)s") % {
        "programme": issue.programme.name,
        "number": issue.number,
        "title": issue.title,
    }
    return RenderedIssue(subject, html, text, settings.DEFAULT_FROM_EMAIL)


def queue_deliveries(issue: NewsletterIssue) -> int:
    """One queued delivery per confirmed subscriber (none twice: the pair is unique);
    returns how many deliveries the issue has."""
    recipients = Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).values_list(
        "pk", flat=True
    )
    rows = (Delivery(issue=issue, subscriber_id=pk) for pk in recipients.iterator(2000))
    Delivery.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return issue.deliveries.count()


def _due(now: datetime.datetime) -> Q:
    return (
        Q(state=DeliveryState.QUEUED)
        | Q(state=DeliveryState.TEMP_FAILED, next_attempt_at__lte=now)
        | Q(state=DeliveryState.SENDING, claimed_at__lt=now - lease())
    )


def claim_batch(issue_id: int, run: str, size: int) -> list[Delivery]:
    """Take up to ``size`` due deliveries of the issue for the run ``run``."""
    now = timezone.now()
    due = _due(now)
    ids = list(
        Delivery.objects.filter(due, issue_id=issue_id)
        .order_by("pk")
        .values_list("pk", flat=True)[:size]
    )
    if not ids:
        return []
    Delivery.objects.filter(due, pk__in=ids).update(
        state=DeliveryState.SENDING, claim=run, claimed_at=now
    )
    return list(
        Delivery.objects.filter(pk__in=ids, claim=run, state=DeliveryState.SENDING)
        .select_related("subscriber")
        .order_by("pk")
    )


def _mine(delivery: Delivery, run: str):
    return Delivery.objects.filter(pk=delivery.pk, claim=run, state=DeliveryState.SENDING)


def _smtp_code(error: Exception) -> int | None:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return max(codes) if codes else None
    return getattr(error, "smtp_code", None)


def _error_text(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [
            "%s %s"
            % (code, message.decode(errors="replace") if isinstance(message, bytes) else message)
            for code, message in error.recipients.values()
        ]
        return "; ".join(parts)[:500]
    code, message = getattr(error, "smtp_code", None), getattr(error, "smtp_error", None)
    if code is not None:
        if isinstance(message, bytes):
            message = message.decode(errors="replace")
        return ("%s %s" % (code, message))[:500]
    return ("%s: %s" % (type(error).__name__, error))[:500]


def _close(connection) -> None:
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):  # the server went away: nothing to close
        connection.connection = None


def send_one(connection, rendered: RenderedIssue, delivery: Delivery, run: str) -> str:
    """Send one delivery the run holds; return the state it ends in."""
    subscriber = delivery.subscriber
    now = timezone.now()
    if subscriber.status != SubscriberStatus.CONFIRMED:  # unsubscribed since queued
        _mine(delivery, run).update(state=DeliveryState.SKIPPED, claim="")
        return DeliveryState.SKIPPED
    try:
        # one connection for the whole run: send_messages() would otherwise open and
        # close one per message (open() does nothing when it is open already)
        connection.open()
        connection.send_messages([rendered.message_for(subscriber)])
    except (smtplib.SMTPException, OSError) as error:
        code = _smtp_code(error)
        attempts = delivery.attempts + 1
        if code is not None and 500 <= code < 600:
            _mine(delivery, run).update(
                state=DeliveryState.BOUNCED,
                attempts=attempts,
                last_error=_error_text(error),
                claim="",
            )
            Subscriber.objects.filter(pk=subscriber.pk, status=SubscriberStatus.CONFIRMED).update(
                status=SubscriberStatus.BOUNCED
            )
            return DeliveryState.BOUNCED
        if not isinstance(error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused):
            _close(connection)  # dropped or refused connection: open a fresh one next
        delays = retry_delays()
        if attempts > len(delays):
            _mine(delivery, run).update(
                state=DeliveryState.BOUNCED,
                attempts=attempts,
                last_error=_("Abandon après %(n)s essais : %(error)s")
                % {"n": attempts, "error": _error_text(error)},
                claim="",
            )
            return DeliveryState.BOUNCED
        _mine(delivery, run).update(
            state=DeliveryState.TEMP_FAILED,
            attempts=attempts,
            last_error=_error_text(error),
            next_attempt_at=now + datetime.timedelta(seconds=delays[attempts - 1]),
            claim="",
        )
        return DeliveryState.TEMP_FAILED
    _mine(delivery, run).update(
        state=DeliveryState.SENT, attempts=delivery.attempts + 1, sent_at=now, last_error=""
    )
    return DeliveryState.SENT


@contextlib.contextmanager
def _commits_without_waiting_for_the_disk():
    """On PostgreSQL, each « sent » mark commits without waiting for the disk flush
    (``synchronous_commit = off`` for this session, restored after): the send is three
    times less bound by the disk. A worker killed mid-send loses nothing (its commits
    are in the server); only a crash of the database server itself could forget the
    last fraction of a second of marks, whose recipients would then get the issue a
    second time. SQLite keeps its defaults."""
    if db_connection.vendor != "postgresql":
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with db_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO DEFAULT")


def send_due_deliveries(issue_id: int) -> dict:
    """Send every due delivery of a published issue, batch after batch; then, if some
    wait for a retry, ask the worker to come back when the first is due."""
    issue = NewsletterIssue.objects.select_related("programme").get(pk=issue_id)
    if not issue.is_published:
        return {}
    rendered = render_issue_email(issue)
    run = secrets.token_hex(8)
    outcome = Counter()
    connection = get_connection()
    try:
        with _commits_without_waiting_for_the_disk():
            while batch := claim_batch(issue_id, run, batch_size()):
                for delivery in batch:
                    outcome[send_one(connection, rendered, delivery, run)] += 1
    finally:
        _close(connection)
    schedule_retry(issue_id)
    return dict(outcome)


def schedule_retry(issue_id: int) -> None:
    """With a backend that can defer (the database queue), come back for the next
    retry; the periodic run (``newsletter.tasks.newsletter_tick``) catches it otherwise."""
    next_at = (
        Delivery.objects.filter(issue_id=issue_id, state=DeliveryState.TEMP_FAILED)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if next_at is None or not default_task_backend.supports_defer:
        return
    send_issue.using(run_after=max(next_at, timezone.now())).enqueue(issue_id)


@task()
def send_issue(issue_id: int) -> dict:
    """The worker's job: send an issue's due deliveries (safe to run twice at once)."""
    return send_due_deliveries(issue_id)


def start_sending(issue_id: int) -> None:
    send_issue.enqueue(issue_id)


def issues_with_due_deliveries() -> list[int]:
    return list(
        Delivery.objects.filter(_due(timezone.now()))
        .values_list("issue_id", flat=True)
        .distinct()
        .order_by("issue_id")
    )
