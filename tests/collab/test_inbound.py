"""Replies by e-mail: a real SMTP connection to the inbound endpoint started here.
A good reply is posted, trimmed of the quoted message and the signature; an unsigned,
forged or expired address, a sender who is not the member, a non-member, a refused
attachment: SMTP 550, logged, nothing written."""

import logging
import smtplib
import time
from email.message import EmailMessage

import pytest
from django.test import override_settings

from collab.inbound import (
    Refused,
    inbound_controller,
    read_reply_address,
    reply_address,
    trim_reply,
)
from collab.models import Attachment, Message
from collab.threads import thread_create
from tests.newsletter.smtp import free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def endpoint():
    port = free_port()
    controller = inbound_controller("127.0.0.1", port)
    controller.start()
    yield port
    controller.stop()


@pytest.fixture
def thread(collab):
    world = collab.world
    for user in (world.team_a, world.team_b, world.coach_a):
        user.email = "%s@example.org" % user.username
        user.save(update_fields=["email"])
    return thread_create(
        by=world.coach_a, space=collab.space_a, title="Atelier", body="Qui vient ?"
    )


def reply(sender, text, *, attachments=()):
    mail = EmailMessage()
    mail["From"] = "Quelqu'un <%s>" % sender
    mail["Subject"] = "Re: [Espace] Atelier"
    mail.set_content(text)
    for name, data, maintype, subtype in attachments:
        mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return mail


def send(port, recipient, mail):
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(mail, from_addr=parse(mail["From"]), to_addrs=[recipient])


def parse(value):
    return value.split("<")[-1].rstrip(">")


QUOTED = """Je viens avec deux voisins.
À samedi !

--
Léa, Made in la Boate
06 00 00 00 00

Le mar. 1 déc. 2026 à 18:00, Trajectoires <ne-pas-repondre@trajectoires.localhost> a écrit :
> Qui vient ?
"""


def test_a_members_reply_is_posted_without_the_quote_and_signature(collab, thread, endpoint):
    address = reply_address(collab.world.team_a, thread)
    send(endpoint, address, reply("team_a@example.org", QUOTED))
    message = Message.objects.filter(thread=thread, by_email=True).get()
    assert message.author == collab.world.team_a
    assert message.body == "Je viens avec deux voisins.\nÀ samedi !"
    thread.refresh_from_db()
    assert thread.message_count == 2


def test_a_reply_with_a_pdf_keeps_it(collab, thread, endpoint):
    address = reply_address(collab.world.team_a, thread)
    mail = reply(
        "team_a@example.org",
        "Le programme en pièce jointe.",
        attachments=[("programme.pdf", b"%PDF-1.4\n%%EOF\n", "application", "pdf")],
    )
    send(endpoint, address, mail)
    attachment = Attachment.objects.get(message__thread=thread)
    assert attachment.original_name == "programme.pdf"
    assert attachment.content_type == "application/pdf"


def _refused(port, recipient, mail):
    with pytest.raises((smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)) as error:
        send(port, recipient, mail)
    return error.value


@pytest.mark.parametrize(
    "make_address",
    [
        lambda user, thread: "fil-%d-%d@reponses.trajectoires.localhost" % (thread.pk, user.pk),
        # another member's address, with this member's numbers: the MAC does not match
        lambda user, thread: reply_address(user, thread).replace(
            "-%d-" % user.pk, "-%d-" % (user.pk + 1), 1
        ),
        lambda user, thread: reply_address(user, thread, now=time.time() - 91 * 86400),
        lambda user, thread: "quelquun@example.org",
    ],
    ids=["unsigned", "forged", "expired", "other-domain"],
)
def test_bad_addresses_are_refused_at_rcpt_and_logged(
    collab, thread, endpoint, caplog, make_address
):
    address = make_address(collab.world.team_a, thread)
    with caplog.at_level(logging.WARNING, logger="collab.inbound"):
        error = _refused(endpoint, address, reply("team_a@example.org", "Coucou"))
    assert isinstance(error, smtplib.SMTPRecipientsRefused)
    assert list(error.recipients.values())[0][0] == 550
    assert "Inbound reply refused" in caplog.text
    assert thread.messages.count() == 1


