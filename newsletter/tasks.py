"""The newsletter's periodic job, run by the task worker.

``newsletter_tick`` publishes the scheduled issues whose time has come, reminds
contributors, and resumes every send with due deliveries (retries after a temporary
failure, rows left by a worker that died). It is idempotent: the platform enqueues it
every 15 minutes (``python manage.py newsletter_tick``, see platform/Procfile) and the
worker runs it.
"""

from django_tasks import task

from .services.issues import publish_due_issues
from .services.reminders import send_reminders
from .services.sending import issues_with_due_deliveries, send_issue


@task()
def newsletter_tick() -> dict:
    published = publish_due_issues()
    reminders = send_reminders()
    resumed = issues_with_due_deliveries()
    for issue_id in resumed:
        if issue_id not in published:  # a publication starts its own send
            send_issue.enqueue(issue_id)
    return {"published": published, "reminders": reminders, "resumed": resumed}
