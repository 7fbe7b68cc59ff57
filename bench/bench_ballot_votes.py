"""Benchmark: a 1,000-unit bloc votes at once through the Telegram channel.

The real aiogram stack long polls the fake Bot API server, in this process. One officer per
unit (joined with its unit's invite through the onboarding service); the leader binds the
group and opens a flag ballot, whose post goes out through the outbox dispatcher; then 1,000
confirmed «Đồng ý» votes (what "✅ Gửi phiếu" sends) are pressed on the group post at once.
Printed: the wall time until every press is answered, and the press-to-answer latency (p50,
p99: from pushing the update into the fake server to the server recording the bot's
answerCallbackQuery), with what was stored. The goals: every press handled in under 5 s,
p99 under 5 s. (The bot, the fake server and the bench share this one process here; see
bench/bench_ballot_burst.py for webhook workers of their own.)

    .venv/bin/python bench/bench_ballot_votes.py [--units 1000] [--rate 0]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test]

`--rate 20` pushes twenty presses a second instead of all at once: the latency of a steady
stream the bot keeps up with, rather than of a queue.

SQLite in a temporary file by default; on PostgreSQL a fresh schema, dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.request import Action
from bot.runtime import Runtime
from domain.model import Channel
from domain.services import members, onboarding
from tests.channels.ballot_support import (
    Group,
    bloc_data,
    database,
    import_bloc,
    open_flag,
    running,
    stored_votes,
)
from tests.channels.test_scoring_telegram import Person
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import FakeTelegramServer

# Secret ballots are sealed with a secret outside the database (db/sealing.py).
os.environ.setdefault("BALLOT_SECRET", "bench-only-ballot-secret-0123456789")

GOAL_MS = 5000.0
GROUP = Group(-1001234567001, "Khối thi đua thử tải")
MEETING = datetime(2022, 12, 20, 1, 30, tzinfo=UTC)  # 08:30 local
RECEIPT = re.compile(r"Mã biên nhận: \w{3}-\w{3}\.")


class TimedServer(FakeTelegramServer):
    """The fake server, its log stamped: when each press was pushed, when it was answered."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pushed_at: dict[str, float] = {}
        self.answered_at: dict[str, float] = {}

    def push_update(self, update: dict[str, Any]) -> int:
        query = update.get("callback_query")
        if query is not None:
            self.pushed_at[str(query["id"])] = time.perf_counter()
        return super().push_update(update)

    def _record(self, call: Any, status: int, payload: dict[str, Any]) -> None:
        if call.method == "answerCallbackQuery":
            self.answered_at[str(call.params.get("callback_query_id"))] = time.perf_counter()
        super()._record(call, status, payload)


async def join(runtime: Runtime, people: list[tuple[Person, str]], now: datetime) -> None:
    """Each person joins with the invite: what /start <code> does, without the chat."""
    for start in range(0, len(people), 200):
        async with runtime.uow() as uow:
            for person, code in people[start : start + 200]:
                name = f"{person.first_name} {person.last_name}"
                identity = await members.identify(uow, Channel.TELEGRAM, str(person.user_id), name)
                await onboarding.join(uow, identity, code, now)
            await uow.commit()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def bench(units: int, url: str, rate: float) -> None:
    clock, server = FakeClock(), TimedServer()
    joined = clock.now()  # while the invites are live
    async with database(url, clock) as runtime, server:
        codes = await import_bloc(runtime, bloc_data(units, "khoi-thu-tai"), joined)
        unit_codes = sorted(codes)
        people = [Person(10_000 + n, "Cán bộ", code) for n, code in enumerate(unit_codes)]
        invites = [(person, codes[code]) for person, code in zip(people, unit_codes, strict=True)]
        leader = people[0]
        await join(runtime, invites[:1], joined)
        async with running(server, runtime, clock, codes) as tg:
            await tg.say_in(GROUP, leader, "/lienket")
            clock.current = MEETING
            # Opened before the others join: the 999 papers would only keep the dispatcher busy.
            ballot_id = await open_flag(runtime, leader, unit_codes[1])
            await tg.flush()
            [post] = server.sent_messages(GROUP.chat_id)[-1:]
            await join(runtime, invites[1:], joined)
            # The confirmed choice, as the private "✅ Gửi phiếu" carries it: a tap on the
            # post's «Đồng ý» only sends the secret choice privately to be confirmed.
            yes = await tg.signed(Action("bs", (str(ballot_id), "1", "ok")))

            start = time.perf_counter()
            presses = []
            for person in people:
                presses.append(tg.push_press(person, post, yes))
                if rate:
                    await asyncio.sleep(1 / rate)
            await tg.settled_all(presses, timeout=900)
            wall = time.perf_counter() - start

            answers = [tg.answer(update_id) for update_id in presses]
            latencies = [
                (server.answered_at[query] - server.pushed_at[query]) * 1000
                for query in (str(a["callback_query_id"]) for a in answers)
            ]
            kinds = Counter(
                "receipt" if RECEIPT.search(str(a.get("text")))
                else "already voted" if "đã bỏ phiếu rồi" in str(a.get("text"))
                else f"other: {a.get('text')}"
                for a in answers
            )  # fmt: skip
            voters, papers = await stored_votes(runtime, ballot_id)
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    pace = f"{rate:g} a second" if rate else "at once"
    print(f"{units} units, one officer each, {units} presses pushed {pace} ({backend(url)})")
    mark = "ok" if wall * 1000 < GOAL_MS else "NOT MET"
    print(f"all answered in {wall:.2f} s ({units / wall:.0f} votes/s; goal < {GOAL_MS / 1000:g} s:"
          f" {mark})")  # fmt: skip
    print(
        f"press → answerCallbackQuery: p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
        f"max {max(latencies):.0f} ms (goal p99 < {GOAL_MS:.0f} ms)"
    )
    print(f"stored: {voters} voters, {papers} ballot papers; answers: {dict(kinds)}")


def backend(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgresql") else "SQLite file"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--database-url", default=None, help="SQLite in a temp file if absent")
    parser.add_argument("--rate", type=float, default=0, help="presses a second; 0: at once")
    args = parser.parse_args()
    # A press that fails is answered with the generic error and counted below; its traceback
    # in the log would only bury the figures.
    logging.getLogger("bot.channels.telegram").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        asyncio.run(bench(args.units, url, args.rate))


if __name__ == "__main__":
    main()
