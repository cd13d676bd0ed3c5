"""The access matrix: every URL of the platform × the 11 demo roles, and the answer each
role gets (issue 18, item 9; ``tests/security/test_access_matrix.py`` runs it).

One entry per URL name (``namespace:name``; an unnamed pattern is keyed ``route:<its
route>``). An entry builds one concrete URL from the demo data (``tests/security/
context.py``: Made in la Boate's records for what is private to an ERIC) and gives the
answer of each role:

- ``200`` (or any status code): that status;
- ``LOGIN``: a redirect to the login page (``/connexion/``);
- ``"302"``: a redirect elsewhere (after a POST, to the admin's home…).

An entry may send data (a dict, or a function of the context: a moment of today), as
JSON (``content_type``) and with headers (the kiosk's token).

``row(anonymous, default, **per_role)`` writes a line: what the anonymous visitor gets,
what the 10 accounts get unless named. The Wagtail and Django admins' hundreds of URLs
are grouped by name prefix (``GROUPS``): every URL of a group without arguments is
requested with the group's rule; a URL with arguments is covered by the group's rule
and by the entries below that name a concrete one.

A URL in the resolver with neither an entry nor a group fails the test, which prints the
entry to add.
"""

from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from coaching.selectors.maturity import PHASE_SLUGS
from tests.security.context import PNG

ROLES = (
    "anonymous",
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
)
ACCOUNTS = ROLES[1:]
LOGIN = "login"
ADMIN_LOGIN = "admin-login"  # the Django admin's own login page (it then sends to ours)


def row(anonymous, default, **per_role) -> dict:
    unknown = set(per_role) - set(ACCOUNTS)
    if unknown:
        raise ValueError("Unknown roles: %s" % ", ".join(sorted(unknown)))
    return {"anonymous": anonymous, **{role: per_role.get(role, default) for role in ACCOUNTS}}


@dataclass(frozen=True)
class Entry:
    url: object  # a path, or a function of the context returning one
    expect: dict
    method: str = "get"
    data: object = field(default_factory=dict)  # a dict, or a function of the context
    headers: object = None  # a dict, or a function of the context returning one
    content_type: str | None = None  # "application/json": ``data`` sent as JSON

    def path(self, ctx) -> str:
        return self.url(ctx) if callable(self.url) else self.url

    def data_for(self, ctx) -> dict:
        return self.data(ctx) if callable(self.data) else self.data

    def extra(self, ctx) -> dict:
        """The test client's keyword arguments besides the path and the data."""
        extra = {"headers": (self.headers(ctx) if callable(self.headers) else self.headers) or {}}
        if self.content_type:
            extra["content_type"] = self.content_type
        return extra


@dataclass(frozen=True)
class Group:
    """A rule for every URL whose key starts with ``prefix``."""

    prefix: str
    expect: dict
    why: str


def r(name, *args):
    def build(ctx):
        from django.urls import reverse

        return reverse(name, args=[a(ctx) if callable(a) else a for a in args])

    return build


def pk(attr):
    return lambda ctx: getattr(ctx, attr).pk


# Shorthands for the lines that repeat.
EVERYONE = row(200, 200)
MEMBERS = row(LOGIN, 200)
# the visitor study: its partner (SKEMA) edits; who reads its results; who runs an event
STUDY_PARTNER = row(LOGIN, 404, admin=200, skema=200)
STUDY_READERS = row(LOGIN, 200, editor=404)
EVENT_RUNNERS = row(
    LOGIN, 404, admin=200, region=200, coach=200, mouans=200, openscop=200, skema=200
)
EVENT_RUNNERS_POST = row(
    LOGIN, 404, admin="302", region="302", coach="302", mouans="302", openscop="302", skema="302"
)
# Made in la Boate's collaborative space: its members (the team, the Region, the
# resource person, the administrators) and those who invite into it
SPACE_MEMBERS = row(LOGIN, 404, admin=200, region=200, coach=200, boate=200)
SPACE_MEMBERS_POST = row(LOGIN, 404, admin="302", region="302", coach="302", boate="302")
SPACE_MANAGERS = row(LOGIN, 404, admin="302", region="302", coach="302", boate="302")
# who moves and deletes a document of it (its author, Made in la Boate's team, and the
# space's managers) or deletes a folder (its creator, the same team, and the managers):
# the Region, a member only, sees them and is refused
DOCUMENT_CHANGERS_POST = row(LOGIN, 404, admin="302", coach="302", boate="302", region=403)


def KIOSK_TOKEN(ctx):
    return {"Authorization": "Bearer " + ctx.kiosk_token}


def SPACE(ctx):
    return ctx.space.slug


def PAGE(ctx):
    return ctx.wiki_page.slug


def REVISION(ctx):
    return ctx.wiki_page.current_number


class RewoundUpload(SimpleUploadedFile):
    """A file sent by every role in turn: the data is built once per entry, and the
    test client reads the file to the end each time it posts it."""

    def read(self, *args):
        self.seek(0)
        return super().read(*args)


