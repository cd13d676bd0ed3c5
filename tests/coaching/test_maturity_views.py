"""The maturity grid's pages: every URL's access matrix (another ERIC's team never gets
in), the team's form and its French errors, the resource person's review, the section of
the trajectory page (phase due, radar, data table) and its query count, the demo."""

import base64
import datetime
import html
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.enums import AssessmentStatus, MaturityCriterion, MaturityPhase
from coaching.models import MaturityAssessment, MaturityScore
from core.dates import long_date
from tests.coaching.test_maturity import all_levels, draft, stored_levels, submitted, validated

TODAY = datetime.date(2026, 10, 15)  # « début » is due

EVERYONE = ["team_a", "coach_a", "region", "admin", "team_b", "coach_b", "partner", "outsider"]
# Those who may not see ERIC A's accompaniment: 404, as for a missing one.
OTHERS = {"team_b": 404, "coach_b": 404, "partner": 404, "outsider": 404}


@pytest.fixture
def grid(world, time_machine_today):
    time_machine_today(TODAY)
    return world


def url(name, world, phase="debut", eric="a"):
    pk = getattr(world, f"accompaniment_{eric}").pk
    if name == "maturity_overview":
        return reverse("coaching:maturity_overview", args=[pk])
    return reverse(f"coaching:{name}", args=[pk, phase])


def form_data(action="draft", **levels):
    data = {"action": action}
    for criterion, level in levels.items():
        data[f"level_{criterion}"] = level
    return data


def full_form(action="submit", **overrides):
    levels = {c: "2" for c in MaturityCriterion.values}
    levels.update(overrides)
    return form_data(action, **levels)


def text(response):
    return html.unescape(response.content.decode())


# --- Access, URL by URL --------------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login_page(grid, client):
    for name in ("maturity_overview", "maturity_assessment_detail", "maturity_assessment_form"):
        response = client.get(url(name, grid))
        assert response.status_code == 302 and response["Location"].startswith("/connexion/")


@pytest.mark.parametrize("who", EVERYONE)
def test_the_grid_page_and_its_fragment(grid, login, who):
    expected = OTHERS.get(who, 200)
    client = login(getattr(grid, who))
    assert client.get(url("maturity_overview", grid)).status_code == expected
    assert client.get(url("maturity_overview", grid) + "?fragment=section").status_code == expected


