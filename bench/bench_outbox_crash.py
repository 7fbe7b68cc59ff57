"""Benchmark: outbox workers killed with SIGKILL mid-send, again and again.

Real worker processes (tests/fakes/outbox_worker.py) send a queue of messages through the
Telegram channel to the fake Bot API server (real HTTP on 127.0.0.1; each answer leaves up
to --answer-delay after the message is in the chat, as over a long link), against
PostgreSQL. Each round starts --workers, queues --messages (every tenth a long text in three
parts), and at random moments kills one with SIGKILL and starts another in its place
(--kills a round, each within --kill-within seconds of the last), then lets the workers
finish. Per round and in total it prints the messages lost (must be 0), the sends repeated,
and the sends in flight at the kills — carried out by the server, not yet marked by the
killed worker: the only ones the outbox's promise (at least once) lets repeat — and the
repeats as a ratio of them (at most 1).

    .venv/bin/python bench/bench_outbox_crash.py [--rounds 10] [--messages 300]
        [--workers 3] [--kills 3] [--lease 10] [--answer-delay 0.2] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import create_engine, session_factory
from db.migrate import upgrade
from db.models import OutboxMessageRow
from db.outbox import SqlOutbox
from tests.conftest import POSTGRES_URL, in_schema
from tests.e2e.workers_support import ServerThread
from tests.fakes.telegram_server import FakeTelegramServer

ROOT = Path(__file__).resolve().parents[1]
# Seconds: a killed worker's messages pass to the others soon, yet a live worker slowed by
# its neighbours' starts on a busy machine keeps its claims (what the 5 minutes are for).
LEASE = 10.0
LONG_EVERY = 10
PARTS = 3


@dataclass
class Tally:
    messages: int = 0
    kills: int = 0
    in_flight: int = 0
    repeated: int = 0
    lost: int = 0

    def add(self, other: Tally) -> None:
        for name in ("messages", "kills", "in_flight", "repeated", "lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, label: str) -> str:
        ratio = f"{self.repeated / self.in_flight:.2f}" if self.in_flight else "–"
        return (
            f"{label:<8} messages {self.messages:>5}  kills {self.kills:>3}  in flight"
            f" {self.in_flight:>4}  repeated {self.repeated:>4}  lost {self.lost:>3}"
            f"  repeated/in flight {ratio}"
        )


def message_text(tag: str, number: int) -> str:
    """Each part starts with its key, `[part] tag-number`, to count what reached the chat."""
    if number % LONG_EVERY:
        return f"[0] {tag}-{number} ⏰ Còn 1 ngày: hạn nộp bảng tự chấm điểm."
    body = "Báo cáo tổng hợp thi đua. " * 150  # about 3,900 characters a part
    return "\n".join(f"[{part}] {tag}-{number} {body}" for part in range(PARTS))


def part_keys(tag: str, number: int) -> list[str]:
    return [f"[{part}] {tag}-{number}" for part in range(1 if number % LONG_EVERY else PARTS)]


def key_of(sent_text: str) -> str:
    return " ".join(sent_text.split(" ", 2)[:2])


class Workers:
    """The worker processes of a round, each known by its claimer name."""

    def __init__(self, url: str, bot_api_url: str, lease: float) -> None:
        self.url, self.bot_api_url, self.lease = url, bot_api_url, lease
        self.live: dict[str, asyncio.subprocess.Process] = {}

    async def start(self) -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.fakes.outbox_worker", self.url, self.bot_api_url,
            "--lease", str(self.lease), cwd=ROOT, stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        assert process.stdout is not None
        claimer = (await process.stdout.readline()).decode().strip()
        self.live[claimer] = process

    async def kill(self, claimer: str) -> None:
        process = self.live.pop(claimer)
        process.send_signal(signal.SIGKILL)
        await process.wait()

    async def kill_all(self) -> None:
        for claimer in list(self.live):
            await self.kill(claimer)


async def delivered(server: ServerThread, tag: str) -> Counter[str]:
    """What reached the chats, by part: read on the server's own loop."""

    def texts(fake: FakeTelegramServer) -> list[str]:
        return [str(call.params["text"]) for call in fake.calls_of("sendMessage") if call.ok]

    return Counter(key_of(sent) for sent in await server.call(texts) if f" {tag}-" in sent)


