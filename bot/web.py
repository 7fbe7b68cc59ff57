"""The bot's own web server: signed file downloads (for Zalo) and a health check."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import quote

from aiohttp import web

from bot import file_links
from bot.context import BotUnitOfWork
from bot.i18n import DEFAULT_LOCALE, Translator
from domain.ports import Clock

log = logging.getLogger(__name__)


class WebServer:
    def __init__(
        self,
        uow_factory: Callable[[], BotUnitOfWork],
        clock: Clock,
        secret: str,
        host: str = "127.0.0.1",
        port: int = 8080,
    ) -> None:
        self.uow_factory = uow_factory
        self.clock = clock
        self.secret = secret
        self.host, self.port = host, port
        self.app = web.Application()
        self.app.router.add_get("/files/{token}", self.download)
        self.app.router.add_get("/healthz", self.health)
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
        return web.json_response({"status": "ok"})


def _page(status: int, text: str) -> web.Response:
    return web.Response(status=status, text=text, content_type="text/plain", charset="utf-8")
