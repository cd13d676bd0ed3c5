"""The task worker's part: previews and text of each new version (ADR 0025)."""

from django_tasks import task

from .models import DocumentVersion, PreviewStatus
from .previews import make_preview_and_text


@task()
def build_version_preview(version_id: int) -> str:
    """Make the preview and read the text of one version, once; its status."""
    # The services enqueue this task (they import this module): theirs is read here.
    from .services import version_preview_save

    version = DocumentVersion.objects.select_related("document").filter(pk=version_id).first()
    if version is None or version.preview_status != PreviewStatus.PENDING:
        return "skipped"
    preview, text, failed = make_preview_and_text(version)
    if not version_preview_save(version, preview=preview, text=text, failed=failed):
        return "skipped"  # the document was deleted meanwhile
    return version.preview_status
