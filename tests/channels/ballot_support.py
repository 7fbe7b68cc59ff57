"""What the ballot tests and the ballot bench share: the Telegram channel long polling the fake
Bot API with the outbox dispatcher beside it (its Telegram sender), group chats, a database
on SQLite or in a fresh PostgreSQL schema, a published ranking written straight to the
database, and blocs of any size built in code."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from aiogram import Bot
from sqlalchemy import ColumnElement, event, or_, select, text
from sqlalchemy.engine import make_url

from bot import command_menus
from bot import dispatcher as outbox_dispatcher
from bot.app import BotApp
from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_session import make_bot
from bot.context import BotConfig, BotUnitOfWork
from bot.dispatcher import OutboxDispatcher, link_maker
from bot.request import Action
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from db.engine import create_engine, session_factory
from db.migrate import upgrade
from db.models import OutboxMessageRow
from db.uow import SqlUnitOfWork
from domain.ballots import Ballot, BallotKind, Candidate
from domain.bloc_spec import parse_bloc_spec
from domain.model import Channel
from domain.ports import Clock
from domain.services import ballots, importer, invites, members
from domain.services.members import Membership
from domain.sheets import Entry, EntryKind, ScoreSheet, SheetStatus
from domain.summary import Cycle
from tests.channels.test_scoring_telegram import TOKEN, Harness, Person
from tests.fakes.clock import FakeClock
from tests.fakes.telegram_server import FakeTelegramServer, RecordedCall, StoredMessage
from tests.samples import sealer

SETTLE = 60.0  # seconds: bounds a wave of hundreds of updates; a passing wait ends sooner


@dataclass(frozen=True)
class Group:
    chat_id: int
    title: str
    chat_type: str = "supergroup"


# ------------------------------------------------------------------------------ the database


@contextlib.asynccontextmanager
async def database(url: str, clock: Clock) -> AsyncIterator[Runtime]:
    """A migrated runtime on `url`; on PostgreSQL in a schema of its own, dropped after."""
    settings = Settings(
        database_url=url, telegram_bot_token=None, zalo_bot_token=None, _env_file=None
    )  # type: ignore[call-arg]
    if make_url(url).get_backend_name() != "postgresql":
        runtime = await build_runtime(settings, clock=clock)
        try:
            yield runtime
        finally:
            await runtime.close()
        return
    schema = f"ballots_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, connect_args={"server_settings": {"search_path": schema}})
    try:
        await upgrade(engine)
        sessions = session_factory(engine)

        def uow_factory() -> BotUnitOfWork:
            return SqlUnitOfWork(sessions, sealer())

        yield Runtime(settings, engine, clock, BotApp(uow_factory, clock, BotConfig()))
    finally:
        await engine.dispose()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def bloc_data(units: int, code: str = "khoi-lon", year: int = 2022) -> dict[str, Any]:
    """A bloc file's data with `units` units (DV001, DV002, ...), DV001 leading."""
    codes = [f"DV{n:03d}" for n in range(1, units + 1)]
    item = {"code": "1", "title": "Hoàn thành nhiệm vụ", "max": 100}
    return {
        "bloc": {"code": code, "name": "Khối thi đua thử tải", "province": "Trà Vinh",
                 "year": year, "leader": codes[0], "deputy": codes[1]},
        "units": [{"code": c, "name": f"Đơn vị số {c[2:]}", "short_name": f"ĐV {c[2:]}"}
                  for c in codes],
        "criteria": {"scale": 100, "sections": [{"code": "I", "title": "Nhiệm vụ",
                                                 "items": [item]}]},
    }  # fmt: skip


async def import_bloc(runtime: Runtime, data: dict[str, Any], now: datetime) -> dict[str, str]:
    """Import the bloc; unit code → a live invite code."""
    async with runtime.uow() as uow:
        spec = parse_bloc_spec(data)
        await importer.import_bloc(uow, spec, now)
        items = await invites.ensure_unit_invites(uow, spec.code, now, 60)
        await uow.commit()
    return {item.unit.code: item.invitation.code for item in items}


def unpaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each chat's messages leave as soon as they are due: how the dispatcher spaces them
    (on the business clock or on the loop's, whichever it uses) is its own tests' subject,
    and real seconds of spacing would only slow these down."""
    original = outbox_dispatcher.OutboxDispatcher.__init__

    def without_gaps(self: outbox_dispatcher.OutboxDispatcher, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **(kwargs | {"gaps": (0.0, 0.0)}))

    monkeypatch.setattr(outbox_dispatcher.OutboxDispatcher, "__init__", without_gaps)


def sqlite_busy_timeout(runtime: Runtime, milliseconds: int) -> None:
    """How long a transaction waits for SQLite's write lock before "database is locked",
    set on every checkout (the engine sets 5 s when it connects)."""
    if runtime.engine.dialect.name != "sqlite":
        return

    def checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={milliseconds}")
        cursor.close()

    event.listen(runtime.engine.sync_engine.pool, "checkout", checkout)


def checkouts(runtime: Runtime) -> asyncio.Event:
    """Set whenever a transaction takes a connection from the pool (just before it begins)."""
    taken = asyncio.Event()
    event.listen(runtime.engine.sync_engine.pool, "checkout", lambda *_: taken.set())
    return taken


async def publish_ranking(
    runtime: Runtime, bloc_code: str, year: int, finals: dict[str, Decimal], at: datetime
) -> None:
    """Each unit's annual sheet submitted with `finals` points (full marks less a shortfall
    on the first item) and the ranking published: what /chamdiem, /thamdinh and /xephang
    leave behind, written directly. The leader unit's officer must have joined."""
    async with runtime.uow() as uow:
        bloc = await uow.blocs.by_code(bloc_code)
        assert bloc is not None and bloc.id is not None
        found = await uow.blocs.year(bloc.id, year)
        assert found is not None and found.id is not None and found.criteria is not None
        table = found.criteria
        units = {unit.code: unit for unit in await uow.blocs.units(bloc.id)}
        [leader, *_] = await uow.people.officers_of_units([found.leader_unit_id])
        assert leader.id is not None
        items = [item for section in table.sections for item in section.items]
        for code, final in finals.items():
            unit_id = units[code].id
            assert unit_id is not None
            sheet = await uow.scores.save_sheet(
                ScoreSheet(found.id, unit_id, unit_id, Cycle.ANNUAL, SheetStatus.SUBMITTED,
                           submitted_at=at, submitted_by=leader.id)
            )  # fmt: skip
            assert sheet.id is not None
            shortfall = table.items_total - final
            for index, item in enumerate(items):
                points = item.max_points - (shortfall if index == 0 else 0)
                await uow.scores.save_entry(sheet.id, Entry(item.code, EntryKind.ITEM, points))
        await uow.scores.publish(found.id, Cycle.ANNUAL, at, leader.id)
        await uow.commit()


async def membership_of(uow: BotUnitOfWork, person: Person) -> Membership:
    """The place in its bloc of the officer `person` is on Telegram."""
    identity = await uow.people.identity(Channel.TELEGRAM, str(person.user_id))
    assert identity is not None and identity.officer_id is not None
    return await members.membership(
        uow, await uow.people.officer(identity.officer_id), Channel.TELEGRAM
    )


async def open_flag(runtime: Runtime, leader: Person, candidate_code: str) -> int:
    """A flag ballot for one unit, opened through the domain service by `leader`."""
    async with runtime.uow() as uow:
        member = await membership_of(uow, leader)
        assert member.bloc.id is not None
        unit = next(u for u in await uow.blocs.units(member.bloc.id) if u.code == candidate_code)
        draft = await ballots.draft(uow, member, BallotKind.FLAG, runtime.clock.now())
        draft = replace(draft, candidates=(Candidate(unit.name, unit.id),), quota=1)
        opened = await ballots.open_ballot(
            uow, member, draft, runtime.clock.now(), runtime.app.notices
        )
        await uow.commit()
    assert opened.id is not None
    return opened.id


async def ballots_of(runtime: Runtime, bloc_code: str) -> list[Ballot]:
    async with runtime.uow() as uow:
        bloc = await uow.blocs.by_code(bloc_code)
        assert bloc is not None and bloc.id is not None
        year = await uow.blocs.current_year(bloc.id)
        assert year is not None and year.id is not None
        return await uow.ballots.for_year(year.id)


async def stored_votes(runtime: Runtime, ballot_id: int) -> tuple[int, int]:
    """(units recorded as having voted, ballot papers kept) — ballot_voters, ballot_votes."""
    async with runtime.uow() as uow:
        voters = await uow.ballots.voted_units(ballot_id)
        return len(voters), len(await uow.ballots.votes(ballot_id))


def a_message() -> ColumnElement[bool]:
    """Outbox rows that are messages, not a person's Telegram command menu."""
    track = OutboxMessageRow.track
    return or_(track.is_(None), ~track.startswith(command_menus.TRACK))


async def outbox_status(runtime: Runtime, chat_id: int) -> list[tuple[str, str]]:
    """(status, error) of every message the outbox holds for the chat, oldest first."""
    async with runtime.engine.connect() as connection:
        rows = await connection.execute(
            select(OutboxMessageRow.status, OutboxMessageRow.error)
            .where(OutboxMessageRow.chat_id == str(chat_id), a_message())
            .order_by(OutboxMessageRow.id)
        )
        return [(status, error) for status, error in rows]


