"""Replies by e-mail: the signed reply address of a member in a thread, and the inbound
SMTP endpoint that turns a reply into a message of the thread (ADR 0024).

Each message e-mailed to a member carries ``Reply-To: fil-<thread>-<user>-<time>-<mac>@
COLLAB_INBOUND_DOMAIN``. The MAC (HMAC-SHA256 of the rest with ``SECRET_KEY``, 96 bits,
lower-case hexadecimal so that a mail server lowering the address breaks nothing) ties
the address to that member and that thread; the time makes it expire after
``COLLAB_REPLY_ADDRESS_DAYS``.

The ``inbound`` process (``manage.py run_inbound_smtp``, platform/Procfile) is an aiosmtpd
server. It refuses with ``550`` and logs (logger ``collab.inbound``):

- at ``RCPT``: an address not of the domain, unsigned, forged or expired;
- at ``DATA``: a sender (``From``) other than the member the address was made for, a
  member who left the space or whose account is closed, a thread gone, an empty reply,
  a mention of a non-member, an attachment ``core.uploads`` refuses.

What is kept of the mail: its text part (or its HTML part made text), cut at the
quoted message (« Le … a écrit : », « On … wrote: », lines starting with « > », an
« -----Original Message----- » or « De : » block) and at the signature (« -- »,
« Envoyé de mon … »); its attached files.
"""

import email
import logging
import re
import time
from email import policy
from email.utils import getaddresses

import nh3
from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections
from django.utils.crypto import constant_time_compare, salted_hmac

from coaching.scope import forget_scope

from .membership import can_view_space, forget_collab_reach
from .models import Thread
from .threads import post_message

logger = logging.getLogger("collab.inbound")

SALT = "collab.inbound.reply-address"
MAC_CHARS = 24
LOCAL = re.compile(r"^fil-(\d{1,12})-(\d{1,12})-([0-9a-z]{1,10})-([0-9a-f]{%d})$" % MAC_CHARS)


class Refused(Exception):
    """A reply the endpoint does not post; ``str()`` is the reason logged."""


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def _mac(value: str) -> str:
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:MAC_CHARS]


def reply_address(user, thread, *, now: float | None = None) -> str:
    """The address by which ``user`` replies into ``thread``."""
    stamp = _b36(int(now if now is not None else time.time()))
    value = "fil-%d-%d-%s" % (thread.pk, user.pk, stamp)
    return "%s-%s@%s" % (value, _mac(value), settings.COLLAB_INBOUND_DOMAIN)


def read_reply_address(address: str, *, now: float | None = None) -> tuple[int, int]:
    """``(thread id, user id)`` of a reply address, or :class:`Refused`."""
    local, _at, domain = (address or "").strip().strip("<>").lower().rpartition("@")
    if domain != settings.COLLAB_INBOUND_DOMAIN.lower():
        raise Refused("not our domain: %r" % address)
    match = LOCAL.match(local)
    if not match:
        raise Refused("unsigned address: %r" % address)
    thread_id, user_id, stamp, mac = match.groups()
    value = "fil-%s-%s-%s" % (thread_id, user_id, stamp)
    if not constant_time_compare(mac, _mac(value)):
        raise Refused("forged address: %r" % address)
    age = (now if now is not None else time.time()) - int(stamp, 36)
    if age > settings.COLLAB_REPLY_ADDRESS_DAYS * 86400 or age < -300:
        raise Refused("expired address: %r" % address)
    return int(thread_id), int(user_id)


# --- The text of a reply ----------------------------------------------------------------

_QUOTE_HEADERS = [
    re.compile(r"^\s*Le .{0,200}a écrit\s*:\s*$", re.IGNORECASE),
    re.compile(r"^\s*On .{0,200}wrote\s*:\s*$", re.IGNORECASE),
    re.compile(
        r"^\s*-{2,}\s*(Original Message|Message d'origine|Message original)\s*-{2,}\s*$", re.I
    ),
    re.compile(r"^\s*_{10,}\s*$"),
    re.compile(r"^\s*(De|From)\s*:\s.+$"),
]
_SIGNATURES = [
    re.compile(r"^-- ?$"),
    re.compile(r"^\s*(Envoyé|Envoye) (de|depuis) mon .{0,60}$", re.IGNORECASE),
    re.compile(r"^\s*Sent from my .{0,60}$", re.IGNORECASE),
]


_FOLDED_END = re.compile(r"^\s*(a\s+)?(écrit|wrote)\s*:\s*$", re.IGNORECASE)