def PNG_UPLOAD(ctx):
    return {"file": RewoundUpload("version.png", PNG), "comment": "Recadrée"}


# One entry per URL name. To add a URL: one line here.
TABLE = {
    # config
    "healthz": Entry("/healthz", EVERYONE),
    "healthz_live": Entry("/healthz/live", EVERYONE),
    "login": Entry("/connexion/", row(200, "302")),
    "logout": Entry("/deconnexion/", row("302", "302"), method="post"),
    "set_language": Entry("/i18n/setlang/", row("302", "302")),
    "robots_txt": Entry("/robots.txt", EVERYONE),
    "sitemap": Entry("/sitemap.xml", EVERYONE),
    "site_map": Entry("/plan-du-site/", EVERYONE),
    "site_search": Entry("/recherche/?q=atelier", EVERYONE),
    "route:^media/(?P<path>.*)$": Entry(lambda c: c.image.file.url, EVERYONE),
    # trainings
    "trainings:training_list": Entry(r("trainings:training_list"), MEMBERS),
    "trainings:training_create": Entry(
        r("trainings:training_create"),
        row(LOGIN, 403, admin=200, coach=200, openscop=200, skema=200),
    ),
    "trainings:training_detail": Entry(
        r("trainings:training_detail", pk("training")), row(LOGIN, 200, editor=404)
    ),
    "trainings:training_update": Entry(
        r("trainings:training_update", pk("training")),
        row(LOGIN, 403, admin=200, coach=200, openscop=200, editor=404),
    ),
    "trainings:session_create": Entry(
        r("trainings:session_create", pk("training")),
        row(LOGIN, 403, admin=200, coach=200, openscop=200, editor=404),
    ),
    "trainings:material_create": Entry(
        r("trainings:material_create", pk("training")),
        row(LOGIN, 403, admin=200, coach=200, openscop=200, editor=404),
    ),
    "trainings:register_self": Entry(
        r("trainings:register_self", pk("training")), row(LOGIN, "302", editor=404), method="post"
    ),
    "trainings:register_external": Entry(
        r("trainings:register_external", pk("training")),
        row(LOGIN, 403, admin=200, coach=200, openscop=200),
    ),
    "trainings:send_invitations": Entry(
        r("trainings:send_invitations", pk("training")),
        row(LOGIN, 403, admin="302", coach="302", openscop="302", editor=404),
        method="post",
    ),
    "trainings:send_evaluations": Entry(
        r("trainings:send_evaluations", pk("training")),
        row(LOGIN, 403, admin="302", coach="302", openscop="302", editor=404),
        method="post",
    ),
    "trainings:training_ics": Entry(
        r("trainings:training_ics", pk("training")), row(LOGIN, 200, editor=404)
    ),
    "trainings:certificates_pdf": Entry(
        r("trainings:certificates_pdf", pk("training")),
        row(LOGIN, 403, admin=200, region=200, coach=200, openscop=200, editor=404),
    ),
    "trainings:summary_pdf": Entry(
        r("trainings:summary_pdf", pk("training")),
        row(LOGIN, 403, admin=200, region=200, coach=200, openscop=200, editor=404),
    ),
    "trainings:attendance_mark": Entry(
        r("trainings:attendance_mark", pk("training_session")),
        row(LOGIN, 403, admin=200, coach=200, openscop=200, editor=404),
    ),
    "trainings:attendance_sheet_pdf": Entry(
        r("trainings:attendance_sheet_pdf", pk("training_session")),
        row(LOGIN, 403, admin=200, region=200, coach=200, openscop=200, editor=404),
    ),
    "trainings:registration_cancel": Entry(
        r("trainings:registration_cancel", pk("registration")),
        row(LOGIN, 403, admin="302", coach="302", boate="302", openscop="302"),
        method="post",
    ),
    "trainings:certificate_pdf": Entry(
        r("trainings:certificate_pdf", pk("registration")),
        row(LOGIN, 200, coste=404, hublot=404, mouans=404, skema=404, editor=404),
    ),
    "trainings:material_download": Entry(
        r("trainings:material_download", pk("material")), row(LOGIN, 200, editor=404)
    ),
    "trainings:evaluation": Entry(
        r("trainings:evaluation", lambda c: c.evaluation.registration.token), EVERYONE
    ),
    # newsletter (editing)
    "newsletter:issue_list": Entry(
        r("newsletter:issue_list"), row(LOGIN, 200, region=404, coste=404, hublot=404, mouans=404)
    ),
    "newsletter:issue_create": Entry(
        r("newsletter:issue_create"), row(LOGIN, 404, admin=200, coach=200, editor=200)
    ),
    "newsletter:issue_detail": Entry(
        r("newsletter:issue_detail", pk("issue")), row(LOGIN, 404, admin=200, coach=200, editor=200)
    ),
    "newsletter:issue_update": Entry(
        r("newsletter:issue_update", pk("issue")),
        row(LOGIN, 404, admin=400, coach=400, editor=400),
        method="post",
    ),
    "newsletter:section_add": Entry(
        r("newsletter:section_add", pk("issue")),
        row(LOGIN, 404, admin=400, coach=400, editor=400),
        method="post",
    ),
    "newsletter:issue_publish": Entry(
        r("newsletter:issue_publish", pk("issue")),
        row(LOGIN, 404, admin=400, coach=400, editor=400),
        method="post",
    ),
    "newsletter:issue_unschedule": Entry(
        r("newsletter:issue_unschedule", pk("issue")),
        row(LOGIN, 404, admin="302", coach="302", editor="302"),
        method="post",
    ),
    "newsletter:issue_preview": Entry(
        r("newsletter:issue_preview", pk("issue")),
        row(LOGIN, 404, admin=200, coach=200, editor=200),
    ),
    "newsletter:issue_email_preview": Entry(
        r("newsletter:issue_email_preview", pk("issue")),
        row(LOGIN, 404, admin=200, coach=200, editor=200),
    ),
    "newsletter:section_edit": Entry(
        r("newsletter:section_edit", pk("section")),
        row(LOGIN, 404, admin=200, coach=200, boate=200, editor=200),
    ),
    "newsletter:section_plan": Entry(
        r("newsletter:section_plan", pk("section")),
        row(LOGIN, 404, admin=200, coach=200, editor=200),
    ),
    "newsletter:section_comment": Entry(
        r("newsletter:section_comment", pk("section")),
        row(LOGIN, 404, admin="302", coach="302", editor="302"),
        method="post",
    ),
    "newsletter:subscriber_import": Entry(
        r("newsletter:subscriber_import"), row(LOGIN, 404, admin=200, coach=200, editor=200)
    ),
    # newsletter (public)
    "newsletter_public:archive": Entry(r("newsletter_public:archive"), EVERYONE),
    "newsletter_public:subscribe": Entry(r("newsletter_public:subscribe"), EVERYONE),
    "newsletter_public:subscribe_done": Entry(r("newsletter_public:subscribe_done"), EVERYONE),
    "newsletter_public:confirm": Entry(
        r("newsletter_public:confirm", lambda c: c.confirm_token), row(400, 400)
    ),
    "newsletter_public:unsubscribe": Entry(
        r("newsletter_public:unsubscribe", lambda c: c.unsubscribe_token), EVERYONE
    ),
    "newsletter_public:issue": Entry(
        r("newsletter_public:issue", lambda c: c.issue.programme.slug, lambda c: c.issue.number),
        row(404, 404),
    ),
    "newsletter_public:issue_pdf": Entry(
        r(
            "newsletter_public:issue_pdf",
            lambda c: c.issue.programme.slug,
            lambda c: c.issue.number,
        ),
        row(404, 404),
    ),
    # cms (outside Wagtail)
    "cms:sheet_new": Entry(r("cms:sheet_new"), row(LOGIN, 400)),
    "cms:journal_media_list": Entry(
        r("cms:journal_media_list"), row(LOGIN, 403, admin=200, editor=200)
    ),
    "cms:animation_media_publish": Entry(
        r("cms:animation_media_publish", pk("animation_media")),
        row(LOGIN, 200, region=403, coste=404, hublot=404, mouans=404, openscop=403, skema=404),
    ),
    "cms:animation_media_preview": Entry(
        r("cms:animation_media_preview", pk("animation_media")),
        row(LOGIN, 200, region=403, coste=404, hublot=404, mouans=404, openscop=403, skema=404),
    ),
    "cms:event_media_publish": Entry(
        r("cms:event_media_publish", pk("event_media")),
        row(LOGIN, 200, region=403, mouans=404, openscop=404, skema=404),
    ),
    "cms:event_media_preview": Entry(
        r("cms:event_media_preview", pk("event_media")),
        row(LOGIN, 200, region=403, mouans=404, openscop=404, skema=404),
    ),
    "cms:media_item_unpublish": Entry(
        r("cms:media_item_unpublish", pk("media_item")),
        row(LOGIN, 403, admin=200, coach=200, boate=200, editor=200),
    ),
    # progress
    "progress:my_week": Entry(r("progress:my_week"), row(LOGIN, 403, admin=200, coach=200)),
    "progress:dashboard_index": Entry(
        r("progress:dashboard_index"), row(LOGIN, 403, admin="302", region="302", coach="302")
    ),
    "progress:programme_dashboard": Entry(
        r("progress:programme_dashboard", lambda c: c.programme.slug),
        row(LOGIN, 403, admin=200, region=200, coach=200),
    ),
    "progress:programme_report_pdf": Entry(
        r("progress:programme_report_pdf", lambda c: c.programme.slug),
        # queued in the background: a redirect to the file or to its status page
        row(LOGIN, 403, admin="302", region="302", coach="302"),
    ),
    "progress:accompaniment_detail": Entry(
        r("progress:accompaniment_detail", pk("boate")),
        row(LOGIN, 404, admin=200, region=200, coach=200, boate=200),
    ),
    "progress:report_detail": Entry(
        r("progress:report_detail", pk("report")),
        row(LOGIN, 404, admin=200, region=200, coach=200, boate=200),
    ),
    "progress:report_download": Entry(r("progress:report_download", pk("report")), row(LOGIN, 404)),
    "progress:report_retry": Entry(
        r("progress:report_retry", pk("report")),
        row(LOGIN, 404, admin="302", region="302", coach="302", boate="302"),
        method="post",
    ),
    # RGPD: an administrator's pages; anyone else is not told they exist (GET only here:
    # a post would erase a demo account the other entries read)
    "progress:personal_data_home": Entry(
        "/espace/donnees-personnelles/?q=boate", row(LOGIN, 404, admin=200)
    ),
    "progress:personal_data_account": Entry(
        r("progress:personal_data_account", lambda c: c.users["hublot"].pk),
        row(LOGIN, 404, admin=200),
    ),
    "progress:my_personal_data": Entry(r("progress:my_personal_data"), MEMBERS),
    "progress:personal_data_export_request": Entry(
        r("progress:personal_data_export_request"),
        # no person nor address: told so, back to the page; nothing queued
        row(LOGIN, 404, admin="302"),
        method="post",
    ),
    "progress:personal_data_export": Entry(
        r("progress:personal_data_export", pk("personal_export")),
        row(LOGIN, 404, admin=200, boate=200),
    ),
    "progress:personal_data_export_download": Entry(
        r("progress:personal_data_export_download", pk("personal_export")),
        row(LOGIN, 404, admin=200, boate=200),
    ),
    "progress:personal_data_email": Entry(
        lambda c: r("progress:personal_data_email")(c) + "?email=inconnu%40exemple.fr",
        row(LOGIN, 404, admin=200),
    ),
    "progress:programme_reports": Entry(
        r("progress:programme_reports", lambda c: c.programme.slug),
        row(LOGIN, 200, openscop=404, skema=404, editor=404),
    ),
    "progress:end_narrative": Entry(
        r("progress:end_narrative", lambda c: c.programme.slug),
        row(LOGIN, 404, admin=200, region=200, coach=200, skema=200),
    ),
    "progress:end_report_preview": Entry(
        r("progress:end_report_preview", lambda c: c.programme.slug),
        row(LOGIN, 404, admin="302", region="302", coach="302", skema="302"),
        method="post",
    ),
    "progress:end_report_freeze": Entry(
        r("progress:end_report_freeze", lambda c: c.programme.slug),
        row(LOGIN, 404, admin="302", region="302", coach="302", skema="302"),
        method="post",
    ),
    # coaching
    "coaching:home": Entry(r("coaching:home"), MEMBERS),
    "coaching:programme_detail": Entry(
        r("coaching:programme_detail", lambda c: c.programme.slug), MEMBERS
    ),
    "coaching:milestone_create": Entry(
        r("coaching:milestone_create", pk("boate")),
        row(LOGIN, 404, admin=200, region=403, coach=200, boate=403),
    ),
    "coaching:milestone_update": Entry(
        r("coaching:milestone_update", pk("milestone")),
        row(LOGIN, 404, admin=200, region=403, coach=200, boate=403),
    ),
    "coaching:maturity_overview": Entry(
        r("coaching:maturity_overview", pk("boate")),
        row(LOGIN, 404, admin=200, region=200, coach=200, boate=200),
    ),
    "coaching:maturity_assessment_open": Entry(
        r("coaching:maturity_assessment_open", pk("boate")),
        row(LOGIN, 404, admin=403, region=403, coach=400, boate=403),
        method="post",
    ),
    "coaching:maturity_assessment_detail": Entry(
        r(
            "coaching:maturity_assessment_detail",
            pk("boate"),
            lambda c: PHASE_SLUGS[c.assessment.phase],
        ),
        row(LOGIN, 404, admin=200, region=200, coach=200, boate=200),
    ),
    "coaching:maturity_assessment_form": Entry(
        r(
            "coaching:maturity_assessment_form",
            pk("boate"),
            lambda c: PHASE_SLUGS[c.assessment.phase],
        ),
        row(LOGIN, 404, admin=403, region=403, coach=403, boate="302"),
    ),
    "coaching:maturity_assessment_review": Entry(
        r(
            "coaching:maturity_assessment_review",
            pk("boate"),
            lambda c: PHASE_SLUGS[c.assessment.phase],
        ),
        row(LOGIN, 404, admin=403, region=403, coach="302", boate=403),
        method="post",
    ),
    "coaching:journal_home": Entry(r("coaching:journal_home"), row(LOGIN, 200, editor=403)),
    "coaching:hotline_quick_log": Entry(
        r("coaching:hotline_quick_log"), row(LOGIN, 403, admin=200, coach=200)
    ),
    "coaching:hotline_slot_hold": Entry(
        r("coaching:hotline_slot_hold", pk("programme")),
        row(LOGIN, 403, admin="302", coach="302"),
        method="post",
    ),
    "coaching:hotline_call_list": Entry(
        r("coaching:hotline_call_list"), row(LOGIN, 200, editor=403)
    ),
    "coaching:hotline_week_list": Entry(
        r("coaching:hotline_week_list"), row(LOGIN, 403, admin=200, region=200, coach=200)
    ),
    "coaching:hotline_call_detail": Entry(
        r("coaching:hotline_call_detail", pk("call")),
        row(LOGIN, 404, admin=200, region=200, coach=200, boate=200),
    ),
    "coaching:hotline_call_update": Entry(
        r("coaching:hotline_call_update", pk("call")),
        row(LOGIN, 404, admin=200, region=403, coach=200, boate=403),
    ),
    "coaching:hotline_follow_up_add": Entry(
        r("coaching:hotline_follow_up_add", pk("call")),
        row(LOGIN, 404, admin=200, region=403, coach=200, boate=403),
        method="post",
    ),
    "coaching:hotline_follow_up_toggle": Entry(
        r("coaching:hotline_follow_up_toggle", pk("follow_up")),
        row(LOGIN, 404, admin="302", region=403, coach="302", boate=403),
        method="post",
    ),
    "coaching:coaching_session_list": Entry(
        r("coaching:coaching_session_list"), row(LOGIN, 200, editor=403)
    ),
    "coaching:coaching_session_create": Entry(
        r("coaching:coaching_session_create"), row(LOGIN, 403, admin=200, coach=200)
    ),
    "coaching:coaching_session_detail": Entry(
        r("coaching:coaching_session_detail", pk("session")),
        row(LOGIN, 404, admin=200, region=200, coach=200, boate=200),
    ),
    "coaching:coaching_session_update": Entry(
        r("coaching:coaching_session_update", pk("session")),
        row(LOGIN, 404, admin=200, region=403, coach=200, boate=403),
    ),
    "coaching:animation_list": Entry(r("coaching:animation_list"), row(LOGIN, 200, editor=403)),
    "coaching:animation_create": Entry(
        r("coaching:animation_create"), row(LOGIN, 403, admin=200, coach=200)
    ),
    "coaching:animation_detail": Entry(
        r("coaching:animation_detail", pk("animation")),
        row(LOGIN, 200, coste=404, hublot=404, mouans=404, openscop=404, editor=404),
    ),
    "coaching:animation_update": Entry(
        r("coaching:animation_update", pk("animation")),
        row(LOGIN, 404, admin=200, region=403, coach=200, boate=403, skema=403),
    ),
    "coaching:animation_document": Entry(
        r("coaching:animation_document", pk("animation")),
        row(LOGIN, 404, admin=200, region=403, coach=200, boate=200, skema=403),
    ),
    "coaching:animation_media_add": Entry(
        r("coaching:animation_media_add", pk("animation")),
        row(LOGIN, 404, admin=200, region=403, coach=200, boate=200, skema=403),
    ),
    "coaching:animation_media_file": Entry(
        r("coaching:animation_media_file", pk("animation_media")),
        row(LOGIN, 200, coste=404, hublot=404, mouans=404, skema=404, editor=404),
    ),
    "coaching:federating_event_list": Entry(
        r("coaching:federating_event_list"), row(LOGIN, 200, editor=403)
    ),
    "coaching:federating_event_create": Entry(
        r("coaching:federating_event_create"), row(LOGIN, 403, admin=200, coach=200)
    ),
    "coaching:federating_event_detail": Entry(
        r("coaching:federating_event_detail", pk("event")),
        row(LOGIN, 200, mouans=404, openscop=404, skema=404, editor=404),
    ),
    "coaching:federating_event_update": Entry(
        r("coaching:federating_event_update", pk("event")),
        row(LOGIN, 403, admin=200, coach=200, mouans=404, openscop=404, skema=404, editor=404),
    ),
    "coaching:federating_event_media_add": Entry(
        r("coaching:federating_event_media_add", pk("event")),
        row(LOGIN, 200, region=403, mouans=404, openscop=404, skema=404, editor=404),
    ),
    "coaching:federating_event_media_file": Entry(
        r("coaching:federating_event_media_file", pk("event_media")),
        row(LOGIN, 200, mouans=404, openscop=404, skema=404, editor=404),
    ),
    "coaching:journal_export": Entry(
        r("coaching:journal_export", "appels", "csv"), row(LOGIN, 200, editor=403)
    ),
    "coaching:record_history": Entry(
        r("coaching:record_history", "appel", pk("call")),
        row(LOGIN, 404, admin=200, region=200, coach=200, boate=200),
    ),
    # agenda
    "agenda:agenda": Entry(r("agenda:agenda"), MEMBERS),
    "agenda:entry_create": Entry(r("agenda:entry_create"), row(LOGIN, 403, admin=200, coach=200)),
    "agenda:entry_detail": Entry(
        r("agenda:entry_detail", pk("team_entry")),
        row(LOGIN, 404, admin=200, region=200, coach=200, boate=200),
    ),
    "agenda:entry_cancel": Entry(
        r("agenda:entry_cancel", pk("team_entry")),
        row(LOGIN, 404, admin="302", region=403, coach="302", boate=403),
        method="post",
    ),
    "agenda:occurrence_edit": Entry(
        r("agenda:occurrence_edit", pk("team_entry")), row(LOGIN, 404, region=403, boate=403)
    ),
    "agenda:hotline_slot_create": Entry(
        r("agenda:hotline_slot_create"), row(LOGIN, 403, admin=200, coach=200)
    ),
    "agenda:feed_settings": Entry(r("agenda:feed_settings"), MEMBERS),
    "agenda:public_feed": Entry(r("agenda:public_feed"), EVERYONE),
    "agenda:private_feed": Entry(r("agenda:private_feed", lambda c: c.feed_token.token), EVERYONE),
    "agenda:entry_ics": Entry(
        r("agenda:entry_ics", lambda c: c.team_entry.uid),
        row(404, 404, admin=200, region=200, coach=200, boate=200),
    ),
    # maps
    "maps:entry_list": Entry(
        r("maps:entry_list", lambda c: c.eric.slug),
        row(LOGIN, 403, admin=200, coach=200, boate=200),
    ),
    "maps:entry_create": Entry(
        r("maps:entry_create", lambda c: c.eric.slug),
        row(LOGIN, 403, admin=200, coach=200, boate=200),
    ),
    "maps:entry_update": Entry(
        r("maps:entry_update", pk("trust_entry")), row(LOGIN, 404, admin=200, coach=200, boate=200)
    ),
    # open data and API
    "opendata:index": Entry(r("opendata:index"), EVERYONE),
    "opendata:erics_geojson": Entry(r("opendata:erics_geojson"), EVERYONE),
    "opendata:eric_trust_circles_geojson": Entry(
        r("opendata:eric_trust_circles_geojson", lambda c: c.eric.slug), EVERYONE
    ),
    "opendata:indicators_csv": Entry(r("opendata:indicators_csv"), EVERYONE),
    "api:openapi-json": Entry("/api/openapi.json", EVERYONE),
    "api:api-root": Entry("/api/", row(404, 404)),
    "api:list_erics": Entry("/api/eric", EVERYONE),
    "api:list_trust_circle_entries": Entry(
        lambda c: "/api/eric/%s/cercles-de-confiance" % c.eric.slug, EVERYONE
    ),
    "api:list_sheets": Entry("/api/fiches", EVERYONE),
    "api:list_programmes": Entry("/api/programmes", EVERYONE),
    "api:programme_indicators": Entry(
        lambda c: "/api/programmes/%s/indicateurs" % c.programme.slug, EVERYONE
    ),
    # two-factor authentication
    "organisations:two_factor_setup": Entry(r("organisations:two_factor_setup"), MEMBERS),
    "organisations:two_factor_verify": Entry(
        r("organisations:two_factor_verify"), row(LOGIN, "302")
    ),
    # the visitor study (the team's pages; the event is Mouans-Sartoux's Fête du Miel)
    "study:home": Entry(r("study:home"), row(LOGIN, 200, editor=404)),
    "study:questionnaire_edit": Entry(r("study:questionnaire_edit", pk("study")), STUDY_PARTNER),
    "study:coding": Entry(r("study:coding", pk("study")), STUDY_PARTNER),
    "study:categories": Entry(r("study:categories", pk("study")), STUDY_PARTNER),
    "study:export": Entry(r("study:export", pk("study")), STUDY_READERS),
    "study:typology": Entry(r("study:typology", pk("study")), STUDY_READERS),
    "study:typology_pdf": Entry(r("study:typology_pdf", pk("study")), STUDY_READERS),
    "study:event_create": Entry(
        r("study:event_create", pk("study")),
        row(
            LOGIN,
            404,
            admin=200,
            coach=200,
            boate=200,
            coste=200,
            hublot=200,
            mouans=200,
            skema=200,
        ),
    ),
    "study:event_detail": Entry(r("study:event_detail", pk("study_event")), EVENT_RUNNERS),
    "study:live": Entry(r("study:live", pk("study_event")), EVENT_RUNNERS),
    "study:live_figures": Entry(r("study:live_figures", pk("study_event")), EVENT_RUNNERS),
    "study:kiosk_enrol": Entry(
        r("study:kiosk_enrol", pk("study_event")),
        EVENT_RUNNERS,
        method="post",
        data={"label": "Tablette 2"},
    ),
    # the visitors who asked to be contacted: those who run the event, no pilot-2 ERIC
    "study:contact_list": Entry(r("study:contact_list", pk("study_event")), EVENT_RUNNERS),
    "study:contact_export": Entry(r("study:contact_export", pk("study_event")), EVENT_RUNNERS),
    "study:contact_delete": Entry(
        r("study:contact_delete", pk("contact_request")), EVENT_RUNNERS_POST, method="post"
    ),
    "study:remote_count_add": Entry(
        r("study:remote_count_add", pk("study_event")),
        EVENT_RUNNERS_POST,
        method="post",
        data=lambda c: c.remote_count,
    ),
    "study:kiosk_revoke": Entry(
        r("study:kiosk_revoke", pk("kiosk")), EVENT_RUNNERS_POST, method="post"
    ),
    # the study's kiosk (a token, no account) and its « je participe en ligne » form
    "kiosk:shell": Entry(r("kiosk:shell"), EVERYONE),
    "kiosk:service_worker": Entry(r("kiosk:service_worker"), EVERYONE),
    "kiosk:configuration": Entry(r("kiosk:configuration"), EVERYONE, headers=KIOSK_TOKEN),
    "kiosk:entries": Entry(
        r("kiosk:entries"),
        EVERYONE,
        method="post",
        data=lambda c: c.kiosk_batch,
        headers=KIOSK_TOKEN,
        content_type="application/json",
    ),
    "kiosk:participate": Entry(r("kiosk:participate", pk("study_event")), EVERYONE),
    # collaborative spaces and their wiki (Made in la Boate's space)
    "collab:home": Entry(r("collab:home"), MEMBERS),
    "collab:search": Entry(lambda c: r("collab:search")(c) + "?q=tiers-lieu", MEMBERS),
    "collab:space_detail": Entry(r("collab:space_detail", SPACE), SPACE_MEMBERS),
    "collab:invitation_create": Entry(
        r("collab:invitation_create", SPACE),
        SPACE_MANAGERS,
        method="post",
        data=lambda c: {"identifier": c.second_guest.email},
    ),
    "collab:invitation_revoke": Entry(
        r("collab:invitation_revoke", SPACE, pk("invitation")), SPACE_MANAGERS, method="post"
    ),
    "collab:wiki_create": Entry(r("collab:wiki_create", SPACE), SPACE_MEMBERS),
    "collab:wiki_page": Entry(r("collab:wiki_page", SPACE, PAGE), SPACE_MEMBERS),
    "collab:wiki_edit": Entry(r("collab:wiki_edit", SPACE, PAGE), SPACE_MEMBERS),
    "collab:wiki_history": Entry(r("collab:wiki_history", SPACE, PAGE), SPACE_MEMBERS),
    "collab:wiki_diff": Entry(r("collab:wiki_diff", SPACE, PAGE), SPACE_MEMBERS),
    "collab:wiki_revision": Entry(r("collab:wiki_revision", SPACE, PAGE, REVISION), SPACE_MEMBERS),
    "collab:wiki_restore": Entry(
        r("collab:wiki_restore", SPACE, PAGE, REVISION), SPACE_MEMBERS_POST, method="post"
    ),
    "collab:wiki_propose": Entry(
        r("collab:wiki_propose", SPACE, PAGE),
        row(LOGIN, 404, admin=200, coach=200, boate=200, region=403),
    ),
    # shared documents (Made in la Boate's space: a folder, a PNG document)
    "collab:documents": Entry(r("collab:documents", SPACE), SPACE_MEMBERS),
    "collab:folder": Entry(r("collab:folder", SPACE, pk("collab_folder")), SPACE_MEMBERS),
    "collab:folder_create": Entry(r("collab:folder_create", SPACE), SPACE_MEMBERS),
    "collab:folder_rename": Entry(
        r("collab:folder_rename", SPACE, pk("collab_folder")), SPACE_MEMBERS
    ),
    "collab:folder_delete": Entry(
        r("collab:folder_delete", SPACE, pk("collab_empty_folder")),
        DOCUMENT_CHANGERS_POST,
        method="post",
    ),
    "collab:document_create": Entry(r("collab:document_create", SPACE), SPACE_MEMBERS),
    "collab:document": Entry(r("collab:document", SPACE, pk("collab_document")), SPACE_MEMBERS),
    "collab:document_edit": Entry(
        r("collab:document_edit", SPACE, pk("collab_document")), SPACE_MEMBERS
    ),
    "collab:document_move": Entry(
        r("collab:document_move", SPACE, pk("collab_document")),
        DOCUMENT_CHANGERS_POST,
        method="post",
        data=lambda c: {"folder": c.collab_empty_folder.pk},
    ),
    "collab:document_delete": Entry(
        r("collab:document_delete", SPACE, pk("collab_document")),
        DOCUMENT_CHANGERS_POST,
        method="post",
    ),
    "collab:document_version_create": Entry(
        r("collab:document_version_create", SPACE, pk("collab_document")),
        SPACE_MEMBERS_POST,
        method="post",
        data=PNG_UPLOAD,
    ),
    "collab:document_download": Entry(
        r("collab:document_download", SPACE, pk("collab_document"), 1), SPACE_MEMBERS
    ),
    # the preview is made after commit by the task worker: none in the matrix's context
    "collab:document_preview": Entry(
        r("collab:document_preview", SPACE, pk("collab_document"), 1), row(LOGIN, 404)
    ),
    # the discussion list of Made in la Boate's space, and one's notifications
    "collab:thread_list": Entry(r("collab:thread_list", SPACE), SPACE_MEMBERS),
    "collab:thread_create": Entry(r("collab:thread_create", SPACE), SPACE_MEMBERS),
    "collab:thread_detail": Entry(r("collab:thread_detail", SPACE, pk("thread")), SPACE_MEMBERS),
    "collab:thread_messages": Entry(
        r("collab:thread_messages", SPACE, pk("thread")), SPACE_MEMBERS
    ),
    "collab:attachment_download": Entry(
        r("collab:attachment_download", SPACE, pk("attachment")), SPACE_MEMBERS
    ),
    "collab:notification_list": Entry(r("collab:notification_list"), MEMBERS),
    "collab:notification_count": Entry(r("collab:notification_count"), MEMBERS),
    "collab:notification_settings": Entry(r("collab:notification_settings"), MEMBERS),
    # Wagtail's public side
    "wagtail_serve": Entry(lambda c: c.eric_page.url, EVERYONE),
    "wagtailcore_login": Entry("/_util/login/", EVERYONE),
    "wagtaildocs_serve": Entry(lambda c: c.document.url, EVERYONE),
    "wagtailcore_authenticate_with_password": Entry(
        "/_util/authenticate_with_password/1/3/", row(404, 404)
    ),
}


