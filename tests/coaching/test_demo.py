import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Site

from cms.models import HomePage
from coaching.enums import Basis, Indicator
from coaching.models import Accompaniment, Milestone, Programme, Target
from organisations.enums import Pilot
from organisations.models import Membership, Organisation

ACCOUNTS = {
    "admin",
    "region",
    "coach",
    "boate",
    "coste",
    "hublot",
    "mouans",
    "openscop",
    "skema",
    "editor",
}


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            Membership,
            Programme,
            Target,
            Accompaniment,
            Milestone,
            HomePage,
            get_user_model(),
        )
    }


@pytest.mark.django_db
def test_demo_data_is_the_real_programme_and_loads_twice(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo_data")
    first = counts()
    call_command("load_demo_data")
    assert counts() == first

    programme = Programme.objects.get()
    assert programme.duration_months == 10
    assert programme.funder.name == "Région Provence-Alpes-Côte d'Azur"
    targets = {(t.indicator, t.pilot): (t.value, t.basis) for t in Target.objects.all()}
    # pilot 2: three ERIC, one animation a month each for ten months (30 animations);
    # pilot 1: the ephemeral tiers-lieu's own deliverables
    assert targets == {
        (Indicator.ANIMATIONS, Pilot.ACCOMPANIMENT): (1, Basis.PER_ERIC_PER_MONTH),
        (Indicator.ANIMATIONS, Pilot.EPHEMERAL): (1, Basis.PER_ERIC),
        (Indicator.TRAININGS, ""): (3, Basis.PROGRAMME),
        (Indicator.TRAININGS, Pilot.EPHEMERAL): (1, Basis.PER_ERIC),
        (Indicator.NEWSLETTERS, ""): (10, Basis.PROGRAMME),
        (Indicator.CODE_SOURCE_SHEETS, ""): (1, Basis.PER_MONTH),
        (Indicator.CODE_SOURCE_SHEETS, Pilot.EPHEMERAL): (1, Basis.PER_ERIC),
        (Indicator.TRUST_CIRCLE_MAPS, ""): (1, Basis.PER_ERIC),
        (Indicator.FEDERATING_EVENTS, ""): (1, Basis.PER_ERIC),
        (Indicator.HOTLINE_HALF_DAYS, ""): (1, Basis.PER_WEEK),
        (Indicator.VISITOR_STUDY, Pilot.EPHEMERAL): (1, Basis.PER_ERIC),
    }
    animations = Target.objects.get(indicator=Indicator.ANIMATIONS, pilot=Pilot.ACCOMPANIMENT)
    assert animations.total(eric_count=3) == 30
    erics = set(Organisation.objects.erics().values_list("name", flat=True))
    assert erics == {
        "Made in la Boate",
        "Centre Social Jean Paul Coste",
        "Le Hublot + Les Satellites",
        "ERIC de la Médiathèque de Mouans-Sartoux",
    }
    boate = Organisation.objects.get(slug="made-in-la-boate")
    assert (boate.address, boate.postcode, boate.town) == (
        "35 rue de la Paix",
        "13001",
        "Marseille",
    )
    partners = set(Organisation.objects.partners().values_list("name", flat=True))
    assert {
        "OpenScop",
        "SKEMA Business School",
        "Arsenic PACA",
        "O2Zone",
        "MoviLab",
        "ACIDD",
    } <= partners
    assert set(get_user_model().objects.values_list("username", flat=True)) == ACCOUNTS
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    output = capsys.readouterr().out
    assert "coach" in output and "mot de passe « demo »" in output


@pytest.mark.django_db
def test_every_demo_account_logs_in_with_demo(settings, client):
    settings.DEBUG = True
    call_command("load_demo_data")
    for username in ACCOUNTS:
        assert client.login(username=username, password="demo"), username
        client.logout()


@pytest.mark.django_db
def test_demo_data_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo_data")
    assert not Programme.objects.exists()
