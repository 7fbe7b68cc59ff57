"""The Official Account's webhook: Zalo posts every event to WEBHOOK_URL/webhook/zalo-oa (the
URL is set in the app's settings at developers.zalo.me, not by an API call).

An event is handled before it is answered, like the other channels' webhooks: a worker killed
mid-event never said 200, so Zalo posts it again (30 s, 5 min, 15 min, 30 min, 1 h later) and
the event's id, recorded with its changes, has it handled once. A body that is not an event is
400; a wrong signature, or an event older than its last retry could be, 401 with nothing
processed."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

from aiohttp import web

from bot.channels.zalo_oa import ZaloOAChannel
from bot.channels.zalo_oa_events import SIGNATURE_HEADER, parse_event, signature_matches
from bot.metrics import Metrics
from domain.ports import Clock

log = logging.getLogger(__name__)

PATH = "/webhook/zalo-oa"
# Zalo's last retry comes about 2 h 20 min after the event; nothing older is genuine.
STALE_AFTER = timedelta(hours=3)
FUTURE_SKEW = timedelta(minutes=5)  # the two clocks may disagree a little
SITE_VERIFICATION = '<meta name="zalo-platform-site-verification" content="{}" />'


class ZaloOAWebhook:
    def __init__(
        self,
        channel: ZaloOAChannel,
        app_id: str,
        key: str,
        clock: Clock,
        metrics: Metrics | None = None,
    ) -> None:
        self.channel = channel
        self.app_id = app_id
        self._key = key
        self.clock = clock
        self.metrics = metrics or Metrics()

    def add_routes(self, app: web.Application, site_verification: str | None = None) -> None:
        app.router.add_post(PATH, self.receive)
        if site_verification:
            # Zalo verifies the webhook's domain by a meta tag on its home page.
            page = f"<!doctype html><html><head>{SITE_VERIFICATION.format(site_verification)}"
            page += "</head><body></body></html>"

            async def home(_request: web.Request) -> web.Response:
                return web.Response(text=page, content_type="text/html", charset="utf-8")

            app.router.add_get("/", home)

    async def receive(self, request: web.Request) -> web.Response:
        body = await request.read()
        try:
            data = json.loads(body)
            event = parse_event(data)
        except ValueError:  # not JSON, or not an event
            return _status(400)
        stamp = str(data["timestamp"])
        header = request.headers.get(SIGNATURE_HEADER, "")
        if not signature_matches(header, self.app_id, body, stamp, self._key):
            log.warning("zalo_oa: an event with a wrong signature was refused")
            return _status(401)
        now = self.clock.now()
        moment = datetime.fromtimestamp(event.timestamp / 1000, UTC)
        if not now - STALE_AFTER <= moment <= now + FUTURE_SKEW:
            log.warning("zalo_oa: a stale event (%s) was refused", moment.isoformat())
            return _status(401)
        try:
            with self.metrics.timed("zalo_oa"):
                await self.channel.handle(event)
        except Exception:
            log.exception("zalo_oa: event %s failed; Zalo will post it again", event.update_key)
            return _status(500)
        return _status(200)


def _status(status: int) -> web.Response:
    return web.json_response({"ok": status == 200}, status=status)
