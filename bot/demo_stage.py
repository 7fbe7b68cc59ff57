"""The stage `python main.py demo` plays on: a clock the story moves, officers who type and
press buttons through `BotApp.handle` as Telegram hands their updates over, the scheduler's
jobs run at the moments they would fire, and the outbox dispatcher with a sender that prints
what it would send. Every file a reply or a sent message carries is kept in the output
folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bot.dispatcher import OutboxDispatcher, Outgoing, link_maker
from bot.i18n import DEFAULT_LOCALE, Translator
from bot.request import ChatKind, File, Incoming, Reply
from bot.runtime import Runtime
from domain.conferences import reminder_moments
from domain.cycle import year_events
from domain.model import Channel
from domain.services.cycle import active_years
from domain.services.voting import REMINDER_LEAD_MAX, REMINDER_SHARE
from domain.settings import LOCAL_TZ
from scheduler.jobs import ballot_tick, conference_tick, cycle_tick

Printer = Callable[[str], None]

WIDTH = 120  # printed lines are cut here
INDENT = "   "
SHOWN = 2  # recipients named in full; more become "Sở X và N đơn vị khác"
COUNT_LINES = ("Đã bỏ phiếu", "Đã đóng")  # what an edited ballot post changes


class DemoError(Exception):
    """The story met what it did not expect: a refusal, a missing button."""


class DemoClock:
    """Business time: the story sets it; the bot, the scheduler's jobs and the dispatcher
    read it."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ)


def first_line(text: str) -> str:
    return next((part.strip() for part in text.splitlines() if part.strip()), "")


