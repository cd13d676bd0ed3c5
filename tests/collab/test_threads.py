"""The discussion list: membership scoping, mentions, attachments, record cards,
and the thread page's queries whatever its number of messages."""

import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from collab.models import Attachment, Message, Thread
from collab.threads import post_message, record_cards, thread_create, thread_messages
from tests.coaching.journal_helpers import animation as make_animation

pytestmark = pytest.mark.django_db


def png(name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_thread(space, by, *, title="Ouverture du wiki commun", body="Bonjour à toutes et tous."):
    return thread_create(by=by, space=space, title=title, body=body)


def test_members_open_threads_and_reply_in_their_space(collab, login):
    world = collab.world
    client = login(world.team_a)
    answer = client.post(
        reverse("collab:thread_create", args=[collab.space_a.slug]),
        {"title": "Atelier réparation", "body": "Qui vient **samedi** ?"},
    )
    thread = Thread.objects.get(space=collab.space_a)
    assert answer.status_code == 302
    assert answer["Location"] == reverse(
        "collab:thread_detail", args=[collab.space_a.slug, thread.pk]
    )
    client = login(world.coach_a)
    answer = client.post(
        reverse("collab:thread_detail", args=[collab.space_a.slug, thread.pk]),
        {"body": "Moi, avec @team_a."},
    )
    assert answer.status_code == 302
    thread.refresh_from_db()
    assert thread.message_count == 2
    page = client.get(reverse("collab:thread_detail", args=[collab.space_a.slug, thread.pk]))
    html = page.content.decode()
    assert "<strong>samedi</strong>" in html
    assert 'class="mention"' in html and "@team_a" in html


@pytest.mark.parametrize(
    "name,args",
    [
        ("collab:thread_list", lambda c, t, a: [c.space_a.slug]),
        ("collab:thread_create", lambda c, t, a: [c.space_a.slug]),
        ("collab:thread_detail", lambda c, t, a: [c.space_a.slug, t.pk]),
        ("collab:thread_messages", lambda c, t, a: [c.space_a.slug, t.pk]),
        ("collab:attachment_download", lambda c, t, a: [c.space_a.slug, a.pk]),
        # another space's address does not reach the thread either
        ("collab:thread_detail", lambda c, t, a: [c.space_b.slug, t.pk]),
        ("collab:attachment_download", lambda c, t, a: [c.space_b.slug, a.pk]),
    ],
)
def test_another_eric_never_reaches_a_thread_its_messages_or_files(collab, login, name, args):
    world = collab.world
    thread = thread_create(
        by=world.team_a, space=collab.space_a, title="Privé", body="Secret", files=[png()]
    )
    attachment = Attachment.objects.get(message__thread=thread)
    client = login(world.team_b)
    assert client.get(reverse(name, args=args(collab, thread, attachment))).status_code == 404
    assert (
        client.post(reverse(name, args=args(collab, thread, attachment)), {"body": "x"}).status_code
        == 404
    )
    assert Message.objects.filter(thread=thread).count() == 1


def test_a_member_downloads_an_attachment_from_the_private_location(collab, login):
    world = collab.world
    thread = thread_create(
        by=world.team_a, space=collab.space_a, title="Photos", body="Voici", files=[png("été.png")]
    )
    attachment = Attachment.objects.get(message__thread=thread)
    assert attachment.content_type == "image/png"
    assert "été" not in attachment.file.name  # a random stored name
    answer = login(world.coach_a).get(
        reverse("collab:attachment_download", args=[collab.space_a.slug, attachment.pk])
    )
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content).startswith(b"\x89PNG")


def test_a_non_member_cannot_write_even_through_the_service(collab):
    thread = make_thread(collab.space_a, collab.world.team_a)
    with pytest.raises(ValidationError, match="ne faites pas partie"):
        post_message(by=collab.world.team_b, thread=thread, body="Intrus")
    with pytest.raises(ValidationError, match="ne faites pas partie"):
        thread_create(by=collab.world.team_b, space=collab.space_a, title="x", body="y")


