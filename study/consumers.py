"""``/ws/etude/<event>/``: the live figures of an event, for those who run it.

The socket joins the event's group only if the user may reach the event's team pages
(``perms.can_run_event``: the event's team, SKEMA, the Region, the resource persons);
anyone else is closed with 4404, as a 404. The figures come inside each message,
computed once by the service that stored the entries. Rights are read again at most
every ``RECHECK_SECONDS`` (a few entries a second must not cost two queries each)."""

import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model

from coaching.scope import forget_scope

from .models import StudyEvent
from .perms import can_run_event
from .services import event_group

RECHECK_SECONDS = 10


class LiveConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        self.group = None
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.user = user
        self.event_id = self.scope["url_route"]["kwargs"]["pk"]
        if not await database_sync_to_async(self._allowed)():
            await self.close(code=4404)
            return
        self.checked_at = time.monotonic()
        self.group = event_group(self.event_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    def _allowed(self) -> bool:
        if not get_user_model().objects.filter(pk=self.user.pk, is_active=True).exists():
            return False
        forget_scope(self.user)
        event = StudyEvent.objects.select_related("study").filter(pk=self.event_id).first()
        return event is not None and can_run_event(self.user, event)

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def study_entries(self, message):
        if time.monotonic() - self.checked_at > RECHECK_SECONDS:
            if not await database_sync_to_async(self._allowed)():
                await self.close(code=4404)
                return
            self.checked_at = time.monotonic()
        await self.send_json(
            {"event": "entries", "summary": message["summary"], "sent_at": message["sent_at"]}
        )
