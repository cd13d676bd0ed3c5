"""The newsletter's own reads: what counts toward the target, the plan's progress, the
send log's summary."""

import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from wagtail.images import get_image_model

from agenda.models import AgendaEntry
from cms.models import CodeSourceSheet, MediaItem
from coaching.enums import AnimationStatus
from coaching.models import Animation
from core.dates import day_after, paris_midnight
from core.uploads import MediaKind

from .enums import DeliveryState, IssueStatus, SectionProgress, SectionStatus
from .models import Delivery, NewsletterIssue, Section


def counted_newsletters(programme, *, until: datetime.date):
    """The issues of ``programme`` that count toward its newsletter target by the end
    of ``until``: published, their publication within the programme's period.

    The one definition behind the figures (dashboard, ERIC pages, API, committee PDF)
    and the archive list they open (``newsletter:archive?programme=<slug>&until=…``).
    """
    return NewsletterIssue.objects.published().filter(
        programme=programme,
        published_at__gte=paris_midnight(programme.start_date),
        published_at__lt=day_after(min(until, programme.end_date)),
    )


def published_issues():
    """Every published issue, newest first, for the public archive."""
    return (
        NewsletterIssue.objects.published()
        .select_related("programme")
        .order_by("-published_at", "-number")
    )


def section_progress(section: Section, today: datetime.date | None = None) -> str:
    """Done when submitted; late once its deadline has passed; on time before."""
    today = today or timezone.localdate()
    if section.status == SectionStatus.SUBMITTED:
        return SectionProgress.DONE
    if section.deadline < today:
        return SectionProgress.LATE
    return SectionProgress.ON_TIME


def issue_sections(issue: NewsletterIssue, today: datetime.date | None = None) -> list:
    """The issue's sections in order, each with ``progress`` and its label."""
    today = today or timezone.localdate()
    sections = list(issue.sections.select_related("organisation"))
    for section in sections:
        section.progress = section_progress(section, today)
        section.progress_label = SectionProgress(section.progress).label
    return sections


def delivery_summary(issue: NewsletterIssue) -> dict:
    """How many deliveries of ``issue`` are in each state (one query)."""
    counts = issue.deliveries.aggregate(
        total=Count("pk"),
        **{state.value: Count("pk", filter=Q(state=state)) for state in DeliveryState},
    )
    return counts


def bounced_deliveries(issue: NewsletterIssue):
    """The addresses refused permanently for ``issue``, with the server's answer."""
    return (
        Delivery.objects.filter(issue=issue, state=DeliveryState.BOUNCED)
        .select_related("subscriber")
        .order_by("subscriber__email")
    )


def sections_to_remind(today: datetime.date, *, days_before: int):
    """Sections still to write whose reminder is due on ``today``: ``days_before`` days
    (or fewer) before the deadline, and the day after it; each reminder once."""
    open_sections = Section.objects.filter(status=SectionStatus.TODO).exclude(
        issue__status=IssueStatus.PUBLISHED
    )
    before = open_sections.filter(
        reminded_before_at__isnull=True,
        deadline__gte=today,
        deadline__lte=today + datetime.timedelta(days=days_before),
    )
    after = open_sections.filter(reminded_after_at__isnull=True, deadline__lt=today)
    return before.select_related("issue", "organisation"), after.select_related(
        "issue", "organisation"
    )


# --- What a contributor may put in its section -------------------------------------
# Each list is what the public site already shows, or the contributor's own records:
# never another ERIC's private animation or a photo whose consent is pending.


#: The photos' thumbnails in the contributor's list (``newsletter/includes/picker.html``).
PICKER_RENDITION = "fill-96x72"


def pickable_images():
    """Photos of the public media library (consent given or nobody recognisable)."""
    thumbnails = get_image_model().objects.prefetch_renditions(PICKER_RENDITION)
    return (
        MediaItem.objects.publishable()
        .filter(kind=MediaKind.PHOTO, image__isnull=False)
        .prefetch_related(Prefetch("image", queryset=thumbnails))
        .order_by("-date", "-pk")
    )


def pickable_sheets():
    """The live « code source » sheets of the public site."""
    return CodeSourceSheet.objects.live().select_related("author_eric").order_by("-month", "title")


def pickable_animations(user, programme):
    """Held animations of ``programme`` the user may see (its own ERIC's, those it
    coaches or co-organised) and those announced in the public agenda."""
    visible = Animation.objects.visible_to(user).values("pk")
    return (
        Animation.objects.filter(accompaniment__programme=programme, status=AnimationStatus.HELD)
        .filter(Q(pk__in=visible) | Q(public_announcement=True))
        .select_related("accompaniment__eric")
        .order_by("-starts_at", "-pk")
    )


def pickable_events(programme):
    """The programme's public agenda entries, not cancelled."""
    return (
        AgendaEntry.objects.public()
        .filter(programme=programme, cancelled=False)
        .select_related("event")
        .order_by("-event__start", "-pk")
    )
