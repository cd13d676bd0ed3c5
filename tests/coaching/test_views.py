import datetime
import html

import pytest
from django.urls import reverse

from coaching.enums import MilestoneStatus
from coaching.models import Milestone
from tests.factories import make_accompaniment, make_organisation


def add_milestones(accompaniment, count, *, due=datetime.date(2026, 10, 15)):
    Milestone.objects.bulk_create(
        Milestone(accompaniment=accompaniment, title="Jalon %d" % n, due_date=due)
        for n in range(count)
    )


class TestHome:
    def test_anonymous_is_sent_to_the_login_page(self, client, db):
        response = client.get(reverse("coaching:home"))
        assert response.status_code == 302
        assert response["Location"].startswith("/connexion/")

    def test_each_demo_account_sees_its_own_home(self, demo, login):
        expectations = {
            "coach": [
                "Personne ressource, OpenScop",
                "ERIC accompagnés",
                "Made in la Boate",
                "Centre Social Jean Paul Coste",
            ],
            "boate": ["Équipe ERIC, Made in la Boate", "Notre trajectoire", "Made in la Boate"],
            "region": [
                "Chargé·e de mission Région",
                "ERIC accompagnés",
                "Animations multi-partenariales documentées",
            ],
            "openscop": ["Contributeur·rice partenaire, OpenScop", "Programmes"],
            "editor": ["Éditer le site public"],
            "admin": ["Administration"],
        }
        for username, texts in expectations.items():
            response = login(demo[username]).get(reverse("coaching:home"))
            assert response.status_code == 200
            page = response.content.decode()
            for text in texts:
                assert text in page, (username, text)

    def test_an_eric_team_never_sees_another_eric(self, demo, login):
        page = login(demo["boate"]).get(reverse("coaching:home")).content.decode()
        assert "Made in la Boate" in page
        assert "Centre Social Jean Paul Coste" not in page
        assert "Le Hublot" not in page

    def test_late_and_due_milestones_are_listed_to_act_on(self, world, login, time_machine_today):
        time_machine_today(datetime.date(2026, 10, 20))
        Milestone.objects.create(
            accompaniment=world.accompaniment_a,
            title="En retard",
            due_date=datetime.date(2026, 10, 1),
        )
        Milestone.objects.create(
            accompaniment=world.accompaniment_a,
            title="Ce mois",
            due_date=datetime.date(2026, 10, 30),
        )
        Milestone.objects.create(
            accompaniment=world.accompaniment_a,
            title="Plus tard",
            due_date=datetime.date(2026, 12, 1),
        )
        page = login(world.coach_a).get(reverse("coaching:home")).content.decode()
        assert "En retard" in page and "en retard" in page
        assert "Ce mois" in page and "ce mois-ci" in page
        assert "Plus tard" not in page

    @pytest.mark.parametrize("rows", [1, 50])
    def test_home_query_count_does_not_grow(self, world, login, rows, snapshot_queries):
        for _ in range(rows):
            add_milestones(
                make_accompaniment(programme=world.programme, resource_persons=[world.coach_a]), 2
            )
        client = login(world.coach_a)
        client.get(reverse("coaching:home"))  # warm up the session
        # session, user, memberships, coached accompaniments, programmes + targets,
        # accompaniments, milestones, memberships with organisations; the reports section:
        # the reports, the programmes and their schedules
        with snapshot_queries(name="home") as queries:
            response = client.get(reverse("coaching:home"))
        assert len(queries) == 11
        assert response.status_code == 200


class TestAccompaniment:
    def test_access_matrix(self, world, login):
        url = reverse("progress:accompaniment_detail", args=[world.accompaniment_a.pk])
        for who, status in [
            ("coach_a", 200),
            ("team_a", 200),
            ("region", 200),
            ("admin", 200),
            ("coach_b", 404),  # as a missing one: another ERIC's ids tell nothing
            ("team_b", 404),
            ("partner", 404),
            ("outsider", 404),
        ]:
            assert login(getattr(world, who)).get(url).status_code == status, who

    def test_the_team_reads_the_timeline_but_cannot_edit(self, world, login):
        add_milestones(world.accompaniment_a, 1)
        page = (
            login(world.team_a)
            .get(reverse("progress:accompaniment_detail", args=[world.accompaniment_a.pk]))
            .content.decode()
        )
        assert "Jalon 0" in page
        assert "Ajouter un jalon" not in page

    @pytest.mark.parametrize("rows", [1, 50])
    def test_detail_query_count_does_not_grow(self, world, login, rows, snapshot_queries):
        add_milestones(world.accompaniment_a, rows)
        client = login(world.coach_a)
        url = reverse("progress:accompaniment_detail", args=[world.accompaniment_a.pk])
        client.get(url)
        # session, user, accompaniment, resource persons, milestones, memberships, coached;
        # the trajectory: this ERIC's indicators (7), animations, follow-ups, sheets;
        # the maturity grid's assessments (and their scores once there is one)
        with snapshot_queries(name="detail") as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == 18

    def test_programme_page_lists_targets_and_only_visible_erics(self, world, login):
        from tests.factories import make_target

        make_target(programme=world.programme, value=30)
        url = reverse("coaching:programme_detail", args=[world.programme.slug])
        page = login(world.team_a).get(url).content.decode()
        assert "Réalisations attendues" in page
        assert "ERIC A" in page and "ERIC B" not in page
        assert login(world.outsider).get(url).status_code == 404


