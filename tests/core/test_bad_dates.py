"""Dates and numbers that cannot be: every query parameter and form field answers with a
French message (or a 400), never a 500, and nothing out of ``core.dates``' years is
saved (issue 18, item 4)."""

import pytest
from django.urls import reverse

BAD_DAYS = ["2026-13-01", "9999-12-01", "0001-01-01", "2026-02-31", "x"]
BAD_MONTHS = ["9999-12", "0001-01", "2026-13", "x"]
HUGE = "9" * 30

# (url name, kwargs, parameter, bad values): the pages and exports that read a day, a
# month or an id from the query string.
QUERY_PARAMETERS = [
    ("agenda:agenda", {}, "date", BAD_DAYS),
    ("agenda:agenda", {}, "eric", [HUGE, "-1", "x"]),
    ("coaching:hotline_call_list", {}, "month", BAD_MONTHS),
    ("coaching:hotline_call_list", {}, "eric", [HUGE, "x"]),
    ("coaching:hotline_week_list", {}, "month", BAD_MONTHS),
    ("coaching:hotline_week_list", {}, "until", BAD_DAYS),
    ("coaching:coaching_session_list", {}, "month", BAD_MONTHS),
    ("coaching:animation_list", {}, "month", BAD_MONTHS),
    ("coaching:federating_event_list", {}, "month", BAD_MONTHS),
    ("coaching:journal_export", {"kind": "appels", "fmt": "csv"}, "month", BAD_MONTHS),
    ("coaching:journal_export", {"kind": "seances", "fmt": "xlsx"}, "month", BAD_MONTHS),
    ("coaching:journal_export", {"kind": "animations", "fmt": "csv"}, "eric", [HUGE]),
    ("progress:my_week", {}, "au", BAD_DAYS),
    ("opendata:eric_trust_circles_geojson", {"slug": "made-in-la-boate"}, "date", BAD_DAYS),
]


@pytest.mark.parametrize(("name", "kwargs", "parameter", "values"), QUERY_PARAMETERS)
def test_a_bad_query_parameter_never_gives_a_500(demo, client, name, kwargs, parameter, values):
    """Each bad value answers as the page without it does (the filter's French message
    on the page, or the default view), or 400: never 500."""
    client.raise_request_exception = False
    url = reverse(name, kwargs=kwargs)
    for username in ("coach", "boate"):
        client.force_login(demo[username])
        expected = {client.get(url).status_code, 400}
        for value in values:
            response = client.get(url, {parameter: value})
            assert response.status_code in expected, (username, url, parameter, value)


PROJECT_APPS = (
    "agenda",
    "cms",
    "coaching",
    "collab",
    "core",
    "maps",
    "newsletter",
    "organisations",
    "progress",
    "study",
    "trainings",
)


def _project_forms():
    import importlib
    import pkgutil

    from django import forms

    for app in PROJECT_APPS:
        for module_name in (f"{app}.forms", f"{app}.views"):
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            if hasattr(module, "__path__"):
                for info in pkgutil.iter_modules(module.__path__):
                    importlib.import_module(f"{module_name}.{info.name}")
    seen, pending = set(), [forms.BaseForm]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                pending.append(sub)
    return sorted(
        (cls for cls in seen if cls.__module__.split(".")[0] in PROJECT_APPS),
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def test_every_date_field_of_every_form_is_bounded(db):
    """A date or datetime field added without ``core.forms``' bounds fails here."""
    from django import forms

    from core.forms import BoundedDayMixin

    classes = _project_forms()
    assert len(classes) > 20
    unbounded = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls in classes
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, (forms.DateField, forms.DateTimeField))
        and not isinstance(field, BoundedDayMixin)
        and not any(
            getattr(validator, "limit_value", None) is not None for validator in field.validators
        )
    ]
    assert unbounded == []


FAR_MOMENTS = ["0001-01-01T00:00", "9999-12-31T23:59", "1999-12-31T23:00"]
FAR_DAYS = ["0001-01-01", "9999-12-31", "2100-01-01"]


def _quick_log(world):
    from tests.coaching.test_journal_forms import quick_post

    return world.coach_a, reverse("coaching:hotline_quick_log"), quick_post(world)


def _session(world):
    from tests.coaching.test_journal_forms import session_post

    return world.coach_a, reverse("coaching:coaching_session_create"), session_post(world)


def _agenda_entry(world):
    data = {
        "programme": world.programme.pk,
        "eric": world.eric_a.pk,
        "kind": "meeting",
        "title": "Comité",
        "start": "2026-10-06T14:00",
        "end": "2026-10-06T16:00",
        "visibility": "team",
    }
    return world.coach_a, reverse("agenda:entry_create"), data


def _training_half_day(world):
    from tests.trainings.factories import make_training

    training = make_training(world)
    data = {"date": "2026-10-06", "slot": "morning", "start_time": "09:00", "end_time": "12:00"}
    return world.admin, reverse("trainings:session_create", args=[training.pk]), data


def _trust_circle(world):
    from tests.maps.test_trust_circles import entry_data

    return world.team_a, reverse("maps:entry_create", args=[world.eric_a.slug]), entry_data()


def _model_counts():
    from agenda.models import AgendaEntry
    from coaching.models import CoachingSession, HotlineCall
    from maps.models import TrustCircleEntry
    from trainings.models import TrainingSession

    return [
        model.objects.count()
        for model in (AgendaEntry, CoachingSession, HotlineCall, TrustCircleEntry, TrainingSession)
    ]


# (form, its date field, bad values): each form posted valid but for that field.
FORM_FIELDS = [
    (_quick_log, "started_at", FAR_MOMENTS),
    (_session, "started_at", FAR_MOMENTS),
    (_agenda_entry, "start", FAR_MOMENTS),
    (_agenda_entry, "end", ["9999-12-31T23:59", "2100-01-01T10:00"]),
    (_training_half_day, "date", FAR_DAYS),
    (_trust_circle, "since", FAR_DAYS),
    (_trust_circle, "until", ["9999-12-31", "2100-01-01"]),
]


@pytest.mark.parametrize(("form", "field", "values"), FORM_FIELDS)
def test_a_far_date_in_a_form_is_refused_in_french(world, client, form, field, values):
    import html

    client.raise_request_exception = False
    user, url, data = form(world)
    client.force_login(user)
    before = _model_counts()
    for value in values:
        response = client.post(url, {**data, field: value})
        assert response.status_code == 200, (url, field, value, response.status_code)
        assert "Indiquez une date entre 2000 et 2099." in html.unescape(response.content.decode())
        assert _model_counts() == before, (url, field, value)
