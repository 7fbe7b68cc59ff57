"""Benchmark: a worker's resident memory (RSS, from /proc), for real `python main.py run`
processes beside the bare aiogram echo bot of bench/reference_bots.py measured in the same run:

- a Zalo-only worker (Zalo Bot Platform polling the fake Zalo server, the web pages on), idle
  once it answered its first message (goal: under 120 MB);
- a Telegram worker (`run --webhook`), idle once it handled one round of the webhook bench's
  workload (every update kind: menus, a score sheet, a vote), so that first-use imports are
  counted (goal: under 250 MB);
- the same Telegram worker after `--updates` more updates of that workload (goal: at most 10 %
  above its idle figure).

    .venv/bin/python bench/bench_worker_memory.py [--updates 10000] [--postgres-url URL]

SQLite in a temporary file unless `--postgres-url` is given (then a fresh database, dropped
afterwards).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_webhook_throughput import (
    GROUP,
    SCRIPT_LENGTH,
    ReferenceBot,
    Target,
    drive,
    open_ballot_and_join,
    seed,
)

from tests.e2e.workers_support import (
    ROOT,
    ServerThread,
    Workers,
    client,
    free_port,
    fresh_database,
    worker_env,
)
from tests.fakes.zalo_server import FakeZaloServer

MIB = 1024 * 1024
ZALO_GOAL_MB = 120
TELEGRAM_GOAL_MB = 250
GROWTH_GOAL = 0.10
CONCURRENCY = 32


def rss(pid: int) -> int:
    """Resident bytes of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def mb(size: int) -> str:
    return f"{size / MIB:6.1f} MB"


async def settled_rss(pid: int) -> int:
    """RSS once the process is quiet (its figure no longer moving)."""
    last = rss(pid)
    for _ in range(20):
        await asyncio.sleep(0.5)
        now = rss(pid)
        if abs(now - last) < MIB // 4:
            return now
        last = now
    return last


async def echo_bot_rss(server: ServerThread, logs: Path) -> int:
    env = dict(os.environ, API_BASE=server.base_url, BOT_KIND="echo")
    process = ReferenceBot(free_port(), env, logs / "echo.log")
    process.start()
    try:
        async with client() as http:
            await process.wait_healthy(http)
        return await settled_rss(process.pid)
    finally:
        process.stop()


async def zalo_only_rss(url: str, logs: Path) -> int:
    """A worker with only the Zalo Bot Platform: started, then answering one message."""
    async with FakeZaloServer() as zalo:
        env = worker_env(url, "", free_port())
        for key in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE", "TELEGRAM_BOT_USERNAME",
                    "WEBHOOK_URL", "WEBHOOK_SECRET"):  # fmt: skip
            env.pop(key)
        env.update(ZALO_BOT_TOKEN="2:BENCH", ZALO_API_BASE=zalo.base_url, POLLING_TIMEOUT="1")
        with (logs / "zalo.log").open("ab") as log:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "main.py", "run", cwd=ROOT, env=env, stdout=log, stderr=log
            )
            try:
                await zalo.wait_for("getUpdates", timeout=60)
                zalo.push_text("z-chat", "z-user", "/menu", display_name="Trần Thị Mai")
                await zalo.wait_for("sendMessage", timeout=30)
                return await settled_rss(process.pid)
            finally:
                process.terminate()
                await process.wait()


@contextlib.asynccontextmanager
async def database(args: argparse.Namespace, file: Path) -> AsyncIterator[str]:
    if args.postgres_url is None:
        yield f"sqlite+aiosqlite:///{file}"
        return
    async with fresh_database(args.postgres_url) as url:
        yield url


async def telegram_rss(
    server: ServerThread, url: str, updates: int, logs: Path
) -> tuple[int, int, int]:
    """A Telegram webhook worker: RSS idle after one round of every update kind, RSS after
    `updates` more, and the updates handled."""
    people, codes = await seed(url, 2 * CONCURRENCY)
    cluster = Workers(url, server.base_url, logs)
    try:
        worker = cluster.add()
        async with client() as http:
            await worker.wait_healthy(http)
        yes = await open_ballot_and_join(url, people, codes)
        post = await server.wait_message(GROUP, lambda m: yes in str(m.reply_markup), 60)
        vote = (post.message_id, yes)
        target = Target([worker.url])
        warm = await drive(server, target, people, vote, CONCURRENCY * SCRIPT_LENGTH, CONCURRENCY)
        idle = await settled_rss(worker.pid)
        tally = await drive(server, target, people, vote, updates, CONCURRENCY)
        after = await settled_rss(worker.pid)
        bad = sum(n for status, n in (warm.statuses + tally.statuses).items() if status != 200)
        if bad:
            print(f"  {bad} updates NOT answered 200", flush=True)
        return idle, after, tally.updates
    finally:
        cluster.stop_all()


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder, ServerThread() as server:
        logs = Path(folder)
        echo = await echo_bot_rss(server, logs)
        print(f"bare aiogram echo bot, idle            {mb(echo)}  (the reference)", flush=True)
        async with database(args, logs / "zalo.db") as url:
            zalo = await zalo_only_rss(url, logs)
        mark = "ok" if zalo < ZALO_GOAL_MB * MIB else "NOT MET"
        print(f"Zalo-only worker, idle                 {mb(zalo)}  {zalo / echo:5.2f}× the echo"
              f" bot; goal < {ZALO_GOAL_MB} MB: {mark}", flush=True)  # fmt: skip
        async with database(args, logs / "telegram.db") as url:
            idle, after, handled = await telegram_rss(server, url, args.updates, logs)
        mark = "ok" if idle < TELEGRAM_GOAL_MB * MIB else "NOT MET"
        print(f"Telegram worker, idle                  {mb(idle)}  {idle / echo:5.2f}× the echo"
              f" bot; goal < {TELEGRAM_GOAL_MB} MB: {mark}", flush=True)  # fmt: skip
        growth = after / idle - 1
        mark = "ok" if growth <= GROWTH_GOAL else "NOT MET"
        print(f"Telegram worker, after {handled:>6} updates {mb(after)}  {after / idle:5.2f}× its"
              f" idle; goal ≤ +{GROWTH_GOAL:.0%}: {mark}", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--postgres-url", default=None)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
