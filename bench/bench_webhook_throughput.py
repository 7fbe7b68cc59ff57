"""Benchmark: updates per second through webhooks on a mixed workload, for the full bot (real
`python main.py run --webhook` processes: 1 worker on SQLite, 1 on PostgreSQL, 3 on PostgreSQL)
and, beside them, the reference bots of bench/reference_bots.py: the bare aiogram 3 echo bot,
and the floor (the echo bot plus the least bookkeeping in PostgreSQL that production mode asks
of any bot: through bare asyncpg, then through SQLAlchemy Core); all on the same fake Bot API
server (on a thread of this process) in one run.

The workload: each officer in turn, waiting for each answer as a person would, sends /menu,
/khoi, /viec, opens /chamdiem (the annual window is open), presses «Phần I», types five
scores, and presses «Đồng ý» on the open ballot posted in the bloc's group: 11 updates, 6 of
them score entries. `--concurrency` officers are at it at once (32: Telegram's default
webhook max_connections is 40), each update POSTed to the next worker in turn. Printed: each
setup's rate, each as a share of the echo bot's, and the full bot's as a share of the
SQLAlchemy Core floor's (goals: one worker on PostgreSQL ≥ 70 %, one on SQLite ≥ 50 %).

    .venv/bin/python bench/bench_webhook_throughput.py [--updates 2000] [--concurrency 32]
        [--postgres-url postgresql+asyncpg://postgres@127.0.0.1:5432/test] [--skip-postgres]
        [--redis-url redis://127.0.0.1:6379/14]

PostgreSQL in a fresh database per setup, dropped afterwards; SQLite in a temporary file.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.workers_support import (
    ROOT,
    ServerThread,
    Worker,
    Workers,
    client,
    free_port,
    fresh_database,
    join_officers,
    post_update,
    postgres_problem,
)

# Secret ballots are sealed with a secret outside the database (db/sealing.py).
os.environ.setdefault("BALLOT_SECRET", "bench-only-ballot-secret-0123456789")
DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"  # the workers' shared send rate (bot/shared_rate.py)
GOAL_SHARE = 0.70
FLOOR_GOAL = 0.70  # the full bot, 1 worker on PostgreSQL, against the SQLAlchemy Core floor
SQLITE_FLOOR_GOAL = 0.50  # the full bot on SQLite, against that same PostgreSQL floor
BLOC = "khoi-do-toc-do"
GROUP = -1009100000001
GROUP_TITLE = "Khối thi đua (đo tốc độ)"
FIRST_USER = 30_000
ITEMS = 20  # section I: 20 items of 5 points; each script scores the next five
SCORES = ("4,5", "5", "3,5", "4", "5")
SCRIPT_LENGTH = 11  # /menu /khoi /viec /chamdiem, a press, 5 scores, a vote
ECHO = "bare aiogram echo bot, 1 process"
FLOOR = "floor: aiogram + asyncpg bookkeeping"
FLOOR_SQLALCHEMY = "floor: the same, SQLAlchemy Core"


# ------------------------------------------------------------------- the reference bots


class ReferenceBot(Worker):
    """The echo bot or the floor bot of bench/reference_bots.py, in a process of its own."""

    def start(self) -> None:
        import subprocess

        self._log = self.log_path.open("ab")
        command = [sys.executable, str(Path(__file__).with_name("reference_bots.py")),
                   self.env["BOT_KIND"], str(self.port), self.env["API_BASE"]]  # fmt: skip
        if "FLOOR_DSN" in self.env:
            command.append(self.env["FLOOR_DSN"])
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


# --------------------------------------------------------------------------- the bloc


def bloc_file(units: int, year: int) -> dict[str, Any]:
    """`units` units (DV001 leading), 20 items of 5 points, the annual window open all year."""
    codes = [f"DV{n:03d}" for n in range(1, units + 1)]
    items = [{"code": str(n), "title": f"Tiêu chí {n}", "max": 5} for n in range(1, ITEMS + 1)]
    return {
        "bloc": {"code": BLOC, "name": "Khối thi đua đo tốc độ", "province": "Trà Vinh",
                 "year": year, "leader": codes[0], "deputy": codes[1]},
        "units": [{"code": c, "name": f"Đơn vị số {c[2:]}", "short_name": f"ĐV {c[2:]}"}
                  for c in codes],
        "criteria": {"scale": 5 * ITEMS, "sections": [{"code": "I", "title": "Nhiệm vụ",
                                                       "items": items}]},
        "calendar": {"annual_window": {"opens": "01-01", "closes": "12-31"}},
    }  # fmt: skip


@dataclass(frozen=True)
class Officer:
    user_id: int
    unit_code: str
    name: str


async def seed(url: str, officers: int) -> tuple[list[Officer], dict[str, str]]:
    """Migrate and fill: the bloc, its leader joined, the group bound, the year's cycle
    events taken (their notices dropped: no window notice competes with the workload)."""
    from sqlalchemy import update

    from bot.runtime import build_runtime
    from bot.settings import Settings
    from db.models import OutboxMessageRow
    from domain.bloc_spec import parse_bloc_spec
    from domain.model import Channel
    from domain.services import cycle, groups, importer, invites, members
    from domain.settings import LOCAL_TZ

    settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
    runtime = await build_runtime(settings)
    try:
        now = runtime.clock.now()
        await runtime.app.codec()  # the signing key made first: notices below sign buttons
        async with runtime.uow() as uow:
            spec = parse_bloc_spec(bloc_file(officers, now.astimezone(LOCAL_TZ).year))
            await importer.import_bloc(uow, spec, now)
            items = await invites.ensure_unit_invites(uow, spec.code, now, 60)
            await uow.commit()
        codes = {item.unit.code: item.invitation.code for item in items}
        people = [
            Officer(FIRST_USER + n, code, f"Cán bộ {code}") for n, code in enumerate(sorted(codes))
        ]
        leader = people[0]
        await join_officers(runtime, [(leader.user_id, leader.name, codes[leader.unit_code])], now)
        async with runtime.uow() as uow:
            identity = await uow.people.identity(Channel.TELEGRAM, str(leader.user_id))
            assert identity is not None and identity.officer_id is not None
            officer = await uow.people.officer(identity.officer_id)
            member = await members.membership(uow, officer, Channel.TELEGRAM)
            await groups.bind_group(
                uow, member, Channel.TELEGRAM, str(GROUP), GROUP_TITLE, True, now
            )
            await cycle.run_due(uow, now, runtime.app.notices)
            await uow.commit()
        async with runtime.engine.begin() as connection:
            await connection.execute(update(OutboxMessageRow).values(status="expired"))
    finally:
        await runtime.close()
    return people, codes


async def open_ballot_and_join(url: str, people: list[Officer], codes: dict[str, str]) -> str:
    """An open (not secret) flag ballot, then everyone joins; the signed «Đồng ý» data."""
    from dataclasses import replace

    from bot.request import Action
    from bot.runtime import build_runtime
    from bot.settings import Settings
    from domain.ballots import BallotKind, Candidate
    from domain.model import Channel
    from domain.services import ballots, members

    settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
    runtime = await build_runtime(settings, migrate=False)
    try:
        now = runtime.clock.now()
        leader = people[0]
        codec = await runtime.app.codec()  # loaded outside the transaction (SQLite: one writer)
        async with runtime.uow() as uow:
            identity = await uow.people.identity(Channel.TELEGRAM, str(leader.user_id))
            assert identity is not None and identity.officer_id is not None
            member = await members.membership(
                uow, await uow.people.officer(identity.officer_id), Channel.TELEGRAM
            )
            assert member.bloc.id is not None
            unit = next(u for u in await uow.blocs.units(member.bloc.id) if u.code == "DV002")
            draft = await ballots.draft(uow, member, BallotKind.FLAG, now)
            draft = replace(draft, candidates=(Candidate(unit.name, unit.id),), quota=1,
                            secret=False)  # fmt: skip
            opened = await ballots.open_ballot(uow, member, draft, now, runtime.app.notices)
            await uow.commit()
        # Joined after the opening: no ballot paper to each of them in the outbox.
        await join_officers(
            runtime, [(p.user_id, p.name, codes[p.unit_code]) for p in people[1:]], now
        )
        return codec.encode(Action("bs", (str(opened.id), "1")))
    finally:
        await runtime.close()


# ----------------------------------------------------------------------------- driving


@dataclass
class Target:
    """Where updates go: the workers' base URLs, taken in turn."""

    urls: list[str]
    turn: int = 0

    def next(self) -> str:
        self.turn += 1
        return self.urls[self.turn % len(self.urls)]


