"""The discussion list in two browsers: coach reads a thread of the programme's space,
boate replies from another browser and the reply appears on coach's page without a
reload; boate then replies by e-mail, through a real SMTP connection to the platform's
inbound endpoint, and that reply appears too."""

import os
import smtplib
from email.message import EmailMessage

import pytest

from tests.browser.base import BrowserJourneys, setup_server
from tests.newsletter.smtp import free_port

pytestmark = pytest.mark.browser

INBOUND_PORT_ENV = "TRAJECTOIRES_TEST_INBOUND_PORT"


def setup_server_with_inbound():
    """The spawned server also runs the inbound SMTP endpoint, as the platform's
    ``inbound`` process does: its posts reach the same channel layer as the pages."""
    setup_server()
    from collab.inbound import inbound_controller

    inbound_controller("127.0.0.1", int(os.environ[INBOUND_PORT_ENV])).start()


class ThreadJourney(BrowserJourneys):
    server_setup = staticmethod(setup_server_with_inbound)

    def set_up_data(self):
        from collab.enums import SpaceKind
        from collab.models import Space
        from collab.threads import thread_create

        self.space = Space.objects.get(kind=SpaceKind.PROGRAMME)
        self.thread = thread_create(
            by=self.users["coach"],
            space=self.space,
            title="Ouverture du wiki commun",
            body="Qui relit la charte du wiki avant vendredi ?",
        )
        # read by the spawned server, which inherits this environment
        self.inbound_port = free_port()
        os.environ[INBOUND_PORT_ENV] = str(self.inbound_port)

    def test_a_reply_from_another_browser_and_one_by_email_appear_live(self):
        from collab.inbound import reply_address

        url = "%s/espace/plateforme/%s/discussions/%d/" % (
            self.live_server_url,
            self.space.slug,
            self.thread.pk,
        )
        coach = self.page_for("coach")
        coach.goto(url)
        coach.wait_for_selector("#thread-live[data-live=open]")
        coach.evaluate("window.notReloaded = true")

        boate = self.page_for("boate")
        boate.goto(url)
        boate.fill("#id_body", "Je la relis jeudi, avec @coach.")
        boate.click("form.form button[type=submit]")
        boate.wait_for_selector("text=Je la relis jeudi")

        coach.wait_for_selector(".thread-message >> text=Je la relis jeudi", timeout=10_000)
        self.assertTrue(coach.evaluate("window.notReloaded === true"))
        self.assertIn("@coach", coach.inner_text(".thread-message:last-child .mention"))

        boate_user = self.users["boate"]
        mail = EmailMessage()
        mail["From"] = "Léa <%s>" % boate_user.email
        mail["Subject"] = "Re: Ouverture du wiki commun"
        mail.set_content(
            "Et j'ajoute une section sur les licences.\n\n"
            "-- \nLéa, Made in la Boate\n\n"
            "Le mer. 2 déc. 2026 à 09:00, Trajectoires a écrit :\n> Qui relit la charte ?\n"
        )
        with smtplib.SMTP("127.0.0.1", self.inbound_port, timeout=10) as smtp:
            smtp.send_message(
                mail,
                from_addr=boate_user.email,
                to_addrs=[reply_address(boate_user, self.thread)],
            )
        coach.wait_for_selector(
            ".thread-message >> text=une section sur les licences", timeout=10_000
        )
        last = coach.inner_text(".thread-message:last-child")
        self.assertIn("par courriel", last)
        self.assertNotIn("Made in la Boate", last.split("par courriel", 1)[1])
        self.assertNotIn("Qui relit la charte ?", last)
        self.assertTrue(coach.evaluate("window.notReloaded === true"))
