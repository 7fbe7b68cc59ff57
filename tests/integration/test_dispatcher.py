"""The outbox dispatcher on SQLite and PostgreSQL, with a recording sender: what was
committed is sent once — across a restart, a 429's retry_after and a blocked person — what
was rolled back never is, an edit waits for its original, a stale reminder is dropped, and
one chat's messages are spaced."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

import db.outbox
from bot.context import BotUnitOfWork
from bot.dispatcher import MAX_ATTEMPTS, Blocked, OutboxDispatcher, Outgoing, RetryLater
from db.engine import session_factory
from db.models import OutboxMessageRow
from domain.model import Channel, Identity
from tests.fakes.clock import FakeClock

NOW = datetime(2022, 12, 20, 1, 0, tzinfo=UTC)


class RecordingSender:
    """Sends nowhere: remembers each message, or fails as told."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, float]] = []  # chat, text, loop time
        self.edits: list[tuple[str, str, str]] = []  # chat, message id, text
        self.fail: dict[str, list[BaseException]] = {}
        self._ids = iter(range(1, 10_000))

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        failures = self.fail.get(chat_id)
        if failures:
            raise failures.pop(0)
        self.sent.append((chat_id, message.text, asyncio.get_running_loop().time()))
        return str(next(self._ids))

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        self.edits.append((chat_id, message_id, message.text))


async def enqueue(
    uow_factory: Callable[[], BotUnitOfWork], chat: str, text: str, commit: bool = True,
    **options: object,
) -> None:  # fmt: skip
    async with uow_factory() as uow:
        await uow.outbox.enqueue("telegram", chat, {"text": text}, NOW, **options)  # type: ignore[arg-type]
        if commit:
            await uow.commit()


def dispatcher(
    uow_factory: Callable[[], BotUnitOfWork], clock: FakeClock, sender: RecordingSender
) -> OutboxDispatcher:
    return OutboxDispatcher(
        uow_factory, clock, {Channel.TELEGRAM: sender}, lambda token, expires: "http://x"
    )


async def test_committed_messages_survive_a_restart_and_go_once(
    uow_factory: Callable[[], BotUnitOfWork],
) -> None:
    clock, sender = FakeClock(NOW), RecordingSender()
    for n in range(5):
        await enqueue(uow_factory, str(100 + n), f"nhắc {n}")
    await enqueue(uow_factory, "999", "rolled back", commit=False)
    # The process that queued them died before sending: a new dispatcher takes over.
    assert await dispatcher(uow_factory, clock, sender).flush() == 5
    assert await dispatcher(uow_factory, clock, sender).flush() == 0  # nothing twice
    assert sorted(text for _chat, text, _at in sender.sent) == [f"nhắc {n}" for n in range(5)]


async def test_a_429_waits_out_retry_after_then_sends_once(
    uow_factory: Callable[[], BotUnitOfWork],
) -> None:
    clock, sender = FakeClock(NOW), RecordingSender()
    sender.fail["100"] = [RetryLater(3)]
    await enqueue(uow_factory, "100", "kết quả")
    sending = dispatcher(uow_factory, clock, sender)
    await sending.flush()
    assert sender.sent == []
    clock.advance(timedelta(seconds=2))
    await sending.flush()
    assert sender.sent == []  # retry_after not over yet
    clock.advance(timedelta(seconds=1))
    await sending.flush()
    await sending.flush()
    assert [text for _chat, text, _at in sender.sent] == ["kết quả"]


