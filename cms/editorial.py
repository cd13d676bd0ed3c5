"""Who writes and who publishes the knowledge base, set up in Wagtail's own terms.

ERIC teams draft code-source sheets in the Wagtail admin through the "Contributeurs
ERIC" group: they may add and edit pages below the knowledge base, never publish. Every
change there goes through the "Relecture éditoriale" workflow, whose one task is
approved by the editors' group ("Moderators"), who publish.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

CONTRIBUTORS_GROUP = "Contributeurs ERIC"
EDITORS_GROUP = "Moderators"
WORKFLOW_NAME = "Relecture éditoriale"
TASK_NAME = "Relecture par l'équipe éditoriale"


@transaction.atomic
def ensure_editorial_setup(knowledge_base) -> Workflow:
    """Create (or complete) the contributors' group, its rights and the workflow."""
    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS_GROUP)
    contributors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=contributors,
            page=knowledge_base,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root_collection = Collection.get_first_root_node()
    for app_label, codename in (
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=contributors,
            collection=root_collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )

    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(editors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=knowledge_base, defaults={"workflow": workflow})
    return workflow


def add_contributor(user) -> None:
    """Let an ERIC team member draft sheets in the Wagtail admin."""
    group, _ = Group.objects.get_or_create(name=CONTRIBUTORS_GROUP)
    user.groups.add(group)
