"""The team's pages cost the same queries whatever the number of studies or kiosks."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from study import services
from study.models import Study


def count_queries(client, url, method="get", data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    return response, len(queries)


def test_the_study_home_costs_the_same_with_1_study_and_with_4(client, fete):
    event, users = fete
    client.force_login(users["admin"])
    url = reverse("study:home")
    client.get(url)  # warm the per-user scope
    response, one = count_queries(client, url)
    assert response.status_code == 200
    study = event.study
    for n in range(3):
        Study.objects.create(
            programme=study.programme, partner=study.partner, title="Autre étude %d" % n
        )
    response, four = count_queries(client, url)
    assert "Autre étude 2" in response.content.decode()
    assert four == one


def test_the_event_page_and_its_refused_form_cost_the_same_with_1_kiosk_and_with_3(
    client, kiosk, fete
):
    event, users = fete
    client.force_login(users["mouans"])
    detail = reverse("study:event_detail", args=[event.pk])
    add = reverse("study:remote_count_add", args=[event.pk])
    bad = {"counted_at": "pas une date", "where": "YouTube", "count": "douze"}
    client.get(detail)
    _page, page_one = count_queries(client, detail)
    refused, refused_one = count_queries(client, add, "post", bad)
    assert refused.status_code == 400
    for n, name in enumerate(("skema", "region")):
        services.kiosk_enrol(by=users[name], event=event, label="Tablette %d" % (n + 2))
    page, page_three = count_queries(client, detail)
    refused, refused_three = count_queries(client, add, "post", bad)
    assert page_three == page_one
    assert refused_three == refused_one
    # the refused form shows the same page: its kiosks with who enrolled them
    for label in ("Tablette 1", "Tablette 2", "Tablette 3"):
        assert label in refused.content.decode()