async def test_rate_limits_are_waits_never_counted_as_failed_tries(
    uow_factory: Callable[[], BotUnitOfWork],
) -> None:
    """More 429s than the tries a message gets, then a network failure: still sent.
    Network failures are tries: after MAX_ATTEMPTS of them the message is given up."""
    clock, sender = FakeClock(NOW), RecordingSender()
    waits: list[BaseException] = [RetryLater(0.01) for _ in range(MAX_ATTEMPTS + 2)]
    sender.fail["100"] = [*waits, ConnectionResetError()]
    sender.fail["200"] = [ConnectionResetError() for _ in range(MAX_ATTEMPTS)]
    await enqueue(uow_factory, "100", "kết quả")
    await enqueue(uow_factory, "200", "nhắc việc")
    sending = OutboxDispatcher(
        uow_factory, clock, {Channel.TELEGRAM: sender}, lambda token, expires: "http://x",
        gaps=(0.0, 0.0),  # the spacing of one chat's messages is another test's
    )  # fmt: skip
    for _ in range(4 * MAX_ATTEMPTS):
        await sending.flush()
        clock.advance(timedelta(seconds=2**MAX_ATTEMPTS))
    assert [text for _chat, text, _at in sender.sent] == ["kết quả"]
    assert sender.fail["100"] == [] and sender.fail["200"] == []
    async with uow_factory() as uow:
        assert await uow.outbox.pending_count() == 0


async def test_a_person_who_blocked_the_bot_is_marked_and_not_retried(
    uow_factory: Callable[[], BotUnitOfWork],
) -> None:
    clock, sender = FakeClock(NOW), RecordingSender()
    async with uow_factory() as uow:
        await uow.people.save_identity(Identity(Channel.TELEGRAM, "100", "Lê Văn Hùng"))
        await uow.commit()
    sender.fail["100"] = [Blocked()]
    await enqueue(uow_factory, "100", "phiếu bầu")
    await enqueue(uow_factory, "101", "phiếu bầu")
    sending = dispatcher(uow_factory, clock, sender)
    await sending.flush()
    clock.advance(timedelta(hours=1))
    await sending.flush()
    assert [chat for chat, _text, _at in sender.sent] == ["101"]
    async with uow_factory() as uow:
        identity = await uow.people.identity(Channel.TELEGRAM, "100")
        assert identity is not None and identity.blocked_at == NOW
        assert await uow.outbox.pending_count() == 0


async def test_an_edit_waits_for_the_message_it_edits(
    uow_factory: Callable[[], BotUnitOfWork],
) -> None:
    clock, sender = FakeClock(NOW), RecordingSender()
    sender.fail["-100"] = [RetryLater(1)]  # the post itself is held up once
    await enqueue(uow_factory, "-100", "Đã bỏ phiếu: 0/5", track="ballot:1")
    await enqueue(uow_factory, "-100", "Đã bỏ phiếu: 3/5", edit_of="ballot:1")
    sending = dispatcher(uow_factory, clock, sender)
    await sending.flush()
    assert sender.sent == [] and sender.edits == []
    clock.advance(timedelta(seconds=5))
    await sending.flush()
    assert [text for _chat, text, _at in sender.sent] == ["Đã bỏ phiếu: 0/5"]
    assert sender.edits == [("-100", "1", "Đã bỏ phiếu: 3/5")]


async def test_a_reminder_past_its_moment_is_dropped(
    uow_factory: Callable[[], BotUnitOfWork],
) -> None:
    clock, sender = FakeClock(NOW + timedelta(hours=3)), RecordingSender()
    await enqueue(uow_factory, "100", "Còn 2 giờ", expires_at=NOW + timedelta(hours=2))
    assert await dispatcher(uow_factory, clock, sender).flush() == 0
    assert sender.sent == []


@pytest.mark.parametrize(("chat", "gap"), [("100", 1.0), ("-100", 3.0)])
async def test_one_chat_gets_its_messages_in_order_and_apart(
    uow_factory: Callable[[], BotUnitOfWork], chat: str, gap: float
) -> None:
    clock, sender = FakeClock(NOW), RecordingSender()
    for n in range(2):
        await enqueue(uow_factory, chat, f"tin {n}")
    await dispatcher(uow_factory, clock, sender).flush()
    [(_, first, at_first), (_, second, at_second)] = sender.sent
    assert (first, second) == ("tin 0", "tin 1")
    assert at_second - at_first >= gap - 0.01