@pytest.mark.parametrize("who", EVERYONE)
def test_a_draft_is_seen_by_the_team_and_its_coach_only(grid, login, who):
    draft(grid)
    expected = {"team_a": 200, "coach_a": 200, "region": 404, "admin": 404, **OTHERS}[who]
    assert login(getattr(grid, who)).get(url("maturity_assessment_detail", grid)).status_code == (
        expected
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_a_submitted_grid_is_read_by_the_region_and_administrators(grid, login, who):
    submitted(grid)
    response = login(getattr(grid, who)).get(url("maturity_assessment_detail", grid))
    assert response.status_code == OTHERS.get(who, 200)
    if response.status_code == 200:
        page = text(response)
        assert "soumise, à valider" in page
        assert "Niveau 2 sur 4 · en construction" in page
        # Only the accompaniment's resource person gets the review form.
        assert ('id="relecture"' in page) is (who == "coach_a")


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_team_reaches_the_form(grid, login, who):
    client = login(getattr(grid, who))
    expected = 200 if who == "team_a" else OTHERS.get(who, 403)
    assert client.get(url("maturity_assessment_form", grid)).status_code == expected
    response = client.post(url("maturity_assessment_form", grid), full_form())
    assert response.status_code == (302 if who == "team_a" else OTHERS.get(who, 403))
    assert MaturityAssessment.objects.exists() is (who == "team_a")


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_resource_person_reviews(grid, login, who):
    assessment = submitted(grid)
    response = login(getattr(grid, who)).post(
        url("maturity_assessment_review", grid), {"decision": "validate"}
    )
    assert response.status_code == (302 if who == "coach_a" else OTHERS.get(who, 403))
    assessment.refresh_from_db()
    validated_now = assessment.status == AssessmentStatus.VALIDATED
    assert validated_now is (who == "coach_a")


def test_another_eric_team_gets_nowhere_even_with_b_s_own_grid_open(grid, login):
    """Team B, with its own grid, still cannot reach A's; and B's pages never show A's."""
    submitted(grid)
    submitted(grid, eric="b", levels=all_levels(community=4))
    client = login(grid.team_b)
    for name in ("maturity_assessment_detail", "maturity_assessment_form"):
        assert client.get(url(name, grid)).status_code == 404
    assert (
        client.post(url("maturity_assessment_review", grid), {"decision": "validate"}).status_code
        == 404
    )
    page = text(
        client.get(reverse("progress:accompaniment_detail", args=[grid.accompaniment_b.pk]))
    )
    assert "Grille de maturité tiers-lieu" in page
    assert "ERIC A" not in page


def test_an_unknown_phase_is_not_found(grid, login):
    client = login(grid.team_a)
    assert client.get(url("maturity_assessment_form", grid, phase="milieu")).status_code == 404
    assert client.get(url("maturity_assessment_detail", grid, phase="milieu")).status_code == 404


# --- The team's form -------------------------------------------------------------------------


def test_the_form_says_what_each_level_means(grid, login):
    page = text(login(grid.team_a).get(url("maturity_assessment_form", grid)))
    assert "Grille de maturité « début »" in page
    assert page.count('type="radio"') == 6 * 5
    assert "<legend>Gouvernance" in page
    assert '<span class="visually-hidden"> (obligatoire pour soumettre)</span></legend>' in page
    assert "Qui décide, et comment ?" in page
    assert "2 · en construction" in page
    assert "Des temps de décision réguliers associent usagers et partenaires." in page
    assert "Enregistrer le brouillon" in page and "Soumettre à la personne ressource" in page


def test_the_team_saves_a_partial_draft_then_submits(grid, login):
    client = login(grid.team_a)
    response = client.post(
        url("maturity_assessment_form", grid),
        {**form_data(community="3", governance="1"), "comment_governance": "On en parle."},
    )
    assert response.status_code == 302
    assessment = MaturityAssessment.objects.get()
    assert assessment.status == AssessmentStatus.DRAFT
    assert stored_levels(assessment) == {"community": 3, "governance": 1}
    follow = text(client.get(response["Location"]))
    assert "Le brouillon est enregistré." in follow
    assert "Reprendre la grille « début »" in follow

    page = text(client.get(url("maturity_assessment_form", grid)))
    assert re.search(r'name="level_community" value="3"[^>]*checked', page)
    assert "On en parle." in page

    response = client.post(url("maturity_assessment_form", grid), full_form(community="3"))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert "La grille « début » est soumise" in text(client.get(response["Location"]))


def test_submitting_with_a_missing_criterion_keeps_everything(grid, login):
    draft(grid, levels={"community": 1, "services": 2}, comments={"services": "Atelier"})
    data = full_form(community="3")
    del data["level_openness"]
    data["comment_openness"] = "Je reviens dessus"
    response = login(grid.team_a).post(url("maturity_assessment_form", grid), data)
    assert response.status_code == 200
    page = text(response)
    assert "Le formulaire contient des erreurs : rien n'a été enregistré." in page
    assert "Ouverture : Choisissez un niveau : les six critères sont notés avant la soumission" in (
        page
    )
    assert 'href="#id_level_openness_0"' in page  # the first radio takes focus
    assert "Je reviens dessus" in page  # what was typed stays on screen
    assert re.search(r'name="level_community" value="3"[^>]*checked', page)
    # …and what was saved before is untouched.
    assessment = MaturityAssessment.objects.get()
    assert assessment.status == AssessmentStatus.DRAFT
    assert stored_levels(assessment) == {"community": 1, "services": 2}
    assert MaturityScore.objects.get(criterion="services").comment == "Atelier"


@pytest.mark.parametrize("posted", ["7", "-1", "deux", "2.5"])
def test_a_level_posted_by_hand_outside_0_to_4_is_refused_in_french(grid, login, posted):
    draft(grid, levels={"community": 1})
    response = login(grid.team_a).post(
        url("maturity_assessment_form", grid), form_data("draft", community=posted, services="3")
    )
    assert response.status_code == 200
    page = text(response)
    assert "Communauté : Choisissez un niveau entre 0 et 4." in page
    assert "rien n'a été enregistré" in page
    assert stored_levels(MaturityAssessment.objects.get()) == {"community": 1}


def test_a_draft_comment_without_its_level_is_kept_on_screen(grid, login):
    data = {**form_data(community="1"), "comment_openness": "On hésite entre 2 et 3"}
    response = login(grid.team_a).post(url("maturity_assessment_form", grid), data)
    page = text(response)
    assert "Ouverture : Choisissez un niveau pour garder votre commentaire." in page
    assert "On hésite entre 2 et 3" in page
    assert not MaturityAssessment.objects.exists()


def test_a_comment_too_long_is_refused_in_french(grid, login):
    data = {**form_data(community="1"), "comment_community": "x" * 2001}
    page = text(login(grid.team_a).post(url("maturity_assessment_form", grid), data))
    assert "au plus 2000 caractères" in page
    assert not MaturityAssessment.objects.exists()


def test_a_phase_not_open_yet_is_refused_with_its_date(grid, login):
    client = login(grid.team_a)
    response = client.get(url("maturity_assessment_form", grid, phase="fin"))
    assert response.status_code == 302
    assert "La grille « fin » s'ouvre le 1er mai 2027." in text(client.get(response["Location"]))
    response = client.post(url("maturity_assessment_form", grid, phase="fin"), full_form())
    assert response.status_code == 302
    assert not MaturityAssessment.objects.exists()


def test_a_submitted_grid_no_longer_opens_in_the_form(grid, login):
    assessment = submitted(grid)
    client = login(grid.team_a)
    response = client.get(url("maturity_assessment_form", grid))
    assert response["Location"] == url("maturity_assessment_detail", grid)
    assert "Cette grille est soumise, à valider : elle ne se modifie plus." in text(
        client.get(response["Location"])
    )
    client.post(url("maturity_assessment_form", grid), full_form(community="4"))
    assert stored_levels(assessment) == all_levels()


# --- The resource person's review -------------------------------------------------------------


def test_send_back_needs_a_comment_then_the_team_sees_it_and_resubmits(grid, login):
    assessment = submitted(grid)
    coach = login(grid.coach_a)
    response = coach.post(url("maturity_assessment_review", grid), {"decision": "send_back"})
    assert response.status_code == 200
    assert "Dites à l'équipe ce qu'elle doit revoir avant de lui renvoyer la grille." in text(
        response
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED

    response = coach.post(
        url("maturity_assessment_review", grid),
        {"decision": "send_back", "review_comment": "Le modèle économique me semble optimiste."},
    )
    assert response.status_code == 302
    assert "renvoyée à l'équipe avec votre commentaire" in text(coach.get(response["Location"]))

    team = login(grid.team_a)
    page = text(team.get(url("maturity_assessment_form", grid)))
    assert "La personne ressource vous a renvoyé la grille le" in page
    assert "Le modèle économique me semble optimiste." in page
    team.post(url("maturity_assessment_form", grid), full_form(economic_model="1"))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED

    coach = login(grid.coach_a)
    coach.post(
        url("maturity_assessment_review", grid), {"decision": "validate", "review_comment": "Merci"}
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.VALIDATED
    response = coach.post(
        url("maturity_assessment_review", grid), {"decision": "send_back", "review_comment": "x"}
    )
    assert "Cette grille est déjà validée : elle ne se modifie plus." in text(
        coach.get(response["Location"])
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.VALIDATED


def test_a_draft_cannot_be_validated_yet(grid, login):
    assessment = draft(grid)
    coach = login(grid.coach_a)
    response = coach.post(url("maturity_assessment_review", grid), {"decision": "validate"})
    page = text(coach.get(response["Location"]))
    assert "Cette grille n'est pas soumise : il n'y a rien à valider pour l'instant." in page
    assert 'id="relecture"' not in page
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_a_review_without_decision_is_refused_in_french(grid, login):
    submitted(grid)
    response = login(grid.coach_a).post(
        url("maturity_assessment_review", grid), {"decision": "publier"}
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in text(response)


# --- The resource person opens a grid before its window ---------------------------------------

BETWEEN = datetime.date(2026, 11, 20)  # month 3: no phase due (« mi-parcours » opens in January)


def open_url(world, eric="a"):
    return reverse(
        "coaching:maturity_assessment_open", args=[getattr(world, f"accompaniment_{eric}").pk]
    )


def test_between_windows_the_coach_opens_a_grid_with_a_reason_and_the_team_fills_it(
    grid, login, time_machine_today
):
    time_machine_today(BETWEEN)
    coach = login(grid.coach_a)
    page = text(coach.get(trajectory(grid)))
    assert "Aucune grille à remplir en ce moment." in page
    assert "Ouvrir une grille avant son calendrier" in page
    response = coach.post(
        open_url(grid), {"phase": "middle", "reason": "  L'équipe est prête avant janvier.  "}
    )
    assert response.status_code == 302
    assessment = MaturityAssessment.objects.get()
    assert (assessment.phase, assessment.status) == (MaturityPhase.MIDDLE, AssessmentStatus.DRAFT)
    assert assessment.created_by == grid.coach_a
    assert assessment.opening_reason == "L'équipe est prête avant janvier."
    assert "La grille « mi-parcours » est ouverte" in text(coach.get(response["Location"]))

    team = login(grid.team_a)
    page = text(team.get(trajectory(grid)))
    assert "À remplir maintenant : la grille « mi-parcours »" in page
    assert "Raison de l’ouverture : L'équipe est prête avant janvier." in page
    assert "Remplir la grille « mi-parcours »" not in page  # the draft exists: « Reprendre »
    assert "Reprendre la grille « mi-parcours »" in page
    response = team.post(url("maturity_assessment_form", grid, phase="mi-parcours"), full_form())
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED


@pytest.mark.parametrize(
    "data, message",
    [
        ({"phase": "middle", "reason": "   "}, "Dites pourquoi vous ouvrez la grille"),
        ({"phase": "middle", "reason": "x" * 1001}, "1000 caractères au plus"),
        ({"phase": "start", "reason": "Refaire"}, "Cette grille ne peut pas être ouverte"),
        ({"phase": "someday", "reason": "Refaire"}, "Cette grille ne peut pas être ouverte"),
        ({"reason": "Refaire"}, "Choisissez la grille à ouvrir."),
    ],
)
def test_opening_refuses_bad_input_in_french_and_keeps_what_was_typed(
    grid, login, time_machine_today, data, message
):
    time_machine_today(BETWEEN)
    response = login(grid.coach_a).post(open_url(grid), data)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert "rien n'a été enregistré" in page
    if data.get("reason", "").strip():
        assert data["reason"][:50] in page
    assert not MaturityAssessment.objects.exists()


def test_a_grid_already_started_or_open_is_not_opened_again(grid, login, time_machine_today):
    time_machine_today(BETWEEN)
    with pytest.raises(ValidationError, match="ouverte depuis le 1er septembre 2026"):
        services.maturity_assessment_open(
            by=grid.coach_a,
            accompaniment=grid.accompaniment_a,
            phase=MaturityPhase.START,
            reason="Refaire",
            today=BETWEEN,
        )
    services.maturity_assessment_open(
        by=grid.coach_a,
        accompaniment=grid.accompaniment_a,
        phase=MaturityPhase.MIDDLE,
        reason="Prête",
        today=BETWEEN,
    )
    with pytest.raises(ValidationError, match="déjà commencée"):
        services.maturity_assessment_open(
            by=grid.coach_a,
            accompaniment=grid.accompaniment_a,
            phase=MaturityPhase.MIDDLE,
            reason="Encore",
            today=BETWEEN,
        )
    # the form offers only « fin » now
    page = text(login(grid.coach_a).get(trajectory(grid)))
    assert 'value="end"' in page and 'value="middle"' not in page


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_eric_s_resource_person_opens_a_grid(grid, login, time_machine_today, who):
    time_machine_today(BETWEEN)
    expected = {"coach_a": 302, "team_a": 403, "region": 403, "admin": 403, **OTHERS}[who]
    client = login(getattr(grid, who))
    response = client.post(open_url(grid), {"phase": "middle", "reason": "Prête"})
    assert response.status_code == expected
    assert MaturityAssessment.objects.exists() == (expected == 302)
    if who != "coach_a":
        page = client.get(trajectory(grid))
        assert "Ouvrir une grille avant son calendrier" not in text(page)


# --- The section of the trajectory page --------------------------------------------------------


def trajectory(world, eric="a"):
    return reverse(
        "progress:accompaniment_detail", args=[getattr(world, f"accompaniment_{eric}").pk]
    )


def radar_svg(page):
    match = re.search(r'id="maturite".*?src="data:image/svg\+xml;base64,([^"]+)"', page, re.DOTALL)
    return base64.b64decode(match.group(1)).decode() if match else None


def test_the_team_sees_its_draft_and_what_to_do(grid, login):
    draft(grid, levels={"community": 3})
    page = text(login(grid.team_a).get(trajectory(grid)))
    assert '<section class="panel maturity" id="maturite"' in page
    assert "À remplir maintenant : la grille « début »" in page
    assert "État : brouillon." in page
    assert "Reprendre la grille « début »" in page
    assert re.search(
        r'data-criterion="community">\s*<th scope="row">Communauté</th>\s*<td[^>]*>3</td>', page
    )
    svg = radar_svg(page)
    assert svg and "début — brouillon" in svg


def test_the_region_sees_no_draft_then_the_submitted_radar(grid, login):
    draft(grid, levels={"community": 3})
    page = text(login(grid.region).get(trajectory(grid)))
    assert "non soumise" in page and "brouillon" not in page
    assert radar_svg(page) is None
    assert "Aucune grille n’est encore soumise" in page

    services.maturity_assessment_submit(
        by=grid.team_a, assessment=draft(grid, levels=all_levels(community=3))
    )
    page = text(login(grid.region).get(trajectory(grid)))
    svg = radar_svg(page)
    assert svg.startswith("<svg") and "<script" not in svg
    assert "début — soumise, à valider" in svg
    assert "Niveaux de la grille de maturité, par critère et par phase (0 à 4)" in page
    assert re.search(
        r'data-criterion="community">\s*<th scope="row">Communauté</th>\s*<td[^>]*>3</td>', page
    )
    assert "Reprendre la grille" not in page and "Valider ou renvoyer" not in page


def test_the_coach_is_asked_to_review(grid, login):
    submitted(grid)
    page = text(login(grid.coach_a).get(trajectory(grid)))
    assert "Valider ou renvoyer la grille « début »" in page
    assert url("maturity_assessment_detail", grid) + "#relecture" in page


def test_the_legend_says_which_phases_are_validated(grid, login, time_machine_today):
    validated(grid)
    time_machine_today(datetime.date(2027, 1, 10))
    submitted(
        grid,
        phase=MaturityPhase.MIDDLE,
        today=datetime.date(2027, 1, 10),
        levels=all_levels(community=3),
    )
    svg = radar_svg(text(login(grid.region).get(trajectory(grid))))
    assert "début — validée" in svg and "mi-parcours — soumise, à valider" in svg


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            (2026, 10, 31),
            "À remplir maintenant : la grille « début » (du 1er septembre au 31 octobre 2026).",
        ),
        (
            (2026, 11, 1),
            "Aucune grille à remplir en ce moment. Prochaine : la grille « mi-parcours », du 1er janvier au 28 février 2027.",
        ),
        (
            (2027, 1, 1),
            "À remplir maintenant : la grille « mi-parcours » (du 1er janvier au 28 février 2027).",
        ),
        ((2027, 5, 1), "À remplir maintenant : la grille « fin » (du 1er mai au 30 juin 2027)."),
        ((2027, 7, 1), "Les trois grilles de l’accompagnement sont passées."),
    ],
)
def test_the_phase_due_at_its_edges_on_the_page(grid, login, time_machine_today, day, message):
    time_machine_today(datetime.date(*day))
    page = text(login(grid.team_a).get(trajectory(grid)))
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))  # what a reader reads
    assert message in words


