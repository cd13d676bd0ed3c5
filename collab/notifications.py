"""Notifications: the bell, the e-mail of each message, the daily digest (ADR 0024).

:func:`notify` is the one entry point: the discussion list calls it for each message,
the wiki for each page saved, and any later feature of a space (the shared documents)
does the same. It writes one :class:`Notification` per member (never to someone
outside the space), updates their bell live (a Channels group per person) and, for
those who chose « chaque message » for that space, enqueues the e-mail in the task
worker. The others find it in the daily digest (:func:`send_daily_digests`, on the
platform's clock) or only in the bell.
"""

import datetime
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from coaching.scope import forget_scope

from .membership import collab_reach, forget_collab_reach, space_member_reasons
from .threads_models import (
    DEFAULT_MODE,
    DeliveryMode,
    DigestDelivery,
    Notification,
    NotificationKind,
    NotificationPreference,
)

logger = logging.getLogger(__name__)

#: The digest covers what happened since the previous day's at most.
DIGEST_WINDOW = datetime.timedelta(hours=24)


def user_group(user_id: int) -> str:
    """The Channels group of one person's bell."""
    return "collab.notifications.%d" % user_id


def modes_for(user_ids, space_id) -> dict[int, str]:
    """``{user id: mode}`` for ``space_id``: the person's choice for the space, else
    their choice for every space, else the default (one query)."""
    chosen: dict[int, dict] = {}
    for user_id, pref_space, mode in NotificationPreference.objects.filter(
        Q(space_id=space_id) | Q(space__isnull=True), user_id__in=list(user_ids)
    ).values_list("user_id", "space_id", "mode"):
        chosen.setdefault(user_id, {})[pref_space] = mode
    return {
        user_id: chosen.get(user_id, {}).get(
            space_id, chosen.get(user_id, {}).get(None, DEFAULT_MODE)
        )
        for user_id in user_ids
    }