def trim_reply(text: str) -> str:
    """The member's own words: what comes before the quoted message and the signature."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = []
    for line in lines:
        if line.startswith(">"):
            break
        if any(pattern.match(line) for pattern in _QUOTE_HEADERS + _SIGNATURES):
            break
        if _FOLDED_END.match(line) and kept and kept[-1].lstrip().startswith(("Le ", "On ")):
            kept.pop()  # « Le …, Camille <…> a » / « écrit : », folded by the mail client
            break
        kept.append(line)
    return "\n".join(kept).strip()


#: The most of an HTML part read: a reply is a few paragraphs, and the patterns below
#: must never run over megabytes (a part of 30 MB of unclosed « <blockquote »).
MAX_HTML_CHARS = 200_000


def _without_quotes(html: str) -> str:
    """``html`` without its ``<blockquote>`` blocks (the quoted message), in one pass:
    an unclosed one drops the rest."""
    lower, kept, position = html.lower(), [], 0
    while True:
        start = lower.find("<blockquote", position)
        if start < 0:
            kept.append(html[position:])
            break
        kept.append(html[position:start])
        end = lower.find("</blockquote>", start)
        if end < 0:
            break
        position = end + len("</blockquote>")
    return "".join(kept)


def _html_text(html: str) -> str:
    html = _without_quotes(html[:MAX_HTML_CHARS])
    html = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", html)
    text = nh3.clean(html, tags=set())
    return (
        re.sub(r"&nbsp;|&#160;", " ", text)
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
    )


def parse_reply(raw: bytes):
    """``(sender address, text, [(file name, bytes)])`` of a raw e-mail."""
    mail = email.message_from_bytes(raw, policy=policy.default)
    senders = getaddresses([str(mail.get("From", ""))])
    sender = senders[0][1].strip().lower() if senders else ""
    body = mail.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        content = body.get_content()
        text = _html_text(content) if body.get_content_type() == "text/html" else content
    files = []
    for part in mail.iter_attachments():
        name = part.get_filename()
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        files.append((name, payload))
    return sender, trim_reply(text), files


# --- Posting a reply --------------------------------------------------------------------


def accept_reply(*, recipient: str, raw: bytes):
    """Post the reply ``raw`` sent to ``recipient`` in its thread, or raise
    :class:`Refused` (nothing is written then). Returns the message."""
    thread_id, user_id = read_reply_address(recipient)
    sender, text, files = parse_reply(raw)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise Refused("account %s closed or gone" % user_id)
    if not user.email or sender != user.email.strip().lower():
        raise Refused("sender %r is not the member %s the address was made for" % (sender, user_id))
    thread = Thread.objects.select_related("space").filter(pk=thread_id).first()
    if thread is None:
        raise Refused("thread %s gone" % thread_id)
    forget_scope(user)
    forget_collab_reach(user)
    if not can_view_space(user, thread.space):
        raise Refused("user %s is not a member of space %s" % (user_id, thread.space_id))
    uploads = [SimpleUploadedFile(name, payload) for name, payload in files]
    try:
        return post_message(by=user, thread=thread, body=text, files=uploads, by_email=True)
    except ValidationError as error:
        raise Refused("reply refused: %s" % "; ".join(error.messages)) from None


class InboundHandler:
    """The aiosmtpd handler of the ``inbound`` process."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        try:
            read_reply_address(address)
        except Refused as refusal:
            logger.warning("Inbound reply refused from %s: %s", session.peer, refusal)
            return "550 5.1.1 Adresse de reponse inconnue, falsifiee ou expiree"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for recipient in envelope.rcpt_tos:
            try:
                await sync_to_async(self._accept, thread_sensitive=False)(
                    recipient, envelope.content
                )
            except Refused as refusal:
                logger.warning("Inbound reply refused from %s: %s", session.peer, refusal)
                return "550 5.7.1 Reponse refusee : expediteur ou contenu non accepte"
            except Exception:
                logger.exception("Inbound reply failed")
                return "451 4.3.0 Erreur temporaire, reessayez plus tard"
        return "250 Message accepted"

    @staticmethod
    def _accept(recipient, raw):
        close_old_connections()
        try:
            message = accept_reply(recipient=recipient, raw=raw)
            logger.info("Inbound reply posted: message %s", message.pk)
        finally:
            close_old_connections()


def inbound_controller(host=None, port=None):
    """The aiosmtpd controller of the endpoint (started by the command and the tests)."""
    from aiosmtpd.controller import Controller

    return Controller(
        InboundHandler(),
        hostname=host or settings.COLLAB_INBOUND_SMTP_HOST,
        port=port or settings.COLLAB_INBOUND_SMTP_PORT,
        data_size_limit=30 * 1024 * 1024,
        ident="Trajectoires",
    )
