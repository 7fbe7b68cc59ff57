"""Production mode with several workers: three real `python main.py run --webhook` processes on
one PostgreSQL database, the fake Bot API server answering them from a thread of this process.

A 100-unit bloc (year 2022; one officer a unit, on Telegram) with its group bound and a
secret flag ballot open. Updates are POSTed to the workers' webhooks as Telegram would post
them, spread over the workers:

a. a burst of /khoi and /viec, some delivered to two workers at once: each handled once;
b. the worker running the scheduler killed with SIGKILL: another takes the lock within a
   minute and closes, once, a ballot whose time passes after the kill;
c. a worker killed in the middle of a burst of vote presses; what did not get its 200 is
   posted again to a live worker (as Telegram retries): every acknowledged vote is stored,
   no unit counted twice;
d. PostgreSQL restarting (a relay in front of it cuts every connection, then refuses new
   ones for a few seconds): the worker behind it says 503 on /healthz meanwhile, then
   reconnects by itself, and the update it could not handle is handled once when posted
   again.

PostgreSQL only (TEST_POSTGRES_URL; skipped when unreachable); a fresh database each run,
dropped afterwards. The workers' logs are kept under pytest's tmp_path for a failing run."""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bot.request import Action
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from db.models import AuditRow, BallotRow, OutboxMessageRow, ProcessedUpdateRow
from domain.ballots import BallotKind, BallotStatus, Candidate
from domain.model import Channel
from domain.services import ballots, members
from tests.channels.ballot_support import bloc_data, import_bloc
from tests.conftest import POSTGRES_URL
from tests.e2e.workers_support import (
    HOST,
    ServerThread,
    Worker,
    Workers,
    client,
    fresh_database,
    join_officers,
    post_update,
    postgres_problem,
)
from tests.fakes.tcp_relay import TcpRelay
from tests.fakes.telegram_server import StoredMessage

pytestmark = pytest.mark.asyncio(loop_scope="module")

UNITS = 100
BLOC = "khoi-nhieu-tien-trinh"
YEAR = 2022  # its cycle is over: no window notices from the scheduler meanwhile
GROUP = -1009000000001
GROUP_TITLE = "Khối thi đua (nhiều tiến trình)"
FIRST_USER = 20_000
IN_FLIGHT = 32  # requests in flight at once, as Telegram's max_connections would allow
TAKEOVER = 60.0  # seconds: the bound for another worker to take the scheduler
SETTLE = 60.0  # seconds: bounds every other wait; a passing one ends sooner
RECEIPT = re.compile(r"Mã biên nhận: \w{3}-\w{3}\.")
ALREADY_VOTED = "đã bỏ phiếu rồi"
RESULT = "KẾT QUẢ"


@dataclass(frozen=True)
class Officer:
    user_id: int
    unit_code: str
    name: str


@dataclass
class Cluster:
    runtime: Runtime  # this process's view of the workers' database
    server: ServerThread
    workers: Workers
    http: aiohttp.ClientSession
    officers: list[Officer]
    unit_ids: dict[str, int]
    vote_ballot: int
    group_post: StoredMessage
    yes: str  # the signed "bs:<ballot>:1:ok" of the open ballot: a confirmed secret vote

    @property
    def leader(self) -> Officer:
        return self.officers[0]


async def settle(condition: Any, what: str, timeout: float = SETTLE) -> None:  # noqa: ASYNC109
    """Poll `condition()` (async) until true, at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f} s")
        await asyncio.sleep(0.2)


async def post_all(
    http: aiohttp.ClientSession, jobs: list[tuple[Worker, dict[str, Any]]]
) -> list[int | None]:
    """Each update POSTed to its worker, IN_FLIGHT at a time; each one's status."""
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def one(worker: Worker, update: dict[str, Any]) -> int | None:
        async with gate:
            return await post_update(http, worker.url, update)

    return list(await asyncio.gather(*(one(worker, update) for worker, update in jobs)))


async def open_flag(
    runtime: Runtime, leader: Officer, candidate: str, closes_at: datetime | None = None
) -> int:
    """A secret flag ballot for one unit, opened by the leader through the domain service
    (its notices go to the outbox, which the workers send)."""
    now = runtime.clock.now()
    async with runtime.uow() as uow:
        identity = await uow.people.identity(Channel.TELEGRAM, str(leader.user_id))
        assert identity is not None and identity.officer_id is not None
        officer = await uow.people.officer(identity.officer_id)
        member = await members.membership(uow, officer, Channel.TELEGRAM)
        assert member.bloc.id is not None
        unit = next(u for u in await uow.blocs.units(member.bloc.id) if u.code == candidate)
        draft = await ballots.draft(uow, member, BallotKind.FLAG, now)
        draft = replace(
            draft, candidates=(Candidate(unit.name, unit.id),), quota=1, secret=True,
            closes_at=closes_at or draft.closes_at,
        )  # fmt: skip
        opened = await ballots.open_ballot(uow, member, draft, now, runtime.app.notices)
        await uow.commit()
    assert opened.id is not None
    return opened.id


