"""One licence spelling for the whole platform: materials stored under the old one are
converted by the migration, both ways."""

import importlib

import pytest
from django.apps import apps

from core.licences import MATERIAL_LICENCES, Licence
from trainings import services
from trainings.models import Material

from .factories import make_training

migration = importlib.import_module("trainings.migrations.0003_one_licence_spelling")

pytestmark = pytest.mark.django_db


def test_old_spellings_are_converted_and_back(world):
    training = make_training(world)
    materials = {
        old: services.material_create(
            by=world.admin,
            training=training,
            title=old,
            licence=Licence.CC_BY_SA_4,
            url="https://example.org/",
        )
        for old in migration.SPELLINGS
    }
    for old, material in materials.items():
        Material.objects.filter(pk=material.pk).update(licence=old)

    migration.forwards(apps, None)
    stored = dict(Material.objects.values_list("title", "licence"))
    assert stored == migration.SPELLINGS
    assert set(stored.values()) <= {licence.value for licence in MATERIAL_LICENCES}

    migration.backwards(apps, None)
    assert dict(Material.objects.values_list("title", "licence")) == {
        old: old for old in migration.SPELLINGS
    }


def test_every_licence_field_offers_the_platform_spelling():
    from cms.models import CodeSourceSheet, MediaItem
    from coaching.models import AnimationMedia, FederatingEventMedia

    for model in (CodeSourceSheet, MediaItem, AnimationMedia, FederatingEventMedia, Material):
        field = model._meta.get_field("licence")
        assert field.default == Licence.CC_BY_SA_4 == "cc-by-sa-4.0"
        assert {value for value, _label in field.choices} <= set(Licence.values), model