def test_a_mention_of_someone_outside_the_space_is_refused_and_nothing_written(collab, login):
    world = collab.world
    thread = make_thread(collab.space_a, world.team_a)
    answer = login(world.team_a).post(
        reverse("collab:thread_detail", args=[collab.space_a.slug, thread.pk]),
        {"body": "Tu en penses quoi @team_b ? Et @personne ?"},
    )
    assert answer.status_code == 400
    assert "Vous ne pouvez citer que les membres de l&#x27;espace : @personne, @team_b" in (
        answer.content.decode()
    )
    assert thread.messages.count() == 1
    # an e-mail address is not a mention; a member is
    post_message(by=world.team_a, thread=thread, body="Écris à x@example.org, @coach_a.")


@pytest.mark.parametrize(
    "upload,message",
    [
        (
            lambda: SimpleUploadedFile("logo.svg", b"<svg onload='alert(1)'></svg>"),
            "Les images SVG ne sont pas acceptées",
        ),
        (
            lambda: SimpleUploadedFile("faux.pdf", b"MZ\x90\x00 not a pdf"),
            "n'est pas un document accepté",
        ),
        (
            lambda: SimpleUploadedFile("gros.txt", b"a" * (20 * 1024 * 1024 + 1)),
            "la limite est de 20",
        ),
    ],
)
def test_a_refused_attachment_writes_nothing(collab, login, upload, message):
    world = collab.world
    thread = make_thread(collab.space_a, world.team_a)
    answer = login(world.team_a).post(
        reverse("collab:thread_detail", args=[collab.space_a.slug, thread.pk]),
        {"body": "Voici le fichier", "files": [upload()]},
    )
    assert answer.status_code == 400
    assert message in answer.content.decode().replace("&#x27;", "'")
    assert thread.messages.count() == 1 and not Attachment.objects.exists()


def test_markdown_is_sanitised_like_the_wiki(collab, login):
    world = collab.world
    thread = make_thread(
        collab.space_a,
        world.team_a,
        body="<script>alert(1)</script> [lien](javascript:alert(1)) [[Page absente]]",
    )
    html = (
        login(world.team_a)
        .get(reverse("collab:thread_detail", args=[collab.space_a.slug, thread.pk]))
        .content.decode()
    )
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "wikilink--missing" in html


def test_links_to_records_are_cards_only_for_readers_who_may_see_them(collab):
    world = collab.world
    animation = make_animation(world, eric="a", title="Repair café")
    body = "Voir %s%s et %s." % (
        settings.WAGTAILADMIN_BASE_URL,
        reverse("coaching:animation_detail", args=[animation.pk]),
        reverse("trainings:training_detail", args=[collab.training.pk]),
    )
    thread = make_thread(collab.programme_space, world.team_a, body=body)
    messages = thread_messages(thread)
    cards = record_cards(world.team_a, messages)[messages[0].pk]
    assert [card.title for card in cards] == ["Repair café", collab.training.title]
    # team_b, in the programme's space too, may not see ERIC A's animation
    cards_b = record_cards(world.team_b, messages).get(messages[0].pk, [])
    assert "Repair café" not in [card.title for card in cards_b]


def test_a_thread_page_runs_the_same_queries_with_1_or_200_messages(
    collab, login, snapshot_queries
):
    world = collab.world
    thread = make_thread(collab.programme_space, world.team_a)
    client = login(world.coach_a)
    url = reverse("collab:thread_detail", args=[collab.programme_space.slug, thread.pk])
    client.get(url)
    with snapshot_queries(name="thread"):
        assert client.get(url).status_code == 200
    for n in range(199):
        post_message(
            by=world.team_a if n % 2 else world.coach_a,
            thread=thread,
            body="Message %d pour @team_a" % n,
            files=[png()] if n % 50 == 0 else (),
        )
    with snapshot_queries(name="thread"):
        answer = client.get(url)
    assert answer.content.decode().count('class="thread-message"') == 200
