"""Builders for the journal tests: every record is made through coaching.services."""

import datetime
import itertools

from django.utils import timezone

from coaching import services
from coaching.enums import AnimationStatus, HotlineTopic, Visibility
from organisations.enums import OrganisationKind
from tests.factories import make_organisation


def past(days=3, hour=14):
    moment = timezone.localtime() - datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def future(days=10, hour=14):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


_partner_numbers = itertools.count(1)


def partners(n, *, prefix="Partenaire"):
    return [
        make_organisation(
            name=f"{prefix} {next(_partner_numbers)}", kind=OrganisationKind.ASSOCIATION
        )
        for _ in range(n)
    ]


def call(world, *, eric="a", shared=True, summary="Question sur le wiki", **fields):
    coach = getattr(world, f"coach_{eric}")
    accompaniment = getattr(world, f"accompaniment_{eric}")
    fields.setdefault("started_at", past())
    fields.setdefault("topics", [HotlineTopic.PLATFORM])
    return services.hotline_call_create(
        by=coach,
        accompaniment=accompaniment,
        summary=summary,
        visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
        **fields,
    )


def session(world, *, eric="a", shared=True, **fields):
    coach = getattr(world, f"coach_{eric}")
    accompaniment = getattr(world, f"accompaniment_{eric}")
    fields.setdefault("started_at", past())
    fields.setdefault("duration_minutes", 90)
    fields.setdefault("objectives", "Préparer la gouvernance")
    return services.coaching_session_create(
        by=coach,
        accompaniment=accompaniment,
        visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
        **fields,
    )


def animation(world, *, eric="a", co_organisers=(), title="Atelier tiers-lieu", **fields):
    coach = getattr(world, f"coach_{eric}")
    accompaniment = getattr(world, f"accompaniment_{eric}")
    fields.setdefault("starts_at", past())
    fields.setdefault("status", AnimationStatus.HELD)
    return services.animation_create(
        by=coach,
        accompaniment=accompaniment,
        title=title,
        co_organisers=co_organisers,
        **fields,
    )


def counted_animation(world, *, eric="a", co_organisers=None, **fields):
    co_organisers = co_organisers if co_organisers is not None else partners(2)
    record = animation(world, eric=eric, co_organisers=co_organisers, **fields)
    coach = getattr(world, f"coach_{eric}")
    return services.animation_document(
        by=coach,
        animation=record,
        report_what_happened="Vingt personnes ont découvert le lieu.",
        attendance_residents=20,
    )


def png_bytes(size=(4, 4), color=(200, 30, 30)):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="photo.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def mp4_bytes(brand=b"isom"):
    """The start of a real MP4: an ``ftyp`` box (brand, minor version, two compatible
    brands), then an ``mdat`` box."""
    ftyp = b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x02\x00" + b"isomiso2"
    return ftyp + b"\x00\x00\x00\x48mdat" + b"\x00" * 64
