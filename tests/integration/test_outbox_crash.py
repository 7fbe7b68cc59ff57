"""A worker process killed with SIGKILL mid-send, against the fake Bot API server over real
HTTP: nothing committed is lost, and the only repeats are the sends the platform had carried
out and the worker had not yet marked — each send, and each part of a long text, is marked
as soon as it is answered, not with a later batch."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.context import BotUnitOfWork
from db.engine import session_factory
from db.models import OutboxMessageRow
from tests.conftest import POSTGRES_URL, in_schema
from tests.fakes.telegram_server import FakeTelegramServer, RecordedCall

ROOT = Path(__file__).resolve().parents[2]
LEASE = 1.0  # seconds: the next worker takes a killed one's messages over soon
SHORT = ["1001", "1002", "1003"]
LONG_CHAT = "2001"
LONG_TEXT = "A" * 4000 + "\n" + "B" * 4050 + "\n" + "C" * 50  # three parts on Telegram


async def database_url(engine: AsyncEngine) -> str:
    """The test's database, for another process."""
    if engine.dialect.name != "postgresql":
        return engine.url.render_as_string(hide_password=False)
    async with engine.connect() as connection:
        schema = await connection.scalar(text("select current_schema()"))
    return in_schema(POSTGRES_URL, str(schema))


@contextmanager
def worker(url: str, server: FakeTelegramServer) -> Iterator[subprocess.Popen[str]]:
    command = [sys.executable, "-m", "tests.fakes.outbox_worker", url, server.base_url]
    process = subprocess.Popen(
        [*command, "--lease", str(LEASE)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.stdout is not None
        process.stdout.close()


async def rows(engine: AsyncEngine) -> dict[str, OutboxMessageRow]:
    async with session_factory(engine)() as session:
        found = await session.scalars(select(OutboxMessageRow))
        return {row.chat_id: row for row in found}


async def until(condition: Callable[[], Awaitable[bool]], what: str) -> None:
    """Waits for a state of the system (not a speed: the guard, generous for a worker's
    start on a busy machine, only ends a hung run)."""
    for _ in range(3000):
        if await condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"never came: {what}")


def delivered(server: FakeTelegramServer) -> Counter[tuple[str, str]]:
    """What reached each chat, carried out by the server: (chat, text's first letter)."""
    return Counter(
        (str(call.params["chat_id"]), str(call.params["text"])[:1])
        for call in server.calls_of("sendMessage")
        if call.ok
    )


async def test_a_killed_worker_loses_nothing_and_repeats_only_its_sends_in_flight(
    engine: AsyncEngine, uow_factory: Callable[[], BotUnitOfWork]
) -> None:
    now = datetime.now(UTC)
    async with uow_factory() as uow:
        for chat in SHORT:
            await uow.outbox.enqueue("telegram", chat, {"text": f"nhắc {chat}"}, now)
        await uow.outbox.enqueue("telegram", LONG_CHAT, {"text": LONG_TEXT}, now)
        await uow.commit()
    url = await database_url(engine)
    expected = {(chat, "n") for chat in SHORT} | {(LONG_CHAT, p) for p in "ABC"}

    async with FakeTelegramServer() as server:

        def in_flight_at_the_kill(call: RecordedCall) -> bool:
            # Carried out, never answered: 1003's message and the long text's second part.
            chat, first = str(call.params.get("chat_id")), str(call.params.get("text"))[:1]
            return chat == "1003" or (chat == LONG_CHAT and first == "B")

        server.hold_answers(in_flight_at_the_kill)

        async def answered_ones_marked() -> bool:
            found = await rows(engine)
            taken = delivered(server)
            return (
                all(found[chat].status == "sent" for chat in ("1001", "1002"))
                and found[LONG_CHAT].payload.get("parts_sent") == 1
                and taken[("1003", "n")] == 1
                and taken[(LONG_CHAT, "B")] == 1
            )

        with worker(url, server) as first:
            await until(answered_ones_marked, "the answered sends marked, two held")
            first.send_signal(signal.SIGKILL)
            first.wait()
        found = await rows(engine)
        done = {(chat, "n") for chat in SHORT if found[chat].status == "sent"}
        done |= {(LONG_CHAT, p) for p in "AB"[: found[LONG_CHAT].payload.get("parts_sent", 0)]}
        in_flight = sum(1 for sent in delivered(server) if sent not in done)
        assert in_flight == 2

        server.release_answers()

        async def all_sent() -> bool:
            return all(row.status == "sent" for row in (await rows(engine)).values())

        with worker(url, server):
            await until(all_sent, "every message sent by the next worker")

    counts = delivered(server)
    lost = expected - set(counts)
    repeated = sum(count - 1 for count in counts.values())
    assert set(counts) == expected and not lost
    assert repeated <= in_flight
    # The long text's first part was marked when it was answered: never sent again.
    assert counts[(LONG_CHAT, "A")] == 1
    assert counts[("1001", "n")] == counts[("1002", "n")] == 1
