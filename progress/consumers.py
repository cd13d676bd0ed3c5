"""Live updates: an authenticated user joins the groups of what they may see."""

import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model
from django.utils import translation

from coaching.models import Accompaniment, Programme
from coaching.perms import can_view_accompaniment, can_view_eric_record
from coaching.scope import forget_scope, get_scope
from core.changes import eric_group, programme_group
from core.language import language_of_asgi_scope
from organisations.two_factor import session_owes_code

from . import fragments
from .dashboard import BEHIND_FILTER
from .perms import can_view_dashboard

logger = logging.getLogger(__name__)


class ChangesConsumer(AsyncJsonWebsocketConsumer):
    """``/ws/changes/``: forwards ``record.changed`` events the user may see.

    The groups are joined once, at connection; what the user may see is checked again
    on every push, so a member removed from a team stops receiving its ERIC's changes
    at once.

    The client may narrow what it listens to by sending
    ``{"follow": {"programme": id}}`` or ``{"follow": {"eric": id}}``; it cannot widen
    it beyond its scope.
    """

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        session = self.scope.get("session")
        if session is not None and await database_sync_to_async(session_owes_code)(session):
            await self.close(code=4401)  # the second factor is still owed
            return
        self.user = user
        self.groups_joined = await database_sync_to_async(self._allowed_groups)()
        self.following = None
        self.fragment = None
        self.language = language_of_asgi_scope(self.scope)
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    def _allowed_groups(self):
        scope = get_scope(self.user)
        if scope.sees_everything:
            return [programme_group(pk) for pk in Programme.objects.values_list("pk", flat=True)]
        groups = [programme_group(pk) for pk in scope.region_programme_ids]
        groups += [eric_group(pk) for pk in scope.coached_eric_ids | scope.team_eric_ids]
        return sorted(set(groups))

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        follow = content.get("follow") if isinstance(content, dict) else None
        if isinstance(follow, dict):
            self.following = {
                key: value
                for key, value in follow.items()
                if key in ("programme", "eric") and isinstance(value, int)
            }
        fragment = content.get("fragment") if isinstance(content, dict) else None
        if isinstance(fragment, dict):
            self.fragment = await database_sync_to_async(self._fragment_plan)(fragment)

    def _fragment_plan(self, spec):
        """What to push with each change: the page's figures, if the user may see them.

        ``{"kind": "dashboard", "programme": id, "page": "2", "etat": "retard"}`` or
        ``{"kind": "trajectory", "accompaniment": id}``; anything else pushes nothing
        (the page then fetches its figures itself)."""
        kind = spec.get("kind")
        if kind == "dashboard" and isinstance(spec.get("programme"), int):
            programme = Programme.objects.filter(pk=spec["programme"]).first()
            if programme is None or not can_view_dashboard(self.user, programme):
                return None
            return {
                "kind": kind,
                "programme": programme,
                "page": fragments.normalised_page(spec.get("page") or 1),
                "behind_only": spec.get("etat") == BEHIND_FILTER,
            }
        if kind == "trajectory" and isinstance(spec.get("accompaniment"), int):
            accompaniment = (
                Accompaniment.objects.select_related("eric", "programme")
                .filter(pk=spec["accompaniment"])
                .first()
            )
            if accompaniment is None or not can_view_accompaniment(self.user, accompaniment):
                return None
            return {"kind": kind, "accompaniment": accompaniment}
        return None

    def _still_active(self) -> bool:
        # ``self.user`` is Channels' lazy wrapper around the user: ask the model itself
        return get_user_model().objects.filter(pk=self.user.pk, is_active=True).exists()

    def _fragment_html(self):
        plan = self.fragment
        try:
            with translation.override(self.language):
                if plan["kind"] == "dashboard":
                    return fragments.dashboard_fragment(
                        plan["programme"],
                        self.user,
                        page=plan["page"],
                        behind_only=plan["behind_only"],
                    )
                return fragments.trajectory_fragment(plan["accompaniment"], self.user)
        except Exception:  # the page fetches its figures itself
            logger.exception("Live fragment not rendered")
            return None

    async def record_changed(self, event):
        if self.following:
            if any(event.get(key) != value for key, value in self.following.items()):
                return
        # one trip to the worker thread per change: the check, then the figures
        allowed, html = await database_sync_to_async(self._on_change)(event)
        if not allowed:
            return
        message = {
            "event": "changed",
            "kind": event["kind"],
            "pk": event["pk"],
            "programme": event["programme"],
            "eric": event["eric"],
        }
        if html is not None:
            message["html"] = html
        await self.send_json(message)

    def _on_change(self, event):
        # The socket may outlive the user's rights: a membership removed, an account
        # deactivated. Read them again for each push (two small queries), never from
        # what was true when the socket opened.
        if not self._still_active():
            return False, None
        forget_scope(self.user)
        allowed = can_view_eric_record(
            self.user,
            programme_id=event["programme"],
            eric_id=event["eric"],
            shared=event["shared"],
        )
        if not allowed or self.fragment is None:
            return allowed, None
        return True, self._fragment_html()