async def pending_outbox(runtime: Runtime) -> int:
    async with runtime.uow() as uow:
        return await uow.outbox.pending_count()


async def leaders(cluster: Cluster) -> list[Worker]:
    answers = await asyncio.gather(*(w.leads(cluster.http) for w in cluster.workers.live))
    return [w for w, leads in zip(cluster.workers.live, answers, strict=True) if leads]


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def cluster(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Cluster]:
    problem = await postgres_problem(POSTGRES_URL)
    if problem is not None:
        pytest.skip(problem)
    started = time.monotonic()
    logs = tmp_path_factory.mktemp("workers")
    async with fresh_database(POSTGRES_URL) as url:
        settings = Settings(
            database_url=url, telegram_bot_token=None, zalo_bot_token=None, _env_file=None
        )  # type: ignore[call-arg]
        runtime = await build_runtime(settings)  # migrated here once, as `main.py migrate`
        server = ServerThread()
        # With Redis as deployed: where it does not answer, each worker paces itself.
        redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
        workers = Workers(url, "", logs, redis_url=redis_url)
        try:
            now = runtime.clock.now()
            codes = await import_bloc(runtime, bloc_data(UNITS, BLOC, YEAR), now)
            officers = [
                Officer(FIRST_USER + n, code, f"Cán bộ {code}")
                for n, code in enumerate(sorted(codes))
            ]
            leader = officers[0]
            await join_officers(runtime, [(leader.user_id, leader.name, codes["DV001"])], now)
            async with runtime.uow() as uow:
                bloc = await uow.blocs.by_code(BLOC)
                assert bloc is not None and bloc.id is not None
                unit_ids = {u.code: u.id for u in await uow.blocs.units(bloc.id) if u.id}

            server.start()
            workers.api_base = server.base_url
            http = client()
            try:
                for _ in range(3):
                    workers.add()
                await asyncio.gather(*(w.wait_healthy(http) for w in workers.workers))

                # The leader binds the group, through a worker.
                bind = await server.message(
                    GROUP, leader.user_id, "/lienket", chat_type="supergroup",
                    title=GROUP_TITLE, name=leader.name,
                )  # fmt: skip
                assert await post_update(http, workers.workers[0].url, bind) == 200
                # The ballot the presses of test c vote in, opened before the others join
                # (no paper to each of them): its post in the group comes from the outbox.
                vote_ballot = await open_flag(runtime, leader, "DV002")
                codec = await runtime.app.codec()
                agree = codec.encode(Action("bs", (str(vote_ballot), "1")))
                post = await server.wait_message(
                    GROUP, lambda m: agree in str(m.reply_markup), timeout=SETTLE
                )
                # The confirmed choice, as "✅ Gửi phiếu" sends it: the post's own button
                # only asks the presser, privately, to confirm a secret vote.
                yes = codec.encode(Action("bs", (str(vote_ballot), "1", "ok")))
                # The other 99 officers join with /start <code>, spread over the workers.
                starts = [
                    (
                        workers.workers[n % 3],
                        await server.message(o.user_id, o.user_id, f"/start {codes[o.unit_code]}",
                                             name=o.name),
                    )
                    for n, o in enumerate(officers[1:])
                ]  # fmt: skip
                assert set(await post_all(http, starts)) == {200}
                welcomed = {chat for chat, text in await server.sent_texts() if "Chào" in text}
                assert welcomed >= {o.user_id for o in officers[1:]}
                print(f"\nsetup: {time.monotonic() - started:.1f} s (3 workers, {UNITS} officers)")
                yield Cluster(
                    runtime, server, workers, http, officers, unit_ids, vote_ballot, post, yes
                )
            finally:
                await http.close()
        finally:
            workers.stop_all()
            server.stop()
            await runtime.close()


# ------------------------------------------------------------------------------------ a


