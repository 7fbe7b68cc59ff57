"""`python main.py` with only a Zalo Official Account configured (ZALO_OA_* on loopback):
no console, the web server up, the OA's webhook answering, the token renewed at start."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

import aiohttp

from tests.e2e.test_main_process import run_main
from tests.fakes.zalo_oa_server import FakeZaloOAServer
from tests.samples import ROOT, sample_yaml


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def healthy(port: int) -> dict[str, object]:
    """/healthz once the process answers (it imports, migrates and starts first)."""
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as answer:
                    body: dict[str, object] = await answer.json()
                    return body
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
    raise AssertionError("the bot's web server never answered")


async def test_one_process_serves_the_official_account(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_BOT_TOKEN")}
    env.update(DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    await run_main(env, "import", str(sample_yaml()))
    invites = await run_main(env, "invites")
    code = next(line.split()[-1] for line in invites.splitlines() if "/start " in line)
    port = free_port()
    async with FakeZaloOAServer() as zalo:
        zalo.add_person("u-lan", "Nguyễn Thị Lan")
        env.update(
            ZALO_OA_APP_ID=zalo.app_id, ZALO_OA_SECRET_KEY=zalo.secret_key,
            ZALO_OA_REFRESH_TOKEN=zalo.grant(), ZALO_OA_WEBHOOK_KEY=zalo.oa_secret_key,
            ZALO_OA_API_BASE=zalo.base_url, ZALO_OA_OAUTH_BASE=zalo.base_url,
            WEB_PORT=str(port),
        )  # fmt: skip
        zalo.webhook_url = f"http://127.0.0.1:{port}/webhook/zalo-oa"
        process = await asyncio.create_subprocess_exec(
            sys.executable, "main.py", cwd=ROOT, env=env, stdout=asyncio.subprocess.DEVNULL
        )
        try:
            health = await healthy(port)
            assert await zalo.user_says("u-lan", f"/start {code}") == 200
        finally:
            process.terminate()
            await process.wait()
    state = health["zalo_oa"]
    assert isinstance(state, dict) and state["status"] == "ok" and "token_expires_at" in state
    assert zalo.refreshes == 1  # the keeper renewed the configured token at once
    assert zalo.texts_to("u-lan")[0].startswith("Chào anh/chị Lan! Anh/chị đã tham gia")
