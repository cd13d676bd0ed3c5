"""Two people editing the same record: the second is told, nothing is silently
overwritten (issue 18, item 10; core.forms.EditConflictMixin)."""

import html

from django.urls import reverse

from coaching import services
from coaching.models import HotlineCall
from tests.coaching.journal_helpers import call


def _form_data(response, **changes):
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        else:
            data[name] = (
                value
                if name == "edit_token"
                else form[name].as_widget().split('value="', 1)[1].split('"', 1)[0]
                if name == "started_at"
                else value
            )
    data.update(changes)
    return data


def test_the_second_save_of_a_hotline_call_is_told_and_overwrites_nothing(world, client):
    record = call(world, eric="a", summary="Question sur le wiki")
    url = reverse("coaching:hotline_call_update", args=[record.pk])
    client.force_login(world.coach_a)
    opened = client.get(url)  # the first person opens the form…
    assert 'name="edit_token"' in opened.content.decode()

    # …someone else saves the same call meanwhile
    services.hotline_call_update(by=world.coach_a, call=record, summary="Rappel de la mairie")

    response = client.post(url, _form_data(opened, summary="Ma version du résumé"))

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Quelqu'un d'autre a modifié cette fiche" in page
    assert "Résumé (désormais « Rappel de la mairie »)" in page
    assert "Ma version du résumé" in page  # the person's input is kept on the form
    assert HotlineCall.objects.get(pk=record.pk).summary == "Rappel de la mairie"

    # having seen it, the person saves again: now it is theirs
    again = client.post(url, _form_data(response, summary="Ma version du résumé"))
    assert again.status_code == 302
    assert HotlineCall.objects.get(pk=record.pk).summary == "Ma version du résumé"


def test_an_edit_without_a_concurrent_change_saves(world, client):
    record = call(world, eric="a", summary="Question sur le wiki")
    url = reverse("coaching:hotline_call_update", args=[record.pk])
    client.force_login(world.coach_a)
    opened = client.get(url)
    response = client.post(url, _form_data(opened, summary="Complété"))
    assert response.status_code == 302
    assert HotlineCall.objects.get(pk=record.pk).summary == "Complété"


def test_a_forged_token_is_a_conflict_not_a_save(world, client):
    record = call(world, eric="a", summary="Question sur le wiki")
    url = reverse("coaching:hotline_call_update", args=[record.pk])
    client.force_login(world.coach_a)
    opened = client.get(url)
    response = client.post(url, _form_data(opened, summary="Forcé", edit_token="x"))
    assert response.status_code == 200
    assert "toute la fiche" in html.unescape(response.content.decode())
    assert HotlineCall.objects.get(pk=record.pk).summary == "Question sur le wiki"
