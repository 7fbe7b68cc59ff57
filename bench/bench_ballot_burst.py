"""Benchmark: a ballot burst through webhooks. A bloc of `--units` member units, one officer
each, all press «Đồng ý» on the ballot posted in the bloc's group at the same moment; real
`python main.py run --webhook` workers on PostgreSQL (1, then 3, each on a fresh database)
take the presses as Telegram delivers them: at most `--connections` requests in flight (40,
Telegram's default webhook max_connections), the rest waiting their turn at Telegram.

A press's latency runs from the burst's start (every officer pressed then) to the end of the
webhook request that carried it: a worker answers the press (answerCallbackQuery) while
handling it, before the request ends. Printed for each setup: the time until every press is
handled (goal < 5 s), p50 and p99 latency (goal p99 < 5 s), the votes stored (each unit once),
the outbox's private receipts still to send at that moment (Telegram takes about 30 messages
a second from a bot, so 1,000 receipts take half a minute whatever the bot does) and the
3 workers' time as a ratio to the 1 worker's, measured in the same run (goal ≤ 1). And where
the machine's CPU went during the burst, per vote: the workers, PostgreSQL's processes, and
this process (the fake Bot API and the 40 connections posting the presses), from /proc.

    .venv/bin/python bench/bench_ballot_burst.py [--units 1000] [--connections 40]
        [--postgres-url postgresql+asyncpg://postgres@127.0.0.1:5432/test]
        [--redis-url redis://127.0.0.1:6379/14]

The workers share Telegram's send rate through Redis, as docs/deploy.md sets several up.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_webhook_throughput import (
    DEFAULT_POSTGRES,
    DEFAULT_REDIS,
    GROUP,
    open_ballot_and_join,
    seed,
)

from tests.e2e.workers_support import (
    ServerThread,
    Workers,
    client,
    fresh_database,
    post_update,
    postgres_problem,
)

GOAL_SECONDS = 5.0


TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Burst:
    wall: float
    latencies: list[float]
    statuses: Counter[int | None]
    voters: int
    receipts_waiting: int
    cpu: dict[str, float]  # seconds of CPU during the burst, by whom
    refused: Counter[str]  # the fake Bot API's 429 answers during the burst, by method


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process so far, with that of its children that ended (a
    PostgreSQL backend whose connection closed is counted in the postmaster's), from /proc;
    0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return sum(int(field) for field in fields[11:15]) / TICKS  # utime, stime, cutime, cstime


def postgres_pids() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in ("postgres", "postmaster"):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def usage(workers: list[int]) -> dict[str, float]:
    return {
        "workers": sum(cpu_seconds(pid) for pid in workers),
        "PostgreSQL": sum(cpu_seconds(pid) for pid in postgres_pids()),
        "fake Telegram and driver": cpu_seconds(os.getpid()),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def burst(server: ServerThread, url: str, workers: int, args: argparse.Namespace,
                logs: Path) -> Burst:  # fmt: skip
    people, codes = await seed(url, args.units)
    # Several workers share the send rate through Redis, as docs/deploy.md sets them up.
    cluster = Workers(url, server.base_url, logs, redis_url=args.redis_url)
    try:
        async with client() as http:
            for _ in range(workers):
                cluster.add()
            await asyncio.gather(*(w.wait_healthy(http) for w in cluster.workers))
        yes = await open_ballot_and_join(url, people, codes)
        post = await server.wait_message(GROUP, lambda m: yes in str(m.reply_markup), 60)
        presses = [
            await server.press(GROUP, p.user_id, post.message_id, yes, name=p.name) for p in people
        ]
        urls = [w.url for w in cluster.workers]
        statuses: Counter[int | None] = Counter()
        latencies: list[float] = []
        pids = [w.pid for w in cluster.workers]
        calls_before = await server.calls_count()
        async with client(args.connections) as http:
            before = usage(pids)
            start = time.perf_counter()

            async def deliver(n: int) -> None:
                statuses[await post_update(http, urls[n % len(urls)], presses[n], 120)] += 1
                latencies.append(time.perf_counter() - start)

            await asyncio.gather(*(deliver(n) for n in range(len(presses))))
            wall = time.perf_counter() - start
            after = usage(pids)
        refused = await server.call(
            lambda fake: Counter(c.method for c in fake.calls[calls_before:] if c.status == 429)
        )
        voters, waiting = await stored(url)
    finally:
        cluster.stop_all()
    cpu = {who: after[who] - before[who] for who in before}
    return Burst(wall, latencies, statuses, voters, waiting, cpu, refused)


async def stored(url: str) -> tuple[int, int]:
    """Units that voted, and messages the outbox has yet to send."""
    from sqlalchemy import text

    from db.engine import create_engine

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            voters = await connection.scalar(text("SELECT count(*) FROM ballot_voters"))
            waiting = await connection.scalar(
                text("SELECT count(*) FROM outbox_messages WHERE status = 'pending'")
            )
    finally:
        await engine.dispose()
    return int(voters or 0), int(waiting or 0)


def report(workers: int, result: Burst, units: int) -> None:
    p50, p99 = percentile(result.latencies, 0.5), percentile(result.latencies, 0.99)
    bad = {status: n for status, n in result.statuses.items() if status != 200}
    marks = [
        "ok" if result.wall < GOAL_SECONDS else "NOT MET",
        "ok" if p99 < GOAL_SECONDS else "NOT MET",
        "ok" if result.voters == units and not bad else "NOT MET",
    ]
    print(
        f"{workers} worker{'s' * (workers > 1)}: all {units} presses handled in"
        f" {result.wall:.2f} s ({units / result.wall:.0f} votes/s; goal < {GOAL_SECONDS:g} s:"
        f" {marks[0]}); press → answered p50 {p50:.2f} s, p99 {p99:.2f} s (goal <"
        f" {GOAL_SECONDS:g} s: {marks[1]}); stored {result.voters} voters ({marks[2]}"
        f"{f'; NOT 200: {bad}' if bad else ''}); private receipts still in the outbox:"
        f" {result.receipts_waiting}",
        flush=True,
    )
    spent = ", ".join(f"{who} {1000 * cpu / units:.1f} ms" for who, cpu in result.cpu.items())
    total = sum(result.cpu.values())
    print(
        f"   CPU a vote: {spent}; {total:.1f} s of CPU in {result.wall:.1f} s on"
        f" {os.cpu_count()} CPUs ({total / result.wall / (os.cpu_count() or 1):.0%} busy);"
        f" the fake's 429 answers meanwhile: {dict(result.refused) or 'none'}"
    )


async def run(args: argparse.Namespace) -> None:
    problem = await postgres_problem(args.postgres_url)
    if problem is not None:
        print(f"PostgreSQL: {problem}")
        return
    print(f"{args.units} units press at once, {args.connections} requests in flight;"
          f" {os.cpu_count()} CPUs; the fake Bot API on a thread of this process")  # fmt: skip
    results: dict[int, Burst] = {}
    with tempfile.TemporaryDirectory() as folder, ServerThread() as server:
        for workers in (1, 3):
            async with fresh_database(args.postgres_url) as url:
                results[workers] = await burst(server, url, workers, args, Path(folder))
            report(workers, results[workers], args.units)
    ratio = results[3].wall / results[1].wall
    mark = "ok" if ratio <= 1 else "NOT MET"
    print(f"3 workers' time / 1 worker's: {ratio:.2f} (goal ≤ 1: {mark})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=40)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
