"""Live pages of the platform: a thread's new messages, one's bell.

``/ws/plateforme/fils/<id>/`` joins the thread's group only if the user belongs to its
space (closed with 4404 otherwise, as a 404); each push is checked again (an account
closed, a member who left the space gets nothing more). A push carries only the new
message's id: the page fetches it over HTTP, through the same permission check, and
renders the record cards the reader may see.

``/ws/plateforme/notifications/`` joins the user's own group only: it pushes their
unread count."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model

from coaching.scope import forget_scope
from organisations.two_factor import session_owes_code

from .membership import can_view_space, forget_collab_reach
from .models import Thread
from .notifications import user_group
from .threads import thread_group


class _Authenticated(AsyncJsonWebsocketConsumer):
    async def _authenticated(self) -> bool:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return False
        session = self.scope.get("session")
        if session is not None and await database_sync_to_async(session_owes_code)(session):
            await self.close(code=4401)
            return False
        self.user = user
        return True

    def _active(self) -> bool:
        return get_user_model().objects.filter(pk=self.user.pk, is_active=True).exists()


class ThreadConsumer(_Authenticated):
    group = None

    async def connect(self):
        if not await self._authenticated():
            return
        self.thread_id = self.scope["url_route"]["kwargs"]["pk"]
        if not await database_sync_to_async(self._allowed)():
            await self.close(code=4404)
            return
        self.group = thread_group(self.thread_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    def _allowed(self) -> bool:
        if not self._active():
            return False
        forget_scope(self.user)
        forget_collab_reach(self.user)
        thread = Thread.objects.select_related("space").filter(pk=self.thread_id).first()
        return thread is not None and can_view_space(self.user, thread.space)

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def thread_message(self, event):
        # membership read again for every push, never from the connection's time
        if not await database_sync_to_async(self._allowed)():
            await self.channel_layer.group_discard(self.group, self.channel_name)
            self.group = None
            await self.close(code=4404)
            return
        await self.send_json({"event": "message", "id": event["id"]})


class NotificationConsumer(_Authenticated):
    group = None

    async def connect(self):
        if not await self._authenticated():
            return
        self.group = user_group(self.user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def notifications_count(self, event):
        if not await database_sync_to_async(self._active)():
            await self.close(code=4401)
            return
        await self.send_json({"event": "count", "count": event["count"]})
