"""A worker with only Zalo, or only the console, configured never loads aiogram nor the report
libraries: they weigh over 150 MB of the worker's memory, and load when Telegram runs or a
report is made. Each worker is a real `python main.py` process started with `-X importtime`,
which names on stderr every module the process imports; it handles an update before it stops,
so the handlers' own imports are counted too.

A Telegram worker loads aiogram, but leaves its Telegram types to be built on first use
(bot/channels/aiogram_models.py): built all at import they took its memory from about 155 MB to
250 MB (issue 17's goal: under 250 MB), which is what its check watches."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path

from tests.e2e import workers_support
from tests.e2e.workers_support import ServerThread, Worker, client, free_port, post_update
from tests.fakes.zalo_server import FakeZaloServer
from tests.samples import ROOT, sample_yaml

HEAVY = ("aiogram", "openpyxl", "docx", "matplotlib")
# A Telegram worker's resident memory once it answered an update: ~155 MB with aiogram's types
# built on first use, ~250 MB with all of them built at import.
TELEGRAM_WORKER_MB = 200
IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s*([\w.]+)\s*$")


def heavy_modules(importtime_log: str) -> set[str]:
    """The heavy packages among the modules an `-X importtime` log names."""
    names = {m.group(1) for m in map(IMPORTED.match, importtime_log.splitlines()) if m}
    assert "bot.app" in names, "the log names no module of the bot: was -X importtime set?"
    return {name.split(".")[0] for name in names} & set(HEAVY)


def worker_env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "ZALO_", "WEBHOOK_", "WEB_", "DATABASE_"))
    }
    env.update(DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", POLLING_TIMEOUT="1")
    return env


async def imported_sample(env: dict[str, str]) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "main.py", "import", str(sample_yaml()), cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    assert await asyncio.wait_for(process.wait(), timeout=60) == 0


def test_the_check_sees_a_heavy_module() -> None:
    log = "import time: 1 |    1 | bot.app\nimport time: 120 | 9000 |   aiogram.types\n"
    assert heavy_modules(log) == {"aiogram"}


async def test_a_zalo_only_worker_loads_neither_aiogram_nor_reports(tmp_path: Path) -> None:
    env = worker_env(tmp_path)
    await imported_sample(env)
    async with FakeZaloServer() as zalo:
        env.update(ZALO_BOT_TOKEN="2:TEST", ZALO_API_BASE=zalo.base_url, WEB_PORT="0")
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-X", "importtime", "main.py", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            await zalo.wait_for("getUpdates", timeout=30)
            zalo.push_text("z-chat", "z-user", "/menu", display_name="Trần Thị Mai")
            await zalo.wait_for("sendMessage", timeout=15)
        finally:
            process.terminate()
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert heavy_modules(stderr.decode(errors="replace")) == set()


async def test_a_console_only_worker_loads_neither_aiogram_nor_reports(tmp_path: Path) -> None:
    env = worker_env(tmp_path)
    await imported_sample(env)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-X", "importtime", "main.py", "console", cwd=ROOT, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(process.communicate(b"1\n/menu\n/thoat\n"), 60)
    assert "Việc cần làm" in stdout.decode()  # the menu was shown: its handlers ran
    assert heavy_modules(stderr.decode(errors="replace")) == set()


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for process {pid}")


async def test_a_telegram_worker_builds_aiogram_types_on_first_use(tmp_path: Path) -> None:
    with ServerThread() as server:
        port = free_port()
        database = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
        env = workers_support.worker_env(database, server.base_url, port)
        await imported_sample(env)
        worker = Worker(port, env, tmp_path / "worker.log")
        worker.start()
        try:
            async with client() as http:
                await worker.wait_healthy(http)
                update = await server.message(5001, 5001, "/menu", name="Trần Thị Mai")
                assert await post_update(http, worker.url, update) == 200
                await server.wait_message(5001, lambda message: message.from_bot, timeout=30)
            size = resident_mb(worker.pid)
        finally:
            worker.stop()
    assert size < TELEGRAM_WORKER_MB, f"{size:.0f} MB: were aiogram's types built at import?"