def unread_counts(user_ids) -> dict[int, int]:
    counts = dict(
        Notification.objects.filter(user_id__in=list(user_ids), read_at__isnull=True)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    return {user_id: counts.get(user_id, 0) for user_id in user_ids}


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notify(*, space, kind, text, url, actor=None, user_ids=None, message=None) -> list:
    """Tell the members of ``space`` (or those of ``user_ids`` who are members) that
    something happened there; never ``actor`` themselves. Returns the notifications."""
    members = space_member_reasons(space)
    wanted = set(members) if user_ids is None else set(user_ids) & set(members)
    if actor is not None:
        wanted.discard(actor.pk)
    if not wanted:
        return []
    active = set(
        get_user_model().objects.filter(pk__in=wanted, is_active=True).values_list("pk", flat=True)
    )
    notifications = Notification.objects.bulk_create(
        Notification(
            user_id=user_id,
            space=space,
            kind=kind,
            actor=actor,
            text=str(text)[:300],
            url=url[:500],
            message=message,
        )
        for user_id in sorted(active)
    )
    modes = modes_for(active, space.pk)
    each = [n.pk for n in notifications if modes[n.user_id] == DeliveryMode.EACH]
    recipients = sorted(active)

    def after_commit():
        push_counts(recipients)
        if each:
            from .notifications_tasks import send_notification_emails

            send_notification_emails.enqueue(each)

    transaction.on_commit(after_commit)
    return notifications


def push_counts(user_ids) -> None:
    """Send each person's unread count to their bell (lost if the layer is down: the
    bell reads it again at the next page)."""
    layer = get_channel_layer()
    try:
        for user_id, count in unread_counts(user_ids).items():
            async_to_sync(layer.group_send)(
                user_group(user_id), {"type": "notifications.count", "count": count}
            )
    except Exception:
        logger.warning("Notification counts not pushed", exc_info=True)


def mark_read(user, notifications=None) -> int:
    """Mark ``user``'s notifications (all unread, or those given) as read."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notifications is not None:
        unread = unread.filter(pk__in=[n.pk for n in notifications])
    count = unread.update(read_at=timezone.now())
    if count:
        transaction.on_commit(lambda: push_counts([user.pk]))
    return count


def mark_page_read(user, path: str) -> int:
    """Opening a page reads the notifications that point to it (``path``, or an anchor
    in it: a thread's ``#message-…``), in one UPDATE; the bell is told when it changes."""
    notifications = Notification.objects.filter(user=user, read_at__isnull=True).filter(
        Q(url=path) | Q(url__startswith=path + "#")
    )
    count = notifications.update(read_at=timezone.now())
    if count:
        transaction.on_commit(lambda: push_counts([user.pk]))
    return count


def forget_page(path: str) -> int:
    """Delete the notifications that point to a page that is going away (``path``, or an
    anchor in it), so that no bell leads to a 404; the bells of those who had not read
    them are told once it is committed."""
    notifications = Notification.objects.filter(Q(url=path) | Q(url__startswith=path + "#"))
    unread = set(notifications.filter(read_at__isnull=True).values_list("user_id", flat=True))
    count, _by_model = notifications.delete()
    if unread:
        transaction.on_commit(lambda: push_counts(sorted(unread)))
    return count


def set_preference(user, space, mode) -> None:
    """``space`` None: the choice for every space (each space's own choice wins)."""
    if mode not in DeliveryMode.values:
        raise ValueError(mode)
    NotificationPreference.objects.update_or_create(user=user, space=space, defaults={"mode": mode})


def clear_preference(user, space) -> None:
    NotificationPreference.objects.filter(user=user, space=space).delete()


# --- E-mail ---------------------------------------------------------------------------


def _still_member(user, space_id) -> bool:
    forget_scope(user)
    forget_collab_reach(user)
    reach = collab_reach(user)
    return reach.sees_every_space or space_id in reach.space_ids


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _message_mail(notification, user):
    """The list's e-mail of one message, with its signed Reply-To for ``user``."""
    from .inbound import reply_address

    message = notification.message
    thread = message.thread
    space = thread.space
    context = {
        "notification": notification,
        "message": message,
        "thread": thread,
        "space": space,
        "url": _absolute(notification.url),
        "attachments": list(message.attachments.all()),
    }
    domain = settings.COLLAB_INBOUND_DOMAIN
    mail = EmailMessage(
        subject="[%s] %s" % (space.title, thread.title),
        body=render_to_string("collab/notifications/message_email.txt", context),
        to=[user.email],
        reply_to=[reply_address(user, thread)],
        headers={
            "Message-ID": "<message-%d@%s>" % (message.pk, domain),
            "In-Reply-To": "<thread-%d@%s>" % (thread.pk, domain),
            "References": "<thread-%d@%s>" % (thread.pk, domain),
            "List-Id": "%s <espace-%d.%s>" % (space.title, space.pk, domain),
            "Auto-Submitted": "auto-generated",
        },
    )
    return mail


def _plain_mail(notification, user):
    context = {"notification": notification, "url": _absolute(notification.url)}
    return EmailMessage(
        subject="[%s] %s" % (notification.space.title, notification.text),
        body=render_to_string("collab/notifications/notification_email.txt", context),
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def send_emails(notification_ids) -> int:
    """The task's body: e-mail each notification not sent yet, to a person still in the
    space who still chose « chaque message ». Returns how many were sent."""
    notifications = list(
        Notification.objects.filter(pk__in=list(notification_ids), emailed_at__isnull=True)
        .select_related("user", "space", "message__thread__space", "message__author")
        .order_by("pk")
    )
    if not notifications:
        return 0
    sent = 0
    connection = get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for notification in notifications:
            user = notification.user
            if not user.is_active or not user.email:
                continue
            if not _still_member(user, notification.space_id):
                continue
            mode = modes_for([user.pk], notification.space_id)[user.pk]
            if mode != DeliveryMode.EACH:
                continue
            if notification.kind in (NotificationKind.MESSAGE, NotificationKind.MENTION) and (
                notification.message_id
            ):
                mail = _message_mail(notification, user)
            else:
                mail = _plain_mail(notification, user)
            mail.connection = connection
            with transaction.atomic():
                updated = Notification.objects.filter(
                    pk=notification.pk, emailed_at__isnull=True
                ).update(emailed_at=timezone.now())
                if updated:
                    mail.send()
                    sent += 1
    return sent


# --- The daily digest -----------------------------------------------------------------


def digest_items(user, now=None):
    """What ``user``'s digest would hold at ``now``: the notifications of the last day,
    not already e-mailed one by one, of the spaces where they chose the digest and that
    they still belong to, grouped by space."""
    now = now or timezone.now()
    if not _reach_spaces(user):
        return []
    notifications = list(
        Notification.objects.filter(
            user=user, emailed_at__isnull=True, created_at__gt=now - DIGEST_WINDOW
        )
        .select_related("space", "actor")
        .order_by("space__title", "created_at")
    )
    reach = collab_reach(user)
    space_ids = {n.space_id for n in notifications}
    modes = {space_id: modes_for([user.pk], space_id)[user.pk] for space_id in space_ids}
    groups: dict[int, tuple] = {}
    for notification in notifications:
        if not (reach.sees_every_space or notification.space_id in reach.space_ids):
            continue  # no longer a member: nothing of that space, ever
        if modes[notification.space_id] != DeliveryMode.DIGEST:
            continue
        groups.setdefault(notification.space_id, (notification.space, []))[1].append(notification)
    return list(groups.values())


def _reach_spaces(user) -> bool:
    forget_scope(user)
    forget_collab_reach(user)
    reach = collab_reach(user)
    return reach.sees_every_space or bool(reach.space_ids)


def digest_candidates(now):
    """The people with something for the digest (one query)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            collab_notifications__emailed_at__isnull=True,
            collab_notifications__created_at__gt=now - DIGEST_WINDOW,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def send_daily_digests(now=None) -> int:
    """Send today's digest to everyone who has one and has not had it today. Each
    person's row (:class:`DigestDelivery`, unique per day) is written in the transaction
    that sends: a second run the same day, or a run after a restart, sends nothing
    twice; a mail server that fails rolls the row back and the next run tries again."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    done = set(DigestDelivery.objects.filter(day=day).values_list("user_id", flat=True))
    sent = 0
    connection = get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for user in digest_candidates(now):
            if user.pk in done:
                continue
            groups = digest_items(user, now)
            if not groups:
                continue
            count = sum(len(items) for _space, items in groups)
            body = render_to_string(
                "collab/notifications/digest_email.txt",
                {
                    "user": user,
                    "groups": [
                        (space, [(n, _absolute(n.url)) for n in items]) for space, items in groups
                    ],
                    "day": day,
                    "settings_url": _absolute(reverse("collab:notification_settings")),
                },
            )
            mail = EmailMessage(
                subject="Trajectoires · %s" % translation.gettext("votre résumé du jour"),
                body=body,
                to=[user.email],
                headers={"Auto-Submitted": "auto-generated"},
                connection=connection,
            )
            try:
                with transaction.atomic():
                    DigestDelivery.objects.create(user=user, day=day, items=count)
                    mail.send()
            except IntegrityError:
                continue  # another worker sent it meanwhile
            except Exception:
                logger.exception("Digest of user %s not sent", user.pk)
                continue
            sent += 1
    return sent