# The admins: every URL of theirs without arguments is requested as the roles of
# GROUP_ROLES (who must be kept out, and a team that Wagtail lets in, scoped); what an
# ERIC team sees inside Wagtail is tested in tests/cms/test_admin_scope.py.
GROUP_ROLES = ("anonymous", "coste", "openscop", "editor")
WAGTAIL_INSIDE = frozenset({200, "302", 404, 405, 500})  # 302: « permission denied » → home
GROUPS = (
    Group(
        "admin:",
        {
            "anonymous": {ADMIN_LOGIN},
            "coste": {ADMIN_LOGIN},
            "openscop": {ADMIN_LOGIN},
            "editor": {ADMIN_LOGIN},
        },
        "Django's admin (/django-admin/): superusers only; everyone else is sent to its login.",
    ),
    Group(
        "route:django-admin/",
        {role: {ADMIN_LOGIN} for role in ("anonymous", "coste", "openscop", "editor")},
        "Django's admin's unnamed routes (its redirects to an object's change page).",
    ),
    Group(
        "wagtail",
        {
            "anonymous": {LOGIN},
            "openscop": {LOGIN},
            "coste": WAGTAIL_INSIDE,
            "editor": WAGTAIL_INSIDE,
        },
        "Wagtail's admin (/admin/): the login for who has no admin access (partners); "
        "ERIC teams and editors enter it, teams scoped to their ERIC's pages.",
    ),
    Group(
        "route:admin/",
        {
            "anonymous": {LOGIN},
            "openscop": {LOGIN},
            "coste": WAGTAIL_INSIDE,
            "editor": WAGTAIL_INSIDE,
        },
        "Wagtail's admin's unnamed routes (its 404 inside the admin).",
    ),
)
# URLs of the groups that answer otherwise, by design
GROUP_EXCEPTIONS = {
    "admin:login": {role: {200} for role in GROUP_ROLES},
    "admin:logout": {role: {"302"} for role in GROUP_ROLES},
    "wagtailadmin_login": {
        "anonymous": {200},
        "openscop": {200},
        "coste": {"302"},
        "editor": {"302"},
    },
    "wagtailadmin_javascript_catalog": {role: {200} for role in GROUP_ROLES},
    "wagtailadmin_sprite": {role: {200} for role in GROUP_ROLES},
    "wagtailadmin_password_reset": {role: {200} for role in GROUP_ROLES},
    "wagtailadmin_password_reset_done": {role: {200} for role in GROUP_ROLES},
    "wagtailadmin_password_reset_complete": {role: {200} for role in GROUP_ROLES},
}