async def test_slow_marking_never_sends_a_message_twice(
    uow_factory: Callable[[], BotUnitOfWork],
) -> None:
    """Marks are written beside the sending; the end of a round waits for a write under way
    instead of cutting it off (which left sent messages pending, to go out again)."""
    clock, sender = FakeClock(NOW), RecordingSender()
    for n in range(40):
        await enqueue(uow_factory, str(200 + n), f"nhắc {n}")

    def slow_factory() -> BotUnitOfWork:
        uow = uow_factory()
        original = type(uow).commit

        async def commit() -> None:
            await asyncio.sleep(0.25)
            await original(uow)

        uow.commit = commit  # type: ignore[method-assign]
        return uow

    sending = dispatcher(slow_factory, clock, sender)
    await sending.flush()
    await sending.flush()
    chats = [chat for chat, _text, _at in sender.sent]
    assert sorted(chats) == sorted(str(200 + n) for n in range(40))


class Outage:
    """The database goes away and comes back: while it is away, every commit fails."""

    def __init__(self, uow_factory: Callable[[], BotUnitOfWork]) -> None:
        self.away = False
        self._factory = uow_factory

    def __call__(self) -> BotUnitOfWork:
        uow = self._factory()
        original = type(uow).commit

        async def commit() -> None:
            if self.away:
                raise ConnectionResetError("the database went away")
            await original(uow)

        uow.commit = commit  # type: ignore[method-assign]
        return uow


async def test_sent_messages_whose_marks_fail_are_marked_later_never_sent_again(
    uow_factory: Callable[[], BotUnitOfWork],
) -> None:
    clock, outage = FakeClock(NOW), Outage(uow_factory)
    for n in range(5):
        await enqueue(uow_factory, str(300 + n), f"nhắc {n}")

    class GoingAway(RecordingSender):
        async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
            outage.away = True  # the database goes away while the round sends
            return await super().deliver(chat_id, message)

    sender = GoingAway()
    sending = dispatcher(outage, clock, sender)
    assert await sending.flush() == 5
    assert await sending.flush() == 0  # still away: nothing claimed, nothing sent
    outage.away = False
    await sending.flush()
    await sending.flush()
    assert sorted(chat for chat, _text, _at in sender.sent) == [str(300 + n) for n in range(5)]
    async with uow_factory() as uow:
        assert await uow.outbox.pending_count() == 0


async def test_a_pacing_failure_mid_round_marks_the_sends_already_started(
    uow_factory: Callable[[], BotUnitOfWork],
) -> None:
    class Slow(RecordingSender):  # the platform answers after the pacing failed
        async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
            await asyncio.sleep(0.3)
            return await super().deliver(chat_id, message)

    clock, sender = FakeClock(NOW), Slow()
    for n in range(5):
        await enqueue(uow_factory, str(400 + n), f"nhắc {n}")

    class FailingThird:
        def __init__(self) -> None:
            self.calls = 0

        async def acquire(self) -> None:
            self.calls += 1
            if self.calls == 3:
                raise ConnectionResetError("the shared pace went away")

        def pause(self, seconds: float) -> None:
            pass

    sending = OutboxDispatcher(
        uow_factory, clock, {Channel.TELEGRAM: sender}, lambda token, expires: "http://x",
        window=FailingThird(),
    )  # fmt: skip
    with pytest.raises(ConnectionResetError):
        await sending.flush()
    assert len(sender.sent) == 2
    await sending.flush()
    assert sorted(chat for chat, _text, _at in sender.sent) == [str(400 + n) for n in range(5)]
    async with uow_factory() as uow:
        assert await uow.outbox.pending_count() == 0