async def fast_sqlite(runtime: Runtime) -> None:
    """The demo's database is thrown away at the end: no need to wait for the disk at each
    commit. The pool's connections are reopened with it."""

    def connected(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.close()

    event.listen(runtime.engine.sync_engine, "connect", connected)
    await runtime.engine.dispose()


@dataclass
class Delivery:
    chat_id: str
    text: str
    files: list[File]
    edit: bool = False


@dataclass
class PrintingSender:
    """The dispatcher's Sender for the demo: keeps what it would send, for the stage to
    print; nothing leaves the machine."""

    deliveries: list[Delivery] = field(default_factory=list)
    sent: int = 0

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        self.sent += 1
        self.deliveries.append(Delivery(chat_id, message.text, list(message.files)))
        return f"demo-{self.sent}"

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        self.deliveries.append(Delivery(chat_id, message.text, [], edit=True))


class Stage:
    def __init__(
        self,
        runtime: Runtime,
        clock: DemoClock,
        out_dir: Path,
        say: Printer,
        channel: Channel = Channel.TELEGRAM,  # whose accounts the officers are
        locale: str = DEFAULT_LOCALE,  # the narration's; the officers type Vietnamese anyway
    ) -> None:
        self.runtime, self.clock, self.out_dir, self.say = runtime, clock, out_dir, say
        self.channel = channel
        self.translator = Translator(locale)
        self.words: dict[str, str] = {}  # the bloc's own words, once it is imported
        self.names: dict[str, str] = {}  # chat id → who reads it, for the printed lines
        self.saved: dict[str, Path] = {}
        self.sender = PrintingSender()
        self._dispatcher: OutboxDispatcher | None = None
        self._updates = 0

    # --- telling the story -----------------------------------------------------------------

    def t(self, key: str, **args: object) -> str:
        """A narration line from the demo's catalog, in the bloc's own words."""
        return self.translator(key, **{**self.words, **args})

    def day(self, text: str) -> None:
        self.say(f"{self.clock.now().astimezone(LOCAL_TZ):%d/%m/%Y} — {text}")

    def line(self, text: str) -> None:
        self.say(_cut(INDENT + text))

    def pair(self, head: str, body: str) -> None:
        """`head body` on one line, or `body` on a line of its own below when too long."""
        if len(INDENT + head + body) < WIDTH:
            self.line(f"{head} {body}")
        else:
            self.line(head)
            self.line(f"   {body}")

    async def did(self, who: str, what: str, reply: Reply) -> None:
        """One officer's action and the first line of what the bot answered; then what the
        action queued for others is sent."""
        self.pair(f"{who}: {what}", f"→ «{first_line(reply.text)}»")
        for file in reply.files:
            self.keep(file)
        await self.flush()

    def keep(self, file: File) -> None:
        """A document produced: written to the output folder (a later version replaces it)."""
        path = self.out_dir / file.name
        path.write_bytes(file.content)
        if file.name not in self.saved:
            size = f"{len(file.content) / 1024:.0f} KB"
            self.line(f"💾 {self.out_dir.name}/{file.name} ({size})")
        self.saved[file.name] = path

    # --- updates through the bot ------------------------------------------------------------

    async def handle(self, incoming: Incoming, expect_error: bool = False) -> Reply:
        """One update through BotApp.handle, as a channel would hand it over."""
        self._updates += 1
        keyed = Incoming(**{**incoming.__dict__, "update_key": f"demo-{self._updates}"})
        outcome = await self.runtime.app.handle(keyed)
        who = self.names.get(incoming.user_id, incoming.user_id)
        said = incoming.text or self.t("demo-pressed")
        if not outcome.replies:
            raise DemoError(self.t("demo-error-no-reply", who=who, said=said))
        reply = outcome.replies[0]
        if reply.is_error != expect_error:
            key = "demo-error-refused" if reply.is_error else "demo-error-accepted"
            raise DemoError(self.t(key, who=who, said=said, reply=reply.text))
        return reply

    # --- the scheduler and the dispatcher ----------------------------------------------------

    async def advance(self, to: datetime) -> None:
        """Move the clock to `to`, running the scheduler's jobs at each moment on the way
        where one of them has work, and at `to` itself; what they queue is sent as it goes."""
        while True:
            moments = [m for m in await self._job_moments() if self.clock.now() < m < to]
            if not moments:
                break
            self.clock.current = min(moments)
            await self.tick()
        self.clock.current = to
        await self.tick()

    async def wait(self, minutes: int) -> None:
        await self.advance(self.clock.now() + timedelta(minutes=minutes))

    async def tick(self) -> None:
        """One run of the scheduler's three jobs; what they queue is sent under a heading."""
        app, clock = self.runtime.app, self.clock
        await cycle_tick(app.uow_factory, clock, app.notices)
        await conference_tick(app.uow_factory, clock, app.notices)
        await ballot_tick(app.uow_factory, clock, app.notices)
        moment = f"{clock.now().astimezone(LOCAL_TZ):%d/%m/%Y %H:%M}"
        await self.flush(heading=self.t("demo-scheduler", moment=moment))

    async def flush(self, heading: str | None = None) -> None:
        """Send what is due and print it: one line for a message told to many; `heading`
        first when there is anything to print."""
        if self._dispatcher is None:
            app = self.runtime.app
            link = link_maker(app.config.public_base_url, await app.signing_secret())
            # The real dispatcher without Telegram's pacing: nothing is sent for real, and a
            # year's story should not wait a second per message.
            self._dispatcher = OutboxDispatcher(
                app.uow_factory, self.clock, {self.channel: self.sender}, link,
                rate=10_000, gaps=(0.0, 0.0),
            )  # fmt: skip
        await self._dispatcher.flush()
        deliveries, self.sender.deliveries = self.sender.deliveries, []
        if deliveries and heading:
            self.say(heading)
        alike: dict[tuple[str, str], list[Delivery]] = {}
        for delivery in deliveries:
            alike.setdefault(_summary(delivery), []).append(delivery)
        for (mark, text), items in alike.items():
            self.pair(f"{mark} → {self._readers([d.chat_id for d in items])}:", text)
            for delivery in items:
                for file in delivery.files:
                    if file.name not in self.saved:
                        self.keep(file)

    def _readers(self, chat_ids: list[str]) -> str:
        """Who read it: «nhóm Khối 7, Sở GTVT và 3 đơn vị khác», groups first."""
        chats = list(dict.fromkeys(chat_ids))
        groups = [self.names.get(c, c) for c in chats if c.startswith("-")]
        units = list(dict.fromkeys(self.names.get(c, c) for c in chats if not c.startswith("-")))
        if len(units) > SHOWN:
            shown = ", ".join([*groups, units[0]])
            return self.t("demo-readers-more", names=shown, count=len(units) - 1)
        names = groups + units
        if len(names) == 1:
            return names[0]
        return self.t("demo-readers-two", first=", ".join(names[:-1]), last=names[-1])

    async def _job_moments(self) -> list[datetime]:
        """When the jobs would next find work: the year's window events, each conference's
        reminders, each open ballot's reminder and closing time."""
        moments: list[datetime] = []
        now = self.clock.now()
        async with self.runtime.uow() as uow:
            for bloc in await uow.blocs.list_blocs():
                for year in await active_years(uow, bloc, now):
                    moments += [e.at for e in year_events(year.calendar, year.year)]
                    assert year.id is not None
                    offsets = year.calendar.conference_reminders
                    for conference in await uow.conferences.for_year(year.id):
                        if not conference.is_cancelled:
                            moments += [m for _, m in reminder_moments(conference, offsets)]
            for ballot in await uow.ballots.open_ballots():
                lead = min(
                    REMINDER_LEAD_MAX, (ballot.closes_at - ballot.opened_at) / REMINDER_SHARE
                )
                moments += [ballot.closes_at - lead, ballot.closes_at]
        return moments


def _summary(delivery: Delivery) -> tuple[str, str]:
    """The mark and the short text a delivery is printed with."""
    if delivery.edit:
        changed = [line for line in delivery.text.splitlines() if line.startswith(COUNT_LINES)]
        return "✏️", " · ".join(changed) or first_line(delivery.text)
    if delivery.files and not delivery.text:
        return "📎", ", ".join(file.name for file in delivery.files)
    return "📨", first_line(delivery.text)


def _cut(text: str) -> str:
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"


@dataclass
class Officer:
    """An officer of a unit (on Telegram, or the stage's channel): types in the private chat
    with the bot, presses the buttons of the last answer, now and then writes in the group."""

    stage: Stage
    unit: str  # the unit's short name, for the printed lines
    user_id: str
    name: str
    last: Reply = field(default_factory=lambda: Reply(""))

    async def say(self, text: str, expect_error: bool = False) -> Reply:
        incoming = Incoming(
            self.stage.channel, self.user_id, ChatKind.PRIVATE, self.user_id, self.name, text
        )
        reply = await self.stage.handle(incoming, expect_error)
        if not expect_error:
            self.last = reply
        return reply

    async def press(self, label: str) -> Reply:
        """The first button of the last answer whose label holds `label`."""
        buttons = self.last.flat_buttons()
        matching = [b for b in buttons if label in b.label]
        if not matching:
            labels = ", ".join(b.label for b in buttons)
            raise DemoError(
                self.stage.t("demo-error-no-button", unit=self.unit, label=label, labels=labels)
            )
        data = (await self.stage.runtime.app.codec()).encode(matching[0].action)
        incoming = Incoming(
            self.stage.channel, self.user_id, ChatKind.PRIVATE, self.user_id, self.name,
            callback_data=data,
        )  # fmt: skip
        self.last = await self.stage.handle(incoming)
        return self.last

    async def in_group(self, chat_id: str, title: str, text: str) -> Reply:
        incoming = Incoming(
            self.stage.channel, chat_id, ChatKind.GROUP, self.user_id, self.name, text,
            chat_title=title,
        )  # fmt: skip
        return await self.stage.handle(incoming)
