"""What the public site adds to the editors' « Mon espace » (see ``core.home``)."""

from core.home import HomeSection

from .perms import can_review_sheets
from .selectors import sheets_awaiting_review


def sheets_to_review_section(request):
    """« Fiches en attente de relecture », for those who publish the knowledge base."""
    if not can_review_sheets(request.user):
        return None
    return HomeSection(
        template="cms/includes/home_sheets_to_review.html",
        context={"pending": sheets_awaiting_review()},
    )