def test_a_sender_who_is_not_the_member_is_refused(collab, thread, endpoint, caplog):
    address = reply_address(collab.world.team_a, thread)
    with caplog.at_level(logging.WARNING, logger="collab.inbound"):
        error = _refused(endpoint, address, reply("pirate@example.org", "Je me fais passer"))
    assert error.smtp_code == 550
    assert "is not the member" in caplog.text
    assert thread.messages.count() == 1


def test_a_non_member_with_a_genuine_address_is_refused(collab, thread, endpoint, caplog):
    # an address made for team_b (who is not in ERIC A's space) is well signed…
    address = reply_address(collab.world.team_b, thread)
    with caplog.at_level(logging.WARNING, logger="collab.inbound"):
        error = _refused(endpoint, address, reply("team_b@example.org", "Je m'invite"))
    assert error.smtp_code == 550
    assert "not a member" in caplog.text
    assert thread.messages.count() == 1


def test_a_refused_attachment_refuses_the_reply(collab, thread, endpoint, caplog):
    address = reply_address(collab.world.team_a, thread)
    mail = reply(
        "team_a@example.org",
        "Mon logo",
        attachments=[("logo.svg", b"<svg onload='x'/>", "image", "svg+xml")],
    )
    with caplog.at_level(logging.WARNING, logger="collab.inbound"):
        error = _refused(endpoint, address, mail)
    assert error.smtp_code == 550
    assert "SVG" in caplog.text
    assert thread.messages.count() == 1 and not Attachment.objects.exists()


def test_an_empty_reply_is_refused(collab, thread, endpoint):
    address = reply_address(collab.world.team_a, thread)
    error = _refused(endpoint, address, reply("team_a@example.org", "> Qui vient ?\n"))
    assert error.smtp_code == 550


@override_settings(COLLAB_INBOUND_DOMAIN="Reponses.Example.ORG")
def test_an_address_lowered_by_a_mail_server_still_reads(collab, thread):
    address = reply_address(collab.world.team_a, thread)
    assert read_reply_address(address.upper()) == (thread.pk, collab.world.team_a.pk)
    with pytest.raises(Refused):
        read_reply_address(address.replace("reponses", "autre", 1).replace("Reponses", "autre"))


@pytest.mark.parametrize(
    "text,kept",
    [
        ("Oui.\n\nOn Tue, Dec 1, 2026 at 6:00 PM Camille <c@x.org> wrote:\n> Qui ?", "Oui."),
        ("Oui.\nLe mar. 1 déc. 2026 à 18:00, Camille <c@x.org> a\nécrit :\n> Qui ?", "Oui."),
        ("Oui.\n\nEnvoyé de mon iPhone", "Oui."),
        ("Oui.\n-----Original Message-----\nFrom: Camille", "Oui."),
        ("Oui.\n\nDe : Camille\nEnvoyé : mardi", "Oui."),
        ("Deux lignes\n-- pas une signature\nfin", "Deux lignes\n-- pas une signature\nfin"),
    ],
)
def test_quoted_text_and_signatures_are_trimmed(text, kept):
    assert trim_reply(text) == kept


def test_a_huge_html_part_is_read_only_as_far_as_a_reply_goes():
    """Unclosed « <blockquote » by the million: only the first MAX_HTML_CHARS are read,
    so the patterns run over a bounded text (a 30 MB part would take hours)."""
    from collab.inbound import MAX_HTML_CHARS, _html_text

    html = "<p>Merci, je valide.</p>" + "<blockquote>" * 2_000_000
    text = _html_text(html)
    assert text.startswith("Merci, je valide.")
    assert len(text) <= MAX_HTML_CHARS
