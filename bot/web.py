"""The bot's own web server: signed file downloads (for Zalo), the webhooks (`webhooks.py`,
added before it starts), `/healthz` and `/metrics` (Prometheus text format)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from aiohttp import web

from bot import file_links
from bot.app import BotApp
from bot.context import BotUnitOfWork
from bot.i18n import DEFAULT_LOCALE, Translator
from bot.metrics import CONTENT_TYPE, Metrics
from bot.settings import Settings
from domain.ports import Clock
from domain.sheets import EVIDENCE_MAX_BYTES

log = logging.getLogger(__name__)

HEALTH_TIMEOUT = 3.0  # seconds: a database slower than this is reported unreachable


class WebServer:
    def __init__(
        self,
        uow_factory: Callable[[], BotUnitOfWork],
        clock: Clock,
        secret: str,
        host: str = "127.0.0.1",
        port: int = 8080,
        *,
        metrics: Metrics | None = None,
        leader: Callable[[], bool] | None = None,
        leader_present: Callable[[], Awaitable[bool | None]] | None = None,
    ) -> None:
        """`leader`: whether this worker runs the scheduler; `leader_present`: whether any
        worker does (None: cannot tell). Routes may be added to `app` until `start`."""
        self.uow_factory = uow_factory
        self.clock = clock
        self.secret = secret
        self.host, self.port = host, port
        self.metrics = metrics or Metrics()
        self._leader = leader
        self._leader_present = leader_present
        self.metrics.gauge(
            "thidua_outbox_pending", "Outbox messages waiting to be sent.", self._pending
        )
        self.metrics.gauge(
            "thidua_scheduler_leader", "1 when this worker runs the scheduler.", self._leads
        )
        # More of /healthz: a channel's state by name (the Official Account's token).
        self.checks: dict[str, Callable[[], dict[str, object]]] = {}
        # Evidence uploaded on the web pages may be as large as the chat accepts.
        self.app = web.Application(client_max_size=EVIDENCE_MAX_BYTES + 1024 * 1024)
        self.app.router.add_get("/files/{token}", self.download)
        self.app.router.add_get("/healthz", self.health)
        self.app.router.add_get("/metrics", self.show_metrics)
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app, access_log=None)  # URLs carry signatures
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0 and self._runner.addresses:
            self.port = self._runner.addresses[0][1]  # the free port the system chose
        log.info("web: serving on %s:%s", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def download(self, request: web.Request) -> web.StreamResponse:
        t = Translator(DEFAULT_LOCALE)
        token = request.match_info["token"]
        problem = file_links.check(
            self.secret, token, request.query.get("exp", ""), request.query.get("sig", ""),
            self.clock.now(),
        )  # fmt: skip
        if problem == "forged":
            return _page(403, t("file-link-forged"))
        if problem == "expired":
            return _page(410, t("file-link-expired"))
        async with self.uow_factory() as uow:
            stored = await uow.files.get(token)
        if stored is None:
            return _page(404, t("file-link-expired"))
        disposition = f"attachment; filename*=UTF-8''{quote(stored.name)}"
        return web.Response(
            body=stored.content,
            content_type=stored.mime_type,
            headers={
                "Content-Disposition": disposition,
                "Cache-Control": "private, no-store",
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
            },
        )

    async def health(self, request: web.Request) -> web.Response:
        """200 with the figures while the database answers; 503 (for the proxy and the
        process supervisor) while it does not."""
        pending = await self._pending()
        body: dict[str, object] = {
            "status": "ok" if pending is not None else "unavailable",
            "database": pending is not None,
            "outbox_pending": pending,
        }
        if self._leader is not None:
            present = await self._leader_present() if self._leader_present else None
            leads = self._leader()
            body["scheduler"] = {"this_worker": leads, "leader_present": leads or present}
        for name, check in self.checks.items():
            body[name] = state = check()
            if state.get("status") != "ok" and body["status"] == "ok":
                body["status"] = "degraded"  # still serving: a restart would not fix it
        return web.json_response(body, status=200 if pending is not None else 503)

    async def show_metrics(self, request: web.Request) -> web.Response:
        return web.Response(
            body=await self.metrics.render(), headers={"Content-Type": CONTENT_TYPE}
        )

    async def _pending(self) -> float | None:
        try:
            async with asyncio.timeout(HEALTH_TIMEOUT), self.uow_factory() as uow:
                return await uow.outbox.pending_count()
        except Exception as error:
            log.warning("health: the database does not answer: %r", error)
            return None

    async def _leads(self) -> float | None:
        return None if self._leader is None else float(self._leader())


def _page(status: int, text: str) -> web.Response:
    return web.Response(status=status, text=text, content_type="text/plain", charset="utf-8")


def add_web_pages(server: WebServer, app: BotApp, settings: Settings) -> None:
    """The web pages (`web/`) on this server, when the settings offer them."""
    if not settings.web_pages:
        return
    from web.server import WebConfig, WebPages

    token = settings.telegram_bot_token
    config = WebConfig(
        public_base_url=settings.public_base_url,
        telegram_token=token.get_secret_value() if token else None,
        telegram_script=settings.web_telegram_script or None,
    )
    pages = WebPages(app.uow_factory, server.clock, app.notices, config)
    pages.fetchers = app.fetchers  # the verifier opens evidence sent in a chat
    pages.install(server.app)