class TestMilestoneForms:
    def url(self, world):
        return reverse("coaching:milestone_create", args=[world.accompaniment_a.pk])

    def test_the_coach_adds_a_milestone(self, world, login, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = login(world.coach_a).post(
                self.url(world),
                {"title": "Charte du lieu", "due_date": "2026-11-30", "status": "planned"},
            )
        assert response.status_code == 302
        assert Milestone.objects.get().title == "Charte du lieu"

    @pytest.mark.parametrize("who", ["team_a", "coach_b", "region", "partner"])
    def test_others_cannot_add(self, world, login, who):
        # 403 for those who see ERIC A's trajectory, 404 (as a missing one) for the others
        expected = 403 if who in ("team_a", "region") else 404
        client = login(getattr(world, who))
        assert client.get(self.url(world)).status_code == expected
        assert (
            client.post(
                self.url(world), {"title": "x", "due_date": "2026-11-30", "status": "planned"}
            ).status_code
            == expected
        )
        assert not Milestone.objects.exists()

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"title": "", "due_date": "2026-11-30", "status": "planned"}, "Champ requis"),
            (
                {"title": "X", "due_date": "30/13/2026", "status": "planned"},
                "Saisissez une date valide",
            ),
            (
                {"title": "X", "due_date": "2030-01-01", "status": "planned"},
                "L'échéance doit tomber pendant le programme",
            ),
            (
                {"title": "X", "due_date": "2026-11-30", "status": "done"},
                "Un jalon atteint s'appuie sur une preuve",
            ),
            (
                {
                    "title": "X",
                    "due_date": "2026-11-30",
                    "status": "planned",
                    "completed_on": "2026-11-02",
                },
                "La date d'atteinte ne s'indique que",
            ),
        ],
    )
    def test_bad_input_gets_a_french_message_and_keeps_what_was_typed(
        self, world, login, data, message
    ):
        response = login(world.coach_a).post(self.url(world), {**data, "description": "Gardé"})
        assert response.status_code == 200
        page = html.unescape(response.content.decode())
        assert message in page
        assert "rien n'a été enregistré" in page
        assert "Gardé" in page
        assert not Milestone.objects.exists()

    def test_marking_done_records_the_day_and_keeps_the_evidence(
        self, world, login, time_machine_today
    ):
        time_machine_today(datetime.date(2026, 10, 20))
        milestone = Milestone.objects.create(
            accompaniment=world.accompaniment_a,
            title="Diagnostic",
            due_date=datetime.date(2026, 10, 31),
        )
        response = login(world.coach_a).post(
            reverse("coaching:milestone_update", args=[milestone.pk]),
            {
                "title": "Diagnostic",
                "due_date": "2026-10-31",
                "status": "done",
                "evidence_note": "Grille remplie en équipe",
            },
        )
        assert response.status_code == 302
        milestone.refresh_from_db()
        assert milestone.status == MilestoneStatus.DONE
        assert milestone.completed_on == datetime.date(2026, 10, 20)

    def test_editing_another_erics_milestone_is_refused(self, world, login):
        milestone = Milestone.objects.create(
            accompaniment=world.accompaniment_b, title="B", due_date=datetime.date(2026, 10, 31)
        )
        url = reverse("coaching:milestone_update", args=[milestone.pk])
        assert login(world.coach_a).post(url, {"title": "pris"}).status_code == 404
        milestone.refresh_from_db()
        assert milestone.title == "B"


def test_an_organisation_that_is_not_an_eric_cannot_be_accompanied(world):
    from django.core.exceptions import ValidationError

    from coaching.models import Accompaniment
    from organisations.enums import OrganisationKind

    consultancy = make_organisation(kind=OrganisationKind.CONSULTANCY)
    accompaniment = Accompaniment(
        programme=world.programme,
        eric=consultancy,
        start_date=world.programme.start_date,
        end_date=world.programme.end_date,
    )
    with pytest.raises(ValidationError) as error:
        accompaniment.full_clean()
    assert "Seul un ERIC peut être accompagné." in str(error.value)