def test_a_late_start_grid_is_flagged_and_still_fillable(grid, login, time_machine_today):
    time_machine_today(datetime.date(2026, 11, 22))
    page = text(login(grid.team_a).get(trajectory(grid)))
    assert "en retard" in page
    assert "La grille « début » n'est pas encore soumise." in page
    assert "Remplir la grille « début »" in page


def three_phases(world):
    validated(world)
    validated(world, phase=MaturityPhase.MIDDLE, today=datetime.date(2027, 1, 10))
    validated(world, phase=MaturityPhase.END, today=datetime.date(2027, 5, 10))


@pytest.mark.parametrize("phases", [1, 3])
def test_the_section_costs_the_same_queries_with_1_and_3_assessments(
    grid, login, time_machine_today, snapshot_queries, phases
):
    if phases == 1:
        validated(grid)
    else:
        three_phases(grid)
    time_machine_today(datetime.date(2027, 6, 15))
    client = login(grid.coach_a)
    client.get(trajectory(grid))  # warm up the session
    # the fragment: session, user, accompaniment, memberships, coached accompaniments,
    # assessments with who submitted and reviewed them, their scores
    with snapshot_queries(name="section") as queries:
        response = client.get(url("maturity_overview", grid) + "?fragment=section")
    assert len(queries) == 7
    assert response.content.decode().count("badge--maturity-validated") == phases
    # the whole trajectory page: the same two queries on top of what it cost before
    with CaptureQueriesContext(connection) as page_queries:
        client.get(trajectory(grid))
    maturity_queries = [q for q in page_queries.captured_queries if "maturity" in q["sql"]]
    assert len(maturity_queries) == 2