async def test_a_burst_spread_over_workers_is_handled_once_each(cluster: Cluster) -> None:
    server, live = cluster.server, cluster.workers.live
    assert len(live) == 3
    since = await server.calls_count()
    # 300 updates: each officer /khoi, /viec, /khoi; every fifth also to the next worker.
    updates = [
        await server.message(o.user_id, o.user_id, text, name=o.name)
        for text in ("/khoi", "/viec", "/khoi")
        for o in cluster.officers
    ]
    jobs = [(live[n % 3], update) for n, update in enumerate(updates)]
    doubled = [(live[(n + 1) % 3], update) for n, update in enumerate(updates) if n % 5 == 0]
    assert len(doubled) == 60
    # Each doubled update goes to its two workers side by side in the burst.
    burst: list[tuple[Worker, dict[str, Any]]] = []
    for n, job in enumerate(jobs):
        burst.append(job)
        if n % 5 == 0:
            burst.append(doubled[n // 5])
    start = time.monotonic()
    statuses = await post_all(cluster.http, burst)
    elapsed = time.monotonic() - start
    assert Counter(statuses) == {200: len(burst)}

    # Handled once each: one overview (🏢) per /khoi, one task list (📋) per /viec, in
    # every officer's chat — a duplicate handled again would have answered again.
    replies = Counter(
        (chat, text[:1]) for chat, text in await server.sent_texts(since) if text[:1] in "🏢📋"
    )
    for officer in cluster.officers:
        assert replies[(officer.user_id, "🏢")] == 2, officer
        assert replies[(officer.user_id, "📋")] == 1, officer
    keys = [str(update["update_id"]) for update in updates]
    async with cluster.runtime.engine.connect() as connection:
        recorded = await connection.scalar(
            select(func.count())
            .select_from(ProcessedUpdateRow)
            .where(
                ProcessedUpdateRow.channel == "telegram", ProcessedUpdateRow.update_key.in_(keys)
            )
        )
    assert recorded == len(updates)
    print(f"\na: {len(burst)} requests ({len(updates)} updates, 60 twice) in {elapsed:.1f} s")


# ------------------------------------------------------------------------------------ b


async def test_b_the_scheduler_passes_on_when_its_worker_is_killed(cluster: Cluster) -> None:
    runtime, http = cluster.runtime, cluster.http
    holders: list[Worker] = []

    async def one_leader() -> bool:
        nonlocal holders
        holders = await leaders(cluster)
        assert len(holders) <= 1, f"two workers run the scheduler: {holders}"
        return len(holders) == 1

    await settle(one_leader, "one worker reports the scheduler")
    [holder] = holders

    # A ballot that closes 20 s from now; its opening notices sent before the kill, so the
    # killed worker holds no claim on the chats checked below.
    closes_at = runtime.clock.now() + timedelta(seconds=20)
    ballot_id = await open_flag(runtime, cluster.leader, "DV003", closes_at)

    async def drained() -> bool:
        return await pending_outbox(runtime) == 0

    await settle(drained, "the ballot's opening notices sent", timeout=15)
    killed_at = runtime.clock.now()
    holder.kill()
    assert killed_at < closes_at, "the close must fall after the kill"
    kill_clock = time.monotonic()

    await settle(one_leader, "another worker takes the scheduler", timeout=TAKEOVER)
    takeover = time.monotonic() - kill_clock
    [successor] = holders
    assert successor is not holder and successor.alive
    replacement = cluster.workers.restart(holder)  # as the process supervisor would

    async def closed() -> bool:
        async with runtime.uow() as uow:
            ballot = await uow.ballots.get(ballot_id)
        return ballot is not None and ballot.status is BallotStatus.CLOSED

    await settle(closed, "the ballot closed by the new scheduler")
    closed_after = time.monotonic() - kill_clock
    await settle(drained, "the results sent")
    await replacement.wait_healthy(http)
    assert len(await leaders(cluster)) == 1  # the new process did not take it as well

    # Fired once: one close in the audit log, one result queued and sent to each chat.
    async with runtime.engine.connect() as connection:
        closes = await connection.scalar(
            select(func.count())
            .select_from(AuditRow)
            .where(AuditRow.action == "ballot.closed", AuditRow.entity_id == str(ballot_id))
        )
        rows = (
            await connection.execute(
                select(OutboxMessageRow.chat_id, OutboxMessageRow.status).where(
                    OutboxMessageRow.payload["text"].as_string().startswith(RESULT)
                )
            )
        ).all()
        stored = await connection.scalar(
            select(BallotRow.closed_at).where(BallotRow.id == ballot_id)
        )
    assert closes == 1
    recipients = Counter(chat for chat, _ in rows)
    expected = {str(GROUP)} | {str(o.user_id) for o in cluster.officers}
    assert set(recipients) == expected and set(recipients.values()) == {1}
    assert {status for _, status in rows} == {"sent"}
    sent = Counter(
        chat for chat, text in await cluster.server.sent_texts() if text.startswith(RESULT)
    )
    assert set(sent) == {int(chat) for chat in expected} and set(sent.values()) == {1}
    assert stored is not None
    print(
        f"\nb: scheduler taken over {takeover:.1f} s after the kill; ballot closed"
        f" {closed_after:.1f} s after it; results to {len(recipients)} chats, once each"
    )


# ------------------------------------------------------------------------------------ c


async def told(server: ServerThread, presses: list[dict[str, Any]], since: int) -> dict[int, str]:
    """Update id → what the presser was told: the answer to the press, or, for a press
    answered before a slow worker finished with it, the message sent to them instead."""
    answers = await server.answers()
    messages = await server.sent_texts(since)
    said = {}
    for press in presses:
        query = press["callback_query"]
        user = int(query["from"]["id"])
        late = " ".join(text for chat, text in messages if chat == user)
        said[int(press["update_id"])] = answers.get(query["id"]) or late
    return said


async def test_c_no_acknowledged_vote_is_lost_when_a_worker_dies(cluster: Cluster) -> None:
    server, http, post = cluster.server, cluster.http, cluster.group_post
    live = cluster.workers.live
    assert len(live) == 3
    victim = live[1]
    mark = await server.calls_count()
    presses = [
        await server.press(GROUP, o.user_id, post.message_id, cluster.yes, name=o.name)
        for o in cluster.officers
    ]
    query = {p["update_id"]: p["callback_query"]["id"] for p in presses}
    target = {p["update_id"]: live[n % 3] for n, p in enumerate(presses)}
    unit_of = {
        p["update_id"]: cluster.unit_ids[o.unit_code]
        for p, o in zip(presses, cluster.officers, strict=True)
    }

    # The burst; the victim killed once a third of the presses have their 200.
    gate = asyncio.Semaphore(IN_FLIGHT)
    done = 0
    at_victim_when_killed: set[int] = set()
    in_flight: set[int] = set()
    killed = asyncio.Event()

    async def one(update: dict[str, Any]) -> int | None:
        nonlocal done
        update_id = update["update_id"]
        async with gate:
            worker = target[update_id]
            if killed.is_set() and not worker.alive:
                return None  # connection refused, as Telegram would see it
            in_flight.add(update_id)
            status = await post_update(http, worker.url, update)
            in_flight.discard(update_id)
        if status == 200:
            done += 1
            if done == len(presses) // 3 and not killed.is_set():
                at_victim_when_killed.update(u for u in in_flight if target[u] is victim)
                victim.kill()
                killed.set()
        return status

    start = time.monotonic()
    first = await asyncio.gather(*(one(p) for p in presses))
    assert killed.is_set() and not victim.alive
    # What did not get its 200 is delivered again, to a live worker, until it does.
    survivors = [w for w in live if w.alive]
    retried = [p for p, status in zip(presses, first, strict=True) if status != 200]
    for attempt in range(5):
        statuses = await post_all(
            http, [(survivors[(n + attempt) % 2], p) for n, p in enumerate(retried)]
        )
        retried = [p for p, status in zip(retried, statuses, strict=True) if status != 200]
        if not retried:
            break
    assert retried == [], "some presses never got a 200"
    burst = time.monotonic() - start
    failed_first = sum(status != 200 for status in first)

    said = await told(server, presses, mark)
    acknowledged = {unit_of[u] for u in query if RECEIPT.search(said[u])}

    async def stored() -> tuple[set[int], int]:
        async with cluster.runtime.uow() as uow:
            voters = set(await uow.ballots.voted_units(cluster.vote_ballot))
            papers = len(await uow.ballots.votes(cluster.vote_ballot))
        return voters, papers

    voters, papers = await stored()
    assert acknowledged <= voters, "a vote acknowledged with a receipt was lost"
    assert papers == len(voters), "a unit counted twice"
    # A vote stored without its receipt: only a press the victim was handling when killed
    # (committed, then killed before answering; the retry is recognised as handled).
    unanswered = voters - acknowledged
    assert unanswered <= {unit_of[u] for u in at_victim_when_killed}

    # Those officers press again (a new update, as a person would): told they have voted.
    pressers = [o for o in cluster.officers if cluster.unit_ids[o.unit_code] not in acknowledged]
    again = [
        await server.press(GROUP, o.user_id, post.message_id, cluster.yes, name=o.name)
        for o in pressers
    ]
    mark = await server.calls_count()
    statuses = await post_all(http, [(survivors[n % 2], p) for n, p in enumerate(again)])
    assert set(statuses) <= {200}
    said = await told(server, again, mark)
    second = {
        cluster.unit_ids[o.unit_code]: said[p["update_id"]]
        for o, p in zip(pressers, again, strict=True)
    }
    already = {unit for unit, answer in second.items() if ALREADY_VOTED in answer}
    late = {unit for unit, answer in second.items() if RECEIPT.search(answer)}
    assert already | late == set(second), second
    assert already == unanswered
    voters, papers = await stored()
    assert voters == acknowledged | late | already == set(cluster.unit_ids.values())
    assert papers == len(voters) == UNITS

    async with cluster.runtime.engine.connect() as connection:
        stranded = await connection.scalar(
            select(func.count())
            .select_from(OutboxMessageRow)
            .where(
                OutboxMessageRow.status == "pending",
                OutboxMessageRow.claimed_by.like(f"%:{victim.pid}:%"),
            )
        )
    print(
        f"\nc: {len(presses)} presses in {burst:.1f} s; worker killed with"
        f" {len(at_victim_when_killed)} of its presses in flight; {failed_first} retried;"
        f" {len(unanswered)} stored before the kill without a receipt (told 'already voted'"
        f" on pressing again); outbox rows left claimed by the dead worker: {stranded}"
    )


# ------------------------------------------------------------------------------------ d


async def health_of(http: aiohttp.ClientSession, worker: Worker) -> tuple[int, dict[str, Any]]:
    async with asyncio.timeout(10), http.get(f"{worker.url}/healthz") as response:
        return response.status, await response.json()


async def test_d_a_database_restart_is_reported_and_survived(cluster: Cluster) -> None:
    """A fourth worker reaches PostgreSQL through a relay that cuts every connection and
    refuses new ones for a while, as a restart does: /healthz says 503 meanwhile, an update
    gets no 200 (Telegram keeps it), and once the database is back the worker reconnects by
    itself, says 200, and handles the kept update once."""
    server, http = cluster.server, cluster.http
    target = make_url(cluster.workers.database_url)
    proxy = TcpRelay(target.host or HOST, target.port or 5432)
    await proxy.start()
    relayed = target.set(host=HOST, port=proxy.port).render_as_string(hide_password=False)
    worker = cluster.workers.add(database_url=relayed)
    officer = cluster.officers[7]
    try:
        await worker.wait_healthy(http)
        hello = await server.message(officer.user_id, officer.user_id, "/khoi", name=officer.name)
        assert await post_update(http, worker.url, hello) == 200

        proxy.cut()
        status, body = await health_of(http, worker)
        assert status == 503 and body["database"] is False, body
        kept = await server.message(officer.user_id, officer.user_id, "/viec", name=officer.name)
        assert await post_update(http, worker.url, kept) != 200
        before = len(await server.call(lambda fake: fake.sent_messages(officer.user_id)))

        down_for = 3.0
        await asyncio.sleep(down_for)
        proxy.restore()
        back = time.monotonic()

        async def healthy() -> bool:
            return (await health_of(http, worker))[0] == 200

        await settle(healthy, "/healthz back to 200", timeout=30)
        statuses = [await post_update(http, worker.url, kept)]
        while statuses[-1] != 200 and time.monotonic() - back < 30:  # as Telegram retries
            await asyncio.sleep(0.5)
            statuses.append(await post_update(http, worker.url, kept))
        assert statuses[-1] == 200, statuses
        assert await post_update(http, worker.url, kept) == 200  # once more: a duplicate

        async def replies() -> list[StoredMessage]:
            sent = await server.call(lambda fake: fake.sent_messages(officer.user_id))
            return list(sent[before:])

        await settle(lambda: _some(replies), "the kept update's answer")
        answered = await replies()
        assert len(answered) == 1, [m.text for m in answered]
        async with cluster.runtime.uow() as uow:
            assert await uow.updates.seen(Channel.TELEGRAM.value, str(kept["update_id"]))
        assert worker.alive
        print(
            f"\nd. database down {down_for:.0f} s: /healthz 503 meanwhile; back to 200"
            f" {time.monotonic() - back:.1f} s after; the kept update handled once"
            f" (posted {len(statuses)} time(s) until 200)"
        )
    finally:
        worker.stop()
        await proxy.close()


async def _some(replies: Any) -> bool:
    return bool(await replies())
