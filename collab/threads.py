"""The discussion list of a space: open a thread, post a message (on the site or by
e-mail), and read them back — Markdown sanitised like the wiki, ``@mentions`` of
members only, attachments checked like every upload, links to records shown as cards
to the readers who may see the record (ADR 0024).

Writes go through :func:`thread_create` and :func:`post_message`; both check that the
author belongs to the space; the members' notifications (``collab.notifications``) are
written with the message, and once it is committed the readers of the thread (its
Channels group) are told."""

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.uploads import inspect_document

from .membership import can_view_space, space_member_reasons
from .models import Attachment, Message, Thread, WikiPage
from .search import normalise
from .threads_models import NotificationKind
from .wikitext import render_wiki

logger = logging.getLogger(__name__)

MAX_BODY = 20_000
MAX_ATTACHMENTS = 5
#: ``@username``: a Django username's characters; a trailing dot ends the sentence.
MENTION = re.compile(r"(?<![\w@./])@([\w.+-]*[\w+-])")
#: Links to the platform's own records, absolute or not.
LINK = re.compile(r"(?:https?://[^\s<>()\[\]\"']+|(?<![\w/])/[\w\-./]+/)")


def thread_group(thread_id: int) -> str:
    """The Channels group of the readers of a thread."""
    return "collab.thread.%d" % thread_id


# --- Writing --------------------------------------------------------------------------


def mentioned_users(space, body: str, reasons: dict | None = None):
    """The members ``body`` mentions; a mention of anyone else is refused."""
    names = {name.lower() for name in MENTION.findall(body or "")}
    if not names:
        return []
    User = get_user_model()
    found = {
        user.username.lower(): user
        for user in User.objects.filter(is_active=True).filter(
            username__iregex=r"^(%s)$" % "|".join(re.escape(name) for name in names)
        )
    }
    reasons = space_member_reasons(space) if reasons is None else reasons
    outsiders = sorted(name for name in names if name not in found or found[name].pk not in reasons)
    if outsiders:
        raise ValidationError(
            {
                "body": _(
                    "Vous ne pouvez citer que les membres de l'espace : %(names)s n'en fait "
                    "pas partie (ou ce compte n'existe pas)."
                )
                % {"names": ", ".join("@" + name for name in outsiders)}
            }
        )
    return list(found.values())


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Écrivez un message.")})
    if len(body) > MAX_BODY:
        raise ValidationError(
            {"body": _("Le message dépasse %(max)s caractères.") % {"max": MAX_BODY}}
        )
    return body


def _check_files(files) -> list[tuple[object, str]]:
    files = list(files or ())
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"files": _("%(max)s pièces jointes au plus par message.") % {"max": MAX_ATTACHMENTS}}
        )
    checked = []
    for upload in files:
        try:
            checked.append((upload, inspect_document(upload)))
        except ValidationError as error:
            raise ValidationError(
                {"files": ["%s : %s" % (upload.name, message) for message in error.messages]}
            ) from None
    return checked


def _check_member(by, space):
    if not can_view_space(by, space):
        raise ValidationError(_("Vous ne faites pas partie de cet espace."))


@transaction.atomic
def thread_create(*, by, space, title: str, body: str, files=()) -> Thread:
    _check_member(by, space)
    title = " ".join((title or "").split())[:200]
    if not title:
        raise ValidationError({"title": _("Donnez un sujet à la discussion.")})
    body = _check_body(body)
    thread = Thread.objects.create(space=space, title=title, created_by=by)
    post_message(by=by, thread=thread, body=body, files=files)
    return thread


