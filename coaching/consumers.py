"""Live updates: an authenticated user joins the groups of what they may see."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .broadcast import eric_group, programme_group
from .perms import can_view_eric_record, get_scope


class ChangesConsumer(AsyncJsonWebsocketConsumer):
    """``/ws/changes/``: forwards ``record.changed`` events the user may see.

    The client may narrow what it listens to by sending
    ``{"follow": {"programme": id}}`` or ``{"follow": {"eric": id}}``; it cannot widen
    it beyond its scope.
    """

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.user = user
        self.groups_joined = await database_sync_to_async(self._allowed_groups)()
        self.following = None
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    def _allowed_groups(self):
        from .models import Programme

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

    async def record_changed(self, event):
        allowed = await database_sync_to_async(can_view_eric_record)(
            self.user,
            programme_id=event["programme"],
            eric_id=event["eric"],
            shared=event["shared"],
        )
        if not allowed:
            return
        if self.following:
            if any(event.get(key) != value for key, value in self.following.items()):
                return
        await self.send_json(
            {
                "event": "changed",
                "kind": event["kind"],
                "pk": event["pk"],
                "programme": event["programme"],
                "eric": event["eric"],
            }
        )
