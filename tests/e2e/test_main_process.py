"""`python main.py` with both tokens set runs Telegram and Zalo side by side in one process,
configured only through the environment (TELEGRAM_API_BASE / ZALO_API_BASE on loopback)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tests.fakes.telegram_server import FakeTelegramServer
from tests.fakes.zalo_server import FakeZaloServer
from tests.samples import ROOT, sample_yaml


async def run_main(env: dict[str, str], *args: str) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "main.py", *args, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE
    )
    stdout, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0
    return stdout.decode()


async def test_one_process_serves_telegram_and_zalo(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_BOT_TOKEN")}
    env.update(DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", POLLING_TIMEOUT="1")
    await run_main(env, "import", str(sample_yaml()))
    async with FakeTelegramServer() as telegram, FakeZaloServer() as zalo:
        env.update(
            TELEGRAM_BOT_TOKEN="1:TEST",
            TELEGRAM_API_BASE=telegram.base_url,
            ZALO_BOT_TOKEN="2:TEST",
            ZALO_API_BASE=zalo.base_url,
        )
        invites = await run_main(env, "invites")
        links = [line.strip() for line in invites.splitlines() if "https://t.me/" in line]
        assert len(links) == 5 and links[0].startswith(
            "Telegram: https://t.me/thidua_test_bot?start="
        )
        snn_code, stn_code = (link.split("start=")[1] for link in links[:2])

        process = await asyncio.create_subprocess_exec(
            sys.executable, "main.py", cwd=ROOT, env=env, stdout=asyncio.subprocess.DEVNULL
        )
        try:
            await telegram.wait_for("getUpdates", timeout=60)
            await zalo.wait_for("getUpdates", timeout=60)
            telegram.user_message(500, 500, f"/start {snn_code}", first_name="Nguyễn Văn Đông")
            zalo.push_text("z-chat", "z-user", f"/start {stn_code}", display_name="Trần Thị Mai")
            sent = await telegram.wait_for("sendMessage", timeout=15)
            await zalo.wait_for("sendMessage", timeout=15)
        finally:
            process.terminate()
            await process.wait()
    assert str(sent.params["text"]).startswith("Chào anh/chị Đông! Anh/chị đã tham gia")
    zalo_text = zalo.sent_messages()[0]["text"]
    assert "Sở Tài nguyên và Môi trường" in zalo_text and "\n1. 📋 Việc cần làm" in zalo_text
    languages = {call.params.get("language_code") for call in telegram.calls_of("setMyCommands")}
    assert languages == {None, "en"}