async def in_flight(engine: AsyncEngine, server: ServerThread, tag: str, claimer: str) -> int:
    """The killed worker's sends the server carried out and no mark recorded: its messages
    still pending under its claim, counted from the first part not recorded as sent."""
    taken = await delivered(server, tag)
    async with session_factory(engine)() as session:
        rows = await session.scalars(
            select(OutboxMessageRow).where(
                OutboxMessageRow.claimed_by == claimer, OutboxMessageRow.status == "pending"
            )
        )
        count = 0
        for row in rows:
            number = int(str(row.payload["text"]).split(" ", 2)[1].rsplit("-", 1)[1])
            recorded = int(row.payload.get("parts_sent", 0))
            count += sum(1 for key in part_keys(tag, number)[recorded:] if taken[key])
        return count


async def pending(engine: AsyncEngine) -> int:
    async with session_factory(engine)() as session:
        return await SqlOutbox(session).pending_count()


async def one_round(
    engine: AsyncEngine, url: str, server: ServerThread, args: argparse.Namespace, round_: int
) -> Tally:
    tag = f"r{round_}"
    tally = Tally(messages=args.messages)
    workers = Workers(url, server.base_url, args.lease)
    starting: list[asyncio.Task[None]] = []
    try:
        # The workers are up before the queue fills: the kills fall while they send.
        await asyncio.gather(*(workers.start() for _ in range(args.workers)))
        now = datetime.now(UTC)
        async with session_factory(engine)() as session, session.begin():
            outbox = SqlOutbox(session)
            for number in range(args.messages):  # each to a person of its own
                chat = str(1_000_000 * round_ + number)
                await outbox.enqueue("telegram", chat, {"text": message_text(tag, number)}, now)
        for _ in range(args.kills):
            await asyncio.sleep(random.uniform(0.1, args.kill_within))
            if not workers.live or not await pending(engine):
                break
            claimer = random.choice(list(workers.live))
            await workers.kill(claimer)
            tally.kills += 1
            tally.in_flight += await in_flight(engine, server, tag, claimer)
            starting.append(asyncio.create_task(workers.start()))  # one in its place
        await asyncio.gather(*starting)
        for _ in range(1200):  # a guard against a hung run, not a measure
            if not await pending(engine):
                break
            await asyncio.sleep(0.1)
    finally:
        await workers.kill_all()
    counts = await delivered(server, tag)
    expected = {key for number in range(args.messages) for key in part_keys(tag, number)}
    tally.lost = len(expected - set(counts))
    tally.repeated = sum(count - 1 for count in counts.values())
    return tally


async def run(args: argparse.Namespace) -> None:
    schema = f"bench_crash_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.database_url)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = in_schema(args.database_url, schema)
    engine = create_engine(url)
    total = Tally()
    try:
        await upgrade(engine)
        with ServerThread() as server:
            await server.call(lambda fake: fake.delay_answers(args.answer_delay))
            for number in range(1, args.rounds + 1):
                tally = await one_round(engine, url, server, args, number)
                print(tally.line(f"round {number}"), flush=True)
                total.add(tally)
    finally:
        await engine.dispose()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()
    print(total.line("total"))
    print(f"lost: {total.lost} (must be 0); repeated: {total.repeated} across {total.kills} kills")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--kill-within", type=float, default=1.5, help="seconds")
    parser.add_argument("--lease", type=float, default=LEASE, help="seconds")
    parser.add_argument("--answer-delay", type=float, default=0.2, help="seconds, at most")
    parser.add_argument("--database-url", default=POSTGRES_URL)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