@dataclass
class Tally:
    statuses: Counter[int | None]
    elapsed: float
    updates: int

    @property
    def rate(self) -> float:
        return self.updates / self.elapsed


async def drive(
    server: ServerThread,
    target: Target,
    people: list[Officer],
    vote: tuple[int, str],  # the group message pressed, and the data of its button
    updates: int,
    concurrency: int,
) -> Tally:
    """`concurrency` officers at once, each playing its scripts in order."""
    scripts = math.ceil(updates / SCRIPT_LENGTH)
    statuses: Counter[int | None] = Counter()
    sent = 0
    http = client(concurrency * 2)

    async def post(update: dict[str, Any]) -> None:
        nonlocal sent
        statuses[await post_update(http, target.next(), update)] += 1
        sent += 1

    async def say(officer: Officer, text: str) -> None:
        await post(await server.message(officer.user_id, officer.user_id, text, name=officer.name))

    async def section_press(officer: Officer) -> None:
        def find(fake: Any) -> tuple[int, str]:
            for message in reversed(fake.sent_messages(officer.user_id)):
                for row in (message.reply_markup or {}).get("inline_keyboard", []):
                    for button in row:
                        if str(button["text"]).startswith("Phần I "):
                            return message.message_id, str(button["callback_data"])
            last = fake.last_sent(officer.user_id)  # the echo bot: its echo, any data
            return last.message_id, "noop"

        message_id, data = await server.call(find)
        await post(await server.press(officer.user_id, officer.user_id, message_id, data,
                                      name=officer.name))  # fmt: skip

    async def script(officer: Officer) -> None:
        for text in ("/menu", "/khoi", "/viec", "/chamdiem"):
            await say(officer, text)
        await section_press(officer)
        for score in SCORES:
            await say(officer, score)
        await post(await server.press(GROUP, officer.user_id, vote[0], vote[1], name=officer.name))

    async def lane(index: int) -> None:
        mine = people[index::concurrency]
        for n in range(index, scripts, concurrency):
            await script(mine[(n // concurrency) % len(mine)])

    try:
        start = time.perf_counter()
        await asyncio.gather(*(lane(i) for i in range(min(concurrency, scripts))))
        elapsed = time.perf_counter() - start
    finally:
        await http.close()
    return Tally(statuses, elapsed, sent)


# ------------------------------------------------------------------------------ setups


async def full_bot(
    label: str, server: ServerThread, url: str, workers: int, args: argparse.Namespace,
    logs: Path,
) -> Tally:  # fmt: skip
    officers = max(2 * args.concurrency, math.ceil(args.updates / SCRIPT_LENGTH / 3))
    people, codes = await seed(url, officers)
    # Several workers share the send rate through Redis, as docs/deploy.md sets them up.
    cluster = Workers(url, server.base_url, logs, redis_url=args.redis_url)
    try:
        async with client() as http:
            for _ in range(workers):
                cluster.add()
            await asyncio.gather(*(w.wait_healthy(http) for w in cluster.workers))
        yes = await open_ballot_and_join(url, people, codes)
        post = await server.wait_message(GROUP, lambda m: yes in str(m.reply_markup), 60)
        target = Target([w.url for w in cluster.workers])
        tally = await drive(server, target, people, (post.message_id, yes), args.updates,
                            args.concurrency)  # fmt: skip
        async with client() as http:
            handled, seconds = await handler_time(http, cluster.workers)
    finally:
        cluster.stop_all()
    entries, voters = await stored(url)
    report(label, tally)
    print(
        f"{'':<38} stored: {entries} scores, {voters} votes; handler time"
        f" {1000 * seconds / max(handled, 1):.0f} ms an update on average",
        flush=True,
    )
    return tally


async def handler_time(http: Any, workers: list[Worker]) -> tuple[float, float]:
    """Updates handled and the seconds spent in handlers, summed over the workers'
    /metrics."""
    count = total = 0.0
    for worker in workers:
        async with http.get(f"{worker.url}/metrics") as response:
            text = await response.text()
        for line in text.splitlines():
            name, _, value = line.rpartition(" ")
            if name == 'thidua_update_handler_seconds_count{channel="telegram"}':
                count += float(value)
            elif name == 'thidua_update_handler_seconds_sum{channel="telegram"}':
                total += float(value)
    return count, total


async def stored(url: str) -> tuple[int, int]:
    """Score entries with points, and units that voted: the workload did its work."""
    from sqlalchemy import text

    from db.engine import create_engine

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            entries = await connection.scalar(
                text("SELECT count(*) FROM score_entries WHERE points IS NOT NULL")
            )
            voters = await connection.scalar(text("SELECT count(*) FROM ballot_voters"))
    finally:
        await engine.dispose()
    return int(entries or 0), int(voters or 0)


async def reference(
    kind: str, label: str, server: ServerThread, args: argparse.Namespace, logs: Path,
    floor_dsn: str | None = None,
) -> Tally:  # fmt: skip
    env = dict(os.environ, API_BASE=server.base_url, BOT_KIND=kind)
    if floor_dsn is not None:
        env["FLOOR_DSN"] = floor_dsn
    process = ReferenceBot(free_port(), env, logs / f"{kind}.log")
    process.start()
    try:
        async with client() as http:
            await process.wait_healthy(http)
            officers = max(2 * args.concurrency, math.ceil(args.updates / SCRIPT_LENGTH / 3))
            people = [Officer(FIRST_USER + n, f"E{n}", f"Cán bộ E{n}") for n in range(officers)]
            start = f"bắt đầu ({kind})"
            said = await server.message(GROUP, people[0].user_id, start, chat_type="supergroup",
                                        title=GROUP_TITLE)  # fmt: skip
            assert await post_update(http, process.url, said) == 200
        echoed = await server.wait_message(GROUP, lambda m: m.text == start, 10)
        target = Target([process.url])
        tally = await drive(server, target, people, (echoed.message_id, "noop"), args.updates,
                            args.concurrency)  # fmt: skip
    finally:
        process.stop()
    report(label, tally)
    return tally


def report(label: str, tally: Tally) -> None:
    bad = {status: n for status, n in tally.statuses.items() if status != 200}
    problems = f"; NOT 200: {bad}" if bad else ""
    print(f"{label:<38} {tally.updates:>6} updates in {tally.elapsed:6.1f} s = "
          f"{tally.rate:7.1f} updates/s{problems}", flush=True)  # fmt: skip


async def run(args: argparse.Namespace) -> None:
    results: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory() as folder, ServerThread() as server:
        logs = Path(folder)
        print(
            f"{args.updates} updates, {args.concurrency} in flight; {os.cpu_count()} CPUs;"
            " the fake Bot API on a thread of this process",
            flush=True,
        )
        results["echo"] = await reference("echo", ECHO, server, args, logs)
        sqlite = f"sqlite+aiosqlite:///{logs / 'bench.db'}"
        results["sqlite-1"] = await full_bot("full bot, 1 worker, SQLite", server, sqlite, 1,
                                             args, logs)  # fmt: skip
        problem = None if not args.skip_postgres else "skipped"
        problem = problem or await postgres_problem(args.postgres_url)
        if problem is None:
            async with fresh_database(args.postgres_url) as url:
                dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
                results["floor"] = await reference("floor", FLOOR, server, args, logs, dsn)
            async with fresh_database(args.postgres_url) as url:
                dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
                results["floor-sqlalchemy"] = await reference(
                    "floor-sqlalchemy", FLOOR_SQLALCHEMY, server, args, logs, dsn
                )
            for workers in (1, 3):
                async with fresh_database(args.postgres_url) as url:
                    label = f"full bot, {workers} worker{'s' * (workers > 1)}, PostgreSQL"
                    results[f"pg-{workers}"] = await full_bot(label, server, url, workers,
                                                              args, logs)  # fmt: skip
        else:
            print(f"PostgreSQL: {problem}")
    base = results["echo"].rate
    print(f"\nshare of the bare echo bot's rate (the old goal, ≥ {GOAL_SHARE:.0%}):")
    for key, label in (("sqlite-1", "1 worker, SQLite"), ("pg-1", "1 worker, PostgreSQL"),
                       ("pg-3", "3 workers, PostgreSQL"), ("floor", FLOOR),
                       ("floor-sqlalchemy", FLOOR_SQLALCHEMY)):  # fmt: skip
        if key in results:
            print(f"  {label:<38} {results[key].rate / base:6.1%}")
    if "floor-sqlalchemy" not in results:
        return
    floor = results["floor-sqlalchemy"].rate
    print("share of the SQLAlchemy Core floor's rate on PostgreSQL, in this run:")
    for key, label, goal in (("pg-1", "1 worker, PostgreSQL", FLOOR_GOAL),
                             ("pg-3", "3 workers, PostgreSQL", None),
                             ("sqlite-1", "1 worker, SQLite", SQLITE_FLOOR_GOAL)):  # fmt: skip
        share = results[key].rate / floor
        met = "ok" if goal is not None and share >= goal else "NOT MET"
        mark = "" if goal is None else f" (goal ≥ {goal:.0%}: {met})"
        print(f"  {label:<38} {share:6.1%}{mark}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
