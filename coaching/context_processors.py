from .scope import get_scope


def navigation(request):
    """The user's scope, so the navigation shows each role what is theirs."""
    user = getattr(request, "user", None)
    return {"nav_scope": get_scope(user)}
