"""Benchmark: SQL statements per update, by kind, counted with a SQLAlchemy
`before_cursor_execute` listener on the bot's own engine while `BotApp.handle` takes the
updates a Telegram webhook would hand it (the channel adds no statement of its own).

The kinds, on the webhook bench's bloc (bench/bench_webhook_throughput.py): a menu (/menu), a
typed score (after /chamdiem and «Phần I»), and a press on an open ballot's «Đồng ý» in the
bloc's group (each unit's first vote); then, apart, the live count's recount that follows a
vote once it has committed (bot/live_counts.py: once for a burst's votes). Each kind is
played once for every officer before the counting starts, so that the per-process caches are
as a running worker has them. The reference, in the same run, is the floor bot's bookkeeping
(bench/reference_bots.py): 3 statements an update (claim the update, read the account and
conversation, write it back).

    .venv/bin/python bench/bench_statements.py [--officers 20] [--postgres-url URL] [-v]

`-v` prints each statement of the update of each kind that ran the most. SQLite in a
temporary file unless `--postgres-url` is given (then a fresh database, dropped afterwards).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from itertools import count
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_webhook_throughput import GROUP, SCORES, Officer, open_ballot_and_join, seed
from sqlalchemy import event

from bot.request import ChatKind, Incoming, Reply
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from domain.model import Channel
from tests.e2e.workers_support import fresh_database

FLOOR_STATEMENTS = 3
GOALS = {"menu": 3, "typed score": 4, "vote": 5}
# After a vote commits, outside it: the groups' live count, once for a burst's votes
# (bot/live_counts.py); here each vote has one of its own, the most it can cost.
RECOUNT = "recount"
_update_ids = count(1)


class Statements:
    """Every statement the engine runs while `counting`."""

    def __init__(self, runtime: Runtime) -> None:
        self.seen: list[str] = []
        self.counting = False
        event.listen(runtime.engine.sync_engine, "before_cursor_execute", self._executed)

    def _executed(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.counting:
            self.seen.append(" ".join(statement.split()))

    @contextlib.contextmanager
    def count(self) -> Iterator[list[str]]:
        self.seen = []
        self.counting = True
        try:
            yield self.seen
        finally:
            self.counting = False


def incoming(officer: Officer, text: str = "", data: str | None = None, group: bool = False
             ) -> Incoming:  # fmt: skip
    return Incoming(
        Channel.TELEGRAM, str(GROUP if group else officer.user_id),
        ChatKind.GROUP if group else ChatKind.PRIVATE, str(officer.user_id), officer.name,
        text=text, callback_data=data, update_key=str(next(_update_ids)),
    )  # fmt: skip


async def answer(runtime: Runtime, update: Incoming) -> Reply:
    outcome = await runtime.app.handle(update)
    assert outcome.replies, f"no reply to {update}"
    return outcome.replies[0]


async def section_data(runtime: Runtime, reply: Reply) -> str:
    codec = await runtime.app.codec()
    for button in reply.flat_buttons():
        if button.label.startswith("Phần I "):
            return codec.encode(button.action)
    raise AssertionError(f"no «Phần I» button in: {reply.text[:200]}")


@contextlib.asynccontextmanager
async def database(args: argparse.Namespace, folder: Path) -> AsyncIterator[str]:
    if args.postgres_url is None:
        yield f"sqlite+aiosqlite:///{folder / 'statements.db'}"
        return
    async with fresh_database(args.postgres_url) as url:
        yield url


async def measure(url: str, officers: int, verbose: bool) -> dict[str, list[list[str]]]:
    people, codes = await seed(url, officers)
    yes = await open_ballot_and_join(url, people, codes)
    settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
    runtime = await build_runtime(settings, migrate=False)
    counter = Statements(runtime)
    seen: dict[str, list[list[str]]] = {kind: [] for kind in [*GOALS, RECOUNT]}
    try:
        for officer in people:  # warm: every cache as a running worker has it
            await answer(runtime, incoming(officer, "/menu"))
        for officer in people:
            with counter.count() as statements:
                await answer(runtime, incoming(officer, "/menu"))
            seen["menu"].append(statements)
            sheet = await answer(runtime, incoming(officer, "/chamdiem"))
            await answer(runtime, incoming(officer, data=await section_data(runtime, sheet)))
            for score in SCORES:
                with counter.count() as statements:
                    await answer(runtime, incoming(officer, score))
                seen["typed score"].append(statements)
            with counter.count() as statements:
                await answer(runtime, incoming(officer, data=yes, group=True))
            seen["vote"].append(statements)
            with counter.count() as statements:  # after the vote's commit, outside it
                await runtime.app.live_counts.settled()
            seen[RECOUNT].append(statements)
    finally:
        await runtime.close()
    if verbose:
        for kind, runs in seen.items():
            print(f"-- the {kind} with the most statements:")
            for statement in max(runs, key=len):
                print(f"   {statement[:160]}")
    return seen


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with database(args, Path(folder)) as url:
            seen = await measure(url, args.officers, args.verbose)
    backend = "PostgreSQL" if args.postgres_url else "SQLite"
    print(f"statements per update on {backend}, {args.officers} officers"
          f" (the floor bot's bookkeeping: {FLOOR_STATEMENTS}):")  # fmt: skip
    for kind, goal in GOALS.items():
        counts = [len(statements) for statements in seen[kind]]
        mean = sum(counts) / len(counts)
        mark = "ok" if max(counts) <= goal else "NOT MET"
        print(f"  {kind:<12} {mean:5.2f} (min {min(counts)}, max {max(counts)}) ="
              f" {mean / FLOOR_STATEMENTS:4.2f}× the floor; goal ≤ {goal}: {mark}")  # fmt: skip
    recounts = [len(statements) for statements in seen[RECOUNT]]
    print(
        f"  then, outside the vote, its live count's recount: {max(recounts)} statements,"
        " once per batch of votes (here one vote a batch)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=20)
    parser.add_argument("--postgres-url", default=None)
    parser.add_argument("-v", "--verbose", action="store_true")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