async def test_a_round_starts_no_send_once_most_of_its_claim_is_gone(
    uow_factory: Callable[[], BotUnitOfWork], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long retry_after pauses the round past most of the claim's lease: the messages left
    are not started then (another worker may own them once the lease ends) but later, once."""
    monkeypatch.setattr(db.outbox, "LEASE", timedelta(seconds=1))
    clock, sender = FakeClock(NOW), RecordingSender()
    sender.fail["500"] = [RetryLater(2)]
    for n in range(4):
        await enqueue(uow_factory, str(500 + n), f"nhắc {n}")
    sending = dispatcher(uow_factory, clock, sender)
    started, _wait = await sending._round()
    assert started == 1 and sender.sent == []  # the 429, then nothing past the lease's 80 %
    await sending.flush()
    assert sorted(chat for chat, _text, _at in sender.sent) == ["501", "502", "503"]
    clock.advance(timedelta(seconds=2))
    await sending.flush()
    assert sorted(chat for chat, _text, _at in sender.sent) == ["500", "501", "502", "503"]


async def test_a_mark_refused_for_good_holds_up_nothing_and_is_not_sent_again(
    uow_factory: Callable[[], BotUnitOfWork], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault (not an outage) in marking one sent message: the others are marked, that
    one is never sent again by this worker, and the outbox goes on."""
    clock, sender = FakeClock(NOW), RecordingSender()
    for n in range(3):
        await enqueue(uow_factory, str(600 + n), f"nhắc {n}")
    original = db.outbox.SqlOutbox.sent

    async def refused(self: db.outbox.SqlOutbox, message_id: int, *args: object) -> None:
        if message_id == poisoned:
            raise ValueError("a value the column does not take")
        await original(self, message_id, *args)  # type: ignore[arg-type]

    async with uow_factory() as uow:
        poisoned = min(message.id for message in await uow.outbox.due(NOW, 10)) + 1
        await uow.rollback()
    monkeypatch.setattr(db.outbox.SqlOutbox, "sent", refused)
    sending = dispatcher(uow_factory, clock, sender)
    await sending.flush()
    await sending.flush()
    await enqueue(uow_factory, "700", "tin sau")
    await sending.flush()
    assert sorted(chat for chat, _text, _at in sender.sent) == ["600", "601", "602", "700"]
    async with uow_factory() as uow:
        assert await uow.outbox.pending_count() == 1  # the one whose mark was refused


async def test_a_wait_for_one_platform_does_not_pause_the_others(
    uow_factory: Callable[[], BotUnitOfWork],
) -> None:
    """Zalo's 429 is Zalo's: the overall pace, which keeps Telegram's limit, goes on."""
    clock, sender = FakeClock(NOW), RecordingSender()
    sender.fail["800"] = [RetryLater(10, pause_all=False)]
    sender.fail["801"] = [RetryLater(3)]
    await enqueue(uow_factory, "800", "zalo-style wait")
    await enqueue(uow_factory, "801", "telegram-style wait")

    class Pauses:
        def __init__(self) -> None:
            self.paused: list[float] = []

        async def acquire(self) -> None:
            pass

        def pause(self, seconds: float) -> None:
            self.paused.append(seconds)

    window = Pauses()
    sending = OutboxDispatcher(
        uow_factory, clock, {Channel.TELEGRAM: sender}, lambda token, expires: "http://x",
        window=window,
    )  # fmt: skip
    await sending.flush()
    assert window.paused == [3]


async def test_a_late_mark_for_a_message_another_worker_took_over_is_dropped(
    engine: AsyncEngine,
    uow_factory: Callable[[], BotUnitOfWork],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """This worker's send outlasts its lease (a stalled link, a paused process); another
    worker takes the message over, sends it and marks it. This worker's answer comes
    afterwards: its mark is logged and dropped, and the other worker's record stands."""
    clock = FakeClock(NOW)
    await enqueue(uow_factory, "900", "kết quả")
    await enqueue(uow_factory, "901", "nhắc")
    sessions = session_factory(engine)

    class Stalled(RecordingSender):
        async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
            if chat_id == "900":  # the other worker, once the lease is over
                async with sessions() as session, session.begin():
                    other = db.outbox.SqlOutbox(session, "other-worker")
                    later = NOW + other.lease
                    [taken] = await other.due(later, limit=1)  # the oldest: 900's
                    assert await other.sent(taken.id, later, "other-id")
            return await super().deliver(chat_id, message)

    await dispatcher(uow_factory, clock, Stalled()).flush()
    assert "is another worker's now" in caplog.text
    async with sessions() as session:
        rows = {
            row.chat_id: (row.status, row.platform_message_id)
            for row in await session.scalars(select(OutboxMessageRow))
        }
    assert rows["900"] == ("sent", "other-id")
    assert rows["901"][0] == "sent"