@transaction.atomic
def post_message(*, by, thread: Thread, body: str, files=(), by_email: bool = False) -> Message:
    """Write ``body`` (and ``files``) in ``thread`` as ``by``; raise a French
    ``ValidationError`` and write nothing when the author is not a member, a mention
    names someone outside the space or a file is refused."""
    space = thread.space
    _check_member(by, space)
    body = _check_body(body)
    reasons = space_member_reasons(space)
    mentions = mentioned_users(space, body, reasons)
    checked = _check_files(files)
    message = Message.objects.create(
        thread=thread,
        author=by,
        body=body,
        by_email=by_email,
        search_text=normalise("%s %s" % (thread.title, body)),
    )
    if mentions:
        message.mentions.set(mentions)
    for upload, content_type in checked:
        attachment = Attachment(
            message=message,
            original_name=(upload.name or "fichier")[:255],
            content_type=content_type,
            size=upload.size,
        )
        attachment.file.save(upload.name or "fichier", upload, save=False)
        attachment.save()
    Thread.objects.filter(pk=thread.pk).update(
        last_message_at=message.created_at, message_count=F("message_count") + 1
    )
    # the notifications are written with the message; pushes and e-mails go after commit
    _notify_members(message, by, reasons, mentions)
    transaction.on_commit(lambda: broadcast_message(thread.pk, message.pk))
    return message


def _notify_members(message, by, reasons, mentions):
    from .notifications import notify  # notifications import this module's group names

    thread = message.thread
    url = reverse("collab:thread_detail", args=[thread.space.slug, thread.pk])
    url += "#message-%d" % message.pk
    who = by.get_full_name() or by.get_username()
    mentioned = {user.pk for user in mentions} - {by.pk}
    if mentioned:
        notify(
            space=thread.space,
            kind=NotificationKind.MENTION,
            text=_("%(who)s vous cite dans « %(thread)s »") % {"who": who, "thread": thread.title},
            url=url,
            actor=by,
            user_ids=mentioned,
            message=message,
        )
    notify(
        space=thread.space,
        kind=NotificationKind.MESSAGE,
        text=_("%(who)s a écrit dans « %(thread)s »") % {"who": who, "thread": thread.title},
        url=url,
        actor=by,
        user_ids=set(reasons) - mentioned - {by.pk},
        message=message,
    )


def broadcast_message(thread_id: int, message_id: int) -> None:
    """Tell the thread's open pages that a message arrived; each fetches it through its
    permission check (a push carries no text). A channel layer down loses the push,
    never the message: the page shows it at the next load."""
    try:
        async_to_sync(get_channel_layer().group_send)(
            thread_group(thread_id), {"type": "thread.message", "id": message_id}
        )
    except Exception:
        logger.warning("Thread %s: live push lost", thread_id, exc_info=True)


# --- Reading --------------------------------------------------------------------------


def thread_messages(thread, *, after: int = 0):
    """The messages of ``thread`` (those after the id ``after``) with their authors,
    attachments and mentions: three queries whatever their number."""
    messages = thread.messages.select_related("author").prefetch_related("attachments", "mentions")
    if after:
        messages = messages.filter(pk__gt=after)
    return list(messages.order_by("created_at", "pk"))


@dataclass
class Card:
    kind: str
    title: str
    url: str
    detail: str = ""


def _local_path(link: str) -> str | None:
    if link.startswith("/"):
        return link
    parsed = urlparse(link)
    own = urlparse(settings.WAGTAILADMIN_BASE_URL)
    hosts = {own.netloc, *settings.ALLOWED_HOSTS}
    if parsed.netloc in hosts or parsed.hostname in hosts:
        return parsed.path or "/"
    return None


def _record_refs(body: str) -> list[tuple[str, object]]:
    """``(kind, key)`` of each record ``body`` links to: animations and trainings by
    id, wiki pages by (space slug, page slug), sheets by slug."""
    refs = []
    for link in LINK.findall(body or ""):
        path = _local_path(link.rstrip(".,;:!?"))
        if not path:
            continue
        if path.startswith("/code-source/") and path.count("/") == 3:
            refs.append(("sheet", path.strip("/").split("/")[-1]))
            continue
        try:
            match = resolve(path)
        except Resolver404:
            continue
        name = match.view_name
        if name == "coaching:animation_detail":
            refs.append(("animation", match.kwargs["pk"]))
        elif name == "trainings:training_detail":
            refs.append(("training", match.kwargs["pk"]))
        elif name == "collab:wiki_page":
            refs.append(("wiki", (match.kwargs["space"], match.kwargs["page"])))
    return refs