# --------------------------------------------------------------------------------- harness


@dataclass
class BallotHarness(Harness):
    """The scoring suite's harness, plus group chats and the outbox dispatcher."""

    dispatcher: OutboxDispatcher | None = None

    def in_group(self, group: Group, person: Person, text: str) -> int:
        return self.server.user_message(
            group.chat_id, person.user_id, text, first_name=person.first_name,
            last_name=person.last_name, chat_type=group.chat_type, chat_title=group.title,
        )  # fmt: skip

    async def say_in(self, group: Group, person: Person, text: str) -> list[StoredMessage]:
        """`person` writes `text` in the group; the bot's new messages there."""
        since = self.mark()
        await self.settled(self.in_group(group, person, text))
        return [
            self.server.messages[(group.chat_id, call.result["message_id"])]
            for call in self.calls("sendMessage", since)
            if call.ok and call.params["chat_id"] == group.chat_id
        ]

    def push_press(self, person: Person, message: StoredMessage, data: str) -> int:
        """A press pushed to the server without waiting for it: the update id."""
        return self.server.user_callback(
            message.chat_id, person.user_id, message.message_id, data,
            first_name=person.first_name, last_name=person.last_name,
        )  # fmt: skip

    async def settled_all(self, update_ids: Iterable[int], timeout: float = SETTLE) -> None:  # noqa: ASYNC109
        """Wait until every update is completely handled, however many run at once."""
        waiting = list(update_ids)
        async with asyncio.timeout(timeout):
            while any(self.handled[update_id] < 1 for update_id in waiting):
                self._progress.clear()
                await self._progress.wait()

    async def flush(self) -> list[RecordedCall]:
        """The outbox dispatcher's rounds until nothing due is left (at this moment of the
        clock); the Bot API calls they made."""
        assert self.dispatcher is not None
        await self.runtime.app.live_counts.settled()  # the votes' count, as a worker posts it
        since = self.mark()
        for _ in range(100):
            if not await self.dispatcher.flush():
                break
        return self.server.calls[since:]

    async def signed(self, action: Action) -> str:
        """Callback data the bot itself would put on a button for `action`."""
        return (await self.runtime.app.codec()).encode(action)

    def to_chat(self, calls: list[RecordedCall], method: str, chat_id: int) -> list[RecordedCall]:
        return [c for c in calls if c.method == method and c.params.get("chat_id") == chat_id]

    def answer(self, update_id: int) -> dict[str, Any]:
        """What the bot answered to the press `update_id` (its toast or alert)."""
        query = self.updates[update_id].callback_query
        assert query is not None
        return self.server.callback_answers[query.id]


TEST_GRACE = 10.0  # under the fake Bot API's 15 s callback deadline


@contextlib.asynccontextmanager
async def running(
    server: FakeTelegramServer,
    runtime: Runtime,
    clock: FakeClock,
    codes: dict[str, str],
    bot: Bot | None = None,
) -> AsyncIterator[BallotHarness]:
    """The channel set up and polling `server`, and a dispatcher sending through it; `bot`
    when it must be another (one that also downloads files, file_download_support)."""
    bot = bot or make_bot(TOKEN, server.base_url)
    # A loaded test machine must not turn a press's toast into a late message: the tests of
    # the grace itself set theirs (test_telegram_platform, test_ballots_telegram).
    channel = TelegramChannel(runtime.app, bot, polling_timeout=1, answer_grace=TEST_GRACE)
    link = link_maker(runtime.settings.public_base_url, await runtime.app.signing_secret())
    dispatcher = OutboxDispatcher(runtime.uow, clock, {Channel.TELEGRAM: channel}, link)
    harness = BallotHarness(server, channel, runtime, clock, codes, dispatcher=dispatcher)
    channel.dispatcher.update.outer_middleware(harness.track)
    polling = asyncio.Event()

    async def on_startup() -> None:  # async: aiogram runs a plain function in a thread
        polling.set()

    channel.dispatcher.startup.register(on_startup)
    task = harness.task = asyncio.create_task(channel.run(), name="telegram-channel")
    started = asyncio.create_task(polling.wait())
    try:
        await asyncio.wait({task, started}, timeout=5, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            task.result()  # setup failed: raise its error here
        assert polling.is_set(), "the channel did not start polling"
        yield harness
        assert not task.done(), "the channel stopped while the test ran"
    finally:
        started.cancel()
        await channel.stop()
        try:
            await asyncio.wait_for(task, 5)
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await bot.session.close()
