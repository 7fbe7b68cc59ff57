"""The Official Account channel built from settings: the client, the token store and its
keeper, the sender and the webhook, with its state on /healthz and /metrics."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.channels.zalo_oa import ZaloOAChannel
from bot.channels.zalo_oa_api import ZaloOAAPI
from bot.channels.zalo_oa_auth import ZaloOAAuth
from bot.channels.zalo_oa_send import OASender
from bot.channels.zalo_oa_webhook import PATH, ZaloOAWebhook
from bot.metrics import Metrics
from bot.runtime import Runtime
from bot.web import WebServer
from db.zalo_oa import ZaloOAStore

log = logging.getLogger(__name__)


@dataclass
class ZaloOA:
    channel: ZaloOAChannel
    webhook: ZaloOAWebhook

    async def close(self) -> None:
        await self.channel.api.close()


async def build_zalo_oa(runtime: Runtime, metrics: Metrics, web: WebServer) -> ZaloOA:
    settings = runtime.settings
    app_id, secret = settings.zalo_oa_app_id, settings.zalo_oa_secret_key
    assert app_id and secret is not None, "the Official Account needs its app id and secret key"
    api = ZaloOAAPI(
        app_id, secret.get_secret_value(), settings.zalo_oa_api_base, settings.zalo_oa_oauth_base
    )
    store = ZaloOAStore(runtime.engine)
    refresh = settings.zalo_oa_refresh_token
    auth = ZaloOAAuth(api, store, runtime.clock, refresh.get_secret_value() if refresh else None)
    await auth.start()
    sender = OASender(api, auth, store, runtime.clock, settings.zalo_oa_templates)
    channel = ZaloOAChannel(runtime.app, api, store, auth, sender, metrics)
    key = settings.zalo_oa_webhook_key or secret
    webhook = ZaloOAWebhook(channel, app_id, key.get_secret_value(), runtime.clock, metrics)
    webhook.add_routes(web.app, settings.zalo_oa_site_verification)
    # Zalo has no API to set it: the URL is entered in the app's settings (docs/deploy.md).
    base = settings.webhook_url or settings.public_base_url
    log.info("zalo_oa: Zalo must post the OA's events to %s%s", base.rstrip("/"), PATH)
    web.checks["zalo_oa"] = auth.status

    async def paused() -> float:
        return float(auth.paused_reason is not None)

    metrics.gauge("thidua_zalo_oa_paused", "1 while Zalo refuses the OA's refresh token.", paused)
    return ZaloOA(channel, webhook)