def record_cards(user, messages) -> dict[int, list[Card]]:
    """``{message id: [Card, …]}``: the records the messages link to that ``user`` may
    see (a link to anything else stays a plain link). One query per kind of record
    linked to, whatever the number of messages."""
    from cms.models import CodeSourceSheet
    from coaching.models import Animation
    from coaching.perms import can_view_animation
    from trainings.models import Training
    from trainings.perms import can_view_training

    refs = {message.pk: _record_refs(message.body) for message in messages}
    wanted: dict[str, set] = {}
    for items in refs.values():
        for kind, key in items:
            wanted.setdefault(kind, set()).add(key)
    if not wanted:
        return {}
    found: dict[tuple, Card] = {}
    if "animation" in wanted:
        for animation in (
            Animation.objects.filter(pk__in=wanted["animation"])
            .select_related("accompaniment__eric")
            .prefetch_related("co_organisers")
        ):
            if can_view_animation(user, animation):
                found["animation", animation.pk] = Card(
                    _("Animation"),
                    animation.title,
                    reverse("coaching:animation_detail", args=[animation.pk]),
                    animation.accompaniment.eric.name,
                )
    if "training" in wanted:
        for training in Training.objects.filter(pk__in=wanted["training"]):
            if can_view_training(user, training):
                found["training", training.pk] = Card(
                    _("Formation"),
                    training.title,
                    reverse("trainings:training_detail", args=[training.pk]),
                )
    if "wiki" in wanted:
        slugs = {page for _space, page in wanted["wiki"]}
        for page in WikiPage.objects.filter(slug__in=slugs).select_related("space"):
            key = (page.space.slug, page.slug)
            if key in wanted["wiki"] and can_view_space(user, page.space):
                found["wiki", key] = Card(
                    _("Page de wiki"),
                    page.title,
                    reverse("collab:wiki_page", args=list(key)),
                    page.space.title,
                )
    if "sheet" in wanted:
        for sheet in CodeSourceSheet.objects.live().filter(slug__in=wanted["sheet"]):
            found["sheet", sheet.slug] = Card(_("Fiche « code source »"), sheet.title, sheet.url)
    cards = {}
    for pk, items in refs.items():
        seen, mine = set(), []
        for ref in items:
            if ref in found and ref not in seen:
                seen.add(ref)
                mine.append(found[ref])
        if mine:
            cards[pk] = mine
    return cards


def wiki_resolver(space):
    """``[[Page]]`` in a message links to the space's wiki (one query)."""
    existing = set(WikiPage.objects.filter(space=space).values_list("slug", flat=True))
    create = reverse("collab:wiki_create", args=[space.slug])

    def resolve_link(slug, title):
        if slug in existing:
            return reverse("collab:wiki_page", args=[space.slug, slug]), True
        return "%s?%s" % (create, urlencode({"titre": title})), False

    return resolve_link


def render_message(message, resolve_link) -> str:
    """The message's safe HTML: the wiki's Markdown and sanitiser, then its mentions
    (members, checked when it was posted) highlighted."""
    html = render_wiki(message.body, resolve_link)
    names = {user.username.lower(): user for user in message.mentions.all()}
    if not names:
        return html

    def mention(match):
        if match[1]:  # a tag: its attributes are left alone
            return match[1]
        user = names.get(match[2].lower())
        if user is None:
            return match[0]
        return '<strong class="mention" title="%s">@%s</strong>' % (
            escape(user.get_full_name() or user.username),
            escape(match[2]),
        )

    return re.sub(r"(<[^>]*>)|" + MENTION.pattern, mention, html)


def message_rows(user, thread, messages):
    """What the thread's template shows for each message."""
    resolve_link = wiki_resolver(thread.space)
    cards = record_cards(user, messages)
    return [
        {
            "message": message,
            "html": render_message(message, resolve_link),
            "cards": cards.get(message.pk, []),
        }
        for message in messages
    ]
