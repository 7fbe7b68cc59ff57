"""Files a user sends, downloaded as the Bot API documents it, for the channel tests.

https://core.telegram.org/bots/api#getfile: `getFile(file_id)` answers a File (file_id,
file_unique_id, file_size, file_path); "the file can then be downloaded via the link
https://api.telegram.org/file/bot<token>/<file_path>"; bots download files "of up to 20MB in
size" (a bigger one: 400 "Bad Request: file is too big"). A local Bot API server
(TELEGRAM_API_BASE) serves the same two endpoints.

`FilesTelegramServer` is the fake Bot API server plus `getFile`; `FileHost` is the file
endpoint, on a second port of 127.0.0.1 (aiogram's TelegramAPIServer names the file URL on its
own). Each file is registered with the bytes served and the size declared, which a test may set
apart: a server that says 20 KB and sends 64 MB."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiohttp import web

from tests.fakes.telegram_server import BotApiError, FakeTelegramServer

GETFILE_MAX = 20 * 1024 * 1024  # "up to 20MB in size"
CHUNK = 64 * 1024


@dataclass
class HostedFile:
    content: bytes
    declared: int
    path: str
    sent: int = 0  # bytes written to the client before it finished or hung up


@dataclass
class FileHost:
    token: str
    files: dict[str, HostedFile] = field(default_factory=dict)
    base_url: str = ""

    def add(self, file_id: str, content: bytes, declared: int | None = None) -> None:
        size = len(content) if declared is None else declared
        self.files[file_id] = HostedFile(content, size, f"documents/file_{len(self.files)}.xlsx")

    async def serve(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            raise web.HTTPUnauthorized()
        path = request.match_info["path"]
        hosted = next((f for f in self.files.values() if f.path == path), None)
        if hosted is None:
            raise web.HTTPNotFound()
        response = web.StreamResponse()  # chunked: no Content-Length to go by
        await response.prepare(request)
        for start in range(0, len(hosted.content), CHUNK):
            await response.write(hosted.content[start : start + CHUNK])
            hosted.sent = start + CHUNK
        await response.write_eof()
        return response


class FilesTelegramServer(FakeTelegramServer):
    def __init__(self, host: FileHost) -> None:
        self.host = host
        super().__init__()

    def _method_table(self) -> dict[str, Any]:
        return {**super()._method_table(), "getFile": self._get_file}

    async def _get_file(self, call: Any) -> dict[str, Any]:
        hosted = self.host.files.get(str(call.params.get("file_id")))
        if hosted is None:
            raise BotApiError(400, "Bad Request: invalid file_id")
        if hosted.declared > GETFILE_MAX:
            raise BotApiError(400, "Bad Request: file is too big")
        return {
            "file_id": call.params["file_id"],
            "file_unique_id": f"U{call.params['file_id']}",
            "file_size": hosted.declared,
            "file_path": hosted.path,
        }


@asynccontextmanager
async def telegram_with_files(token: str) -> AsyncIterator[tuple[FilesTelegramServer, Bot]]:
    """The fake Bot API server with getFile, its file host, and an aiogram Bot using both."""
    host = FileHost(token)
    app = web.Application()
    app.router.add_get("/file/bot{token}/{path:.+}", host.serve)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = next(a[1] for a in runner.addresses if isinstance(a, tuple))
    host.base_url = f"http://127.0.0.1:{port}"
    try:
        server = FilesTelegramServer(host)
        async with server:
            api = TelegramAPIServer(
                base=f"{server.base_url}/bot{{token}}/{{method}}",
                file=f"{host.base_url}/file/bot{{token}}/{{path}}",
            )
            bot = Bot(token, session=AiohttpSession(api=api))
            try:
                yield server, bot
            finally:
                await bot.session.close()
    finally:
        await runner.cleanup()
