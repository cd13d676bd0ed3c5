"""The discussion list's demo: a thread of the programme's space where the resource
person asks who reads the wiki's charter and two ERIC answer (one cites a member, one
links an animation, shown as a card to those who may see it), and a thread of Made in la
Boate's own space. Run after ``collab_data`` (the spaces exist)."""

from django.urls import reverse

from coaching.models import Animation
from collab.enums import SpaceKind
from collab.models import Space, Thread
from collab.threads import post_message, thread_create

QUESTION = """Le wiki commun est ouvert (voir [[Ouverture du wiki commun]]).

Qui relit la **charte** avant le comité de vendredi ? Une relecture par ERIC suffit."""


def load_demo_threads(programme, users) -> None:
    needed = {"coach", "boate", "coste"}
    if not needed <= set(users):
        return
    space = Space.objects.filter(programme=programme, kind=SpaceKind.PROGRAMME).first()
    if space is None or Thread.objects.filter(space=space).exists():
        return
    thread = thread_create(
        by=users["coach"], space=space, title="Relecture de la charte du wiki", body=QUESTION
    )
    post_message(
        by=users["boate"],
        thread=thread,
        body="Je la relis jeudi. @coste, tu prends la partie sur les licences ?",
    )
    animation = (
        Animation.objects.filter(
            accompaniment__programme=programme,
            accompaniment__eric__slug="centre-social-jean-paul-coste",
        )
        .order_by("starts_at")
        .first()
    )
    reply = "D'accord pour les licences."
    if animation is not None:
        reply += " Notre dernier atelier en parle : %s" % reverse(
            "coaching:animation_detail", args=[animation.pk]
        )
    post_message(by=users["coste"], thread=thread, body=reply)
    boate_space = Space.objects.filter(
        programme=programme, kind=SpaceKind.ERIC, accompaniment__eric__slug="made-in-la-boate"
    ).first()
    if boate_space is not None:
        thread_create(
            by=users["boate"],
            space=boate_space,
            title="Questionnaire aux coworkers : on l'envoie quand ?",
            body="Je propose de l'envoyer lundi, après la réunion d'équipe. Des objections ?",
        )