def group_of(key):
    """The group whose rule covers ``key`` (the longest prefix), or ``None``."""
    matching = [group for group in GROUPS if key.startswith(group.prefix)]
    return max(matching, key=lambda group: len(group.prefix), default=None)


def group_expectation(key) -> dict:
    return GROUP_EXCEPTIONS.get(key) or group_of(key).expect


# The websocket routes (config/routing.py) and the groups each role joins there.
WEBSOCKETS = {
    "ws/changes/": "progress.consumers.ChangesConsumer: refused (4401) for the anonymous "
    "visitor; a team joins its ERIC's group only, the resource person the ERIC they "
    "coach, the Region and administrators the programme's",
    "ws/etude/<int:pk>/": "study.consumers.LiveConsumer: refused (4401) for the anonymous "
    "visitor, closed (4404) for whoever may not run the event (study.perms.can_run_event); "
    "the others join the event's group",
    "ws/plateforme/fils/<int:pk>/": "collab.threads_consumers.ThreadConsumer: refused (4401) "
    "for the anonymous visitor, closed (4404) for whoever is not a member of the thread's "
    "space (collab.membership.can_view_space), checked again on each push; the members join "
    "the thread's group",
    "ws/plateforme/notifications/": "collab.threads_consumers.NotificationConsumer: refused "
    "(4401) for the anonymous visitor; every account joins its own bell's group only",
}