def test_the_trajectory_page_query_count_does_not_grow_with_assessments(
    grid, login, time_machine_today, snapshot_queries
):
    time_machine_today(datetime.date(2027, 6, 15))
    client = login(grid.coach_a)
    validated(grid)
    client.get(trajectory(grid))
    with snapshot_queries(name="trajectory"):
        client.get(trajectory(grid))
    validated(grid, phase=MaturityPhase.MIDDLE, today=datetime.date(2027, 1, 10))
    validated(grid, phase=MaturityPhase.END, today=datetime.date(2027, 5, 10))
    with snapshot_queries(name="trajectory"):
        page = client.get(trajectory(grid)).content.decode()
    assert page.count("badge--maturity-validated") == 3


# --- The demo ------------------------------------------------------------------------------------


def test_the_demo_has_a_validated_start_grid_per_eric_and_loads_twice(demo):
    from demo.loader import load_demo_data

    def snapshot():
        return sorted(
            (a.accompaniment.eric.slug, a.phase, a.status, tuple(sorted(a.levels().items())))
            for a in MaturityAssessment.objects.select_related(
                "accompaniment__eric"
            ).prefetch_related("scores")
        )

    first = snapshot()
    assert len(first) == 4
    assert {(phase, status) for _, phase, status, _ in first} == {
        (MaturityPhase.START, AssessmentStatus.VALIDATED)
    }
    assert len({levels for *_, levels in first}) == 4  # each ERIC placed itself differently
    assert all(len(levels) == 6 for *_, levels in first)
    assessment = MaturityAssessment.objects.select_related("accompaniment").first()
    start = assessment.accompaniment.start_date
    # during the « début » window (months 1 and 2), validated in the days after
    assert assessment.submitted_at.date() < assessment.reviewed_at.date()
    assert assessment.reviewed_at.date() < start + relativedelta(months=2)
    assert assessment.accompaniment.start_date <= assessment.submitted_at.date()

    load_demo_data()
    assert snapshot() == first
    assert MaturityScore.objects.count() == 24


def test_the_demo_team_sees_its_grid_on_its_trajectory(demo, login):
    boate = MaturityAssessment.objects.get(accompaniment__eric__slug="made-in-la-boate")
    page = text(login(demo["boate"]).get(trajectory_of(boate)))
    assert "début — validée" in radar_svg(page)
    reviewed = long_date(timezone.localtime(boate.reviewed_at))
    assert "validée le %s par Camille Martin" % reviewed in page
    assert "Centre Social Jean Paul Coste" not in page


def trajectory_of(assessment):
    return reverse("progress:accompaniment_detail", args=[assessment.accompaniment_id])
