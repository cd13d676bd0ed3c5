"""Organisations' writes. Who may add a partner is the caller's rule (an animation's
coach or team, in ``coaching``): this layer only knows organisations."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.slugs import free_slug

from .enums import OrganisationKind
from .models import Organisation, name_key

#: The kinds a partner added on the spot may have: all but ERIC.
PARTNER_KINDS = [kind for kind in OrganisationKind if kind != OrganisationKind.ERIC]

NAME_MAX_LENGTH = Organisation._meta.get_field("name").max_length
TOWN_MAX_LENGTH = Organisation._meta.get_field("town").max_length


def _unique_slug(name: str) -> str:
    taken = set(
        Organisation.objects.filter(slug__startswith=slugify(name)[:40]).values_list(
            "slug", flat=True
        )
    )
    return free_slug(
        name,
        taken,
        max_length=Organisation._meta.get_field("slug").max_length,
        default="partenaire",
    )


def check_partner_fields(*, name: str, kind: str, town: str) -> tuple[str, str]:
    """The name and town with spaces tidied, or French errors on ``name``, ``kind``, ``town``."""
    name, town = " ".join(name.split()), " ".join(town.split())
    errors = {}
    if not name:
        errors["name"] = _("Indiquez le nom du partenaire.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("Le nom ne doit pas dépasser %(max)d caractères.") % {
            "max": NAME_MAX_LENGTH
        }
    elif not name_key(name):
        errors["name"] = _("Le nom doit contenir au moins une lettre ou un chiffre.")
    if kind not in PARTNER_KINDS:
        errors["kind"] = _("Choisissez le type du partenaire (un ERIC n'en est pas un).")
    if len(town) > TOWN_MAX_LENGTH:
        errors["town"] = _("La commune ne doit pas dépasser %(max)d caractères.") % {
            "max": TOWN_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    return name, town


def _same_name(key: str) -> Organisation | None:
    existing = Organisation.objects.filter(name_key=key).select_related("local_to").first()
    if existing is not None and existing.is_eric:
        raise ValidationError(
            {
                "name": _("« %(name)s » est un ERIC : un ERIC n'est pas un partenaire.")
                % {"name": existing.name}
            }
        )
    return existing


def partner_find_or_create(
    *, by, name: str, kind: str, town: str = "", local_to: Organisation
) -> tuple[Organisation, bool]:
    """The partner of that name, accents, case, punctuation and extra spaces aside, or a
    new one local to the ERIC ``local_to``, recorded as added by ``by``.

    Returns ``(organisation, created)``. An existing organisation is returned as it is
    (its kind and town are not changed); an ERIC's name is refused."""
    name, town = check_partner_fields(name=name, kind=kind, town=town)
    key = name_key(name)
    with transaction.atomic():
        existing = _same_name(key)
        if existing is not None:
            return existing, False
        organisation = Organisation(
            name=name,
            slug=_unique_slug(name),
            kind=kind,
            town=town,
            local_to=local_to,
            created_by=by,
        )
        organisation.full_clean()
        try:
            with transaction.atomic():
                organisation.save()
        except IntegrityError:
            # Someone added the same name in the meantime: theirs is the one.
            existing = _same_name(key)
            if existing is None:
                raise
            return existing, False
    return organisation, True
