"""A "code source" sheet names the animations it documents; each shows the other."""

import html

import pytest
from django.urls import reverse

from cms.models import CodeSourceSheet
from coaching.enums import AnimationStatus
from coaching.models import Animation


@pytest.fixture
def linked(demo):
    sheet = CodeSourceSheet.objects.live().filter(author_eric__slug="made-in-la-boate").first()
    animation = (
        Animation.objects.filter(accompaniment__eric__slug="made-in-la-boate")
        .exclude(status=AnimationStatus.CANCELLED)
        .first()
    )
    sheet.related_animations.set([animation])
    sheet.save()
    return sheet, animation


def test_each_side_shows_the_other(linked, demo, client, login):
    sheet, animation = linked
    page = html.unescape(client.get(sheet.url).content.decode())
    assert animation.title in page
    detail = login(demo["boate"]).get(reverse("coaching:animation_detail", args=[animation.pk]))
    text = html.unescape(detail.content.decode())
    assert "Fiches « code source » qui documentent cette animation" in text
    assert sheet.title in text


def test_an_eric_team_links_only_its_own_animations(demo):
    from cms.models.knowledge import SheetPageForm

    form_class = CodeSourceSheet.get_edit_handler().get_form_class()
    assert issubclass(form_class, SheetPageForm)
    form = form_class(instance=CodeSourceSheet(), for_user=demo["boate"])
    erics = {a.accompaniment.eric.slug for a in form.fields["related_animations"].queryset}
    assert erics == {"made-in-la-boate"}
    form = form_class(instance=CodeSourceSheet(), for_user=demo["editor"])
    erics = {a.accompaniment.eric.slug for a in form.fields["related_animations"].queryset}
    assert len(erics) > 1
