"""What Zalo's rules do to the bot's messages: the reply window (a notice waits, or goes as a
template), the access token's expiry and a refused refresh token, an unfollow, the quota."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from bot.channels.zalo_oa_api import ZaloOAAPI
from bot.channels.zalo_oa_auth import ZaloOAAuth
from bot.channels.zalo_oa_send import QUOTA_CAP, QUOTA_FIRST
from bot.dispatcher import Outgoing, RetryLater
from bot.request import Reply
from bot.runtime import Runtime
from bot.settings import ZnsTemplate
from bot.views.menu import command_button
from db.engine import create_engine
from db.models import OutboxMessageRow
from db.zalo_oa import WAITING_FOR_CONTACT, ZaloOAStore
from domain.model import Channel
from tests.channels.zalo_oa.support import LAN, OABot, oa_bot
from tests.fakes.clock import FakeClock
from tests.fakes.zalo_oa_server import FakeZaloOAServer

REMINDER = {"kind": "deadline_reminder", "task": "Đăng ký thi đua năm 2022",
            "deadline": "31/03/2022", "year": "2022", "unit": "Sở NN&PTNT"}  # fmt: skip


async def notify(bot: OABot, text: str, notice: dict[str, str] | None = None) -> None:
    """A notice to Lan through the outbox, as the domain's notifier writes one, then sent."""
    reply = Reply(text, [[command_button("📋 Việc cần làm", "viec")]])
    async with bot.runtime.uow() as uow:
        await bot.runtime.app.notices.post(uow, Channel.ZALO_OA, LAN, reply, notice=notice)
        await uow.commit()
    await bot.flush()


async def outbox(runtime: Runtime) -> list[tuple[str, str, int]]:
    """(status, error, attempts) of every message to Lan."""
    row = OutboxMessageRow
    query = select(row.status, row.error, row.attempts).where(row.chat_id == LAN)
    async with runtime.engine.connect() as connection:
        return [(s, e, a) for s, e, a in await connection.execute(query.order_by(row.id))]


# --- the reply window ------------------------------------------------------------------------


async def test_outside_the_window_a_notice_waits_until_the_person_writes(
    lan: str, bot: OABot, zalo: FakeZaloOAServer, clock: FakeClock
) -> None:
    clock.advance(timedelta(days=8))  # Lan last wrote eight days ago
    before = len(zalo.to(lan))

    await notify(bot, "⏰ Còn 3 ngày: hạn đăng ký thi đua 31/03/2022.", REMINDER)

    assert len(zalo.to(lan)) == before  # not even tried: Zalo would refuse (-230)
    assert await outbox(bot.runtime) == [("pending", WAITING_FOR_CONTACT, 0)]

    await zalo.user_says(lan, "/viec")
    await bot.flush()

    texts = zalo.texts_to(lan)[before:]
    assert texts[0].startswith("📋 Việc cần làm của Sở NN&PTNT"), texts
    assert texts[1] == "⏰ Còn 3 ngày: hạn đăng ký thi đua 31/03/2022."
    assert [row[0] for row in await outbox(bot.runtime)] == ["sent"]


async def test_when_zalo_says_the_window_closed_the_notice_waits(
    lan: str, bot: OABot, zalo: FakeZaloOAServer, clock: FakeClock
) -> None:
    zalo.people[lan].last_interaction = clock.now() - timedelta(days=7, minutes=1)

    await notify(bot, "Hội nghị sơ kết sẽ họp lúc 08:00 15/07/2022.")

    assert await outbox(bot.runtime) == [("pending", WAITING_FOR_CONTACT, 0)]


async def test_outside_the_window_a_reminder_goes_as_its_template(
    sample_runtime: Runtime, zalo: FakeZaloOAServer, clock: FakeClock, invite_codes: dict[str, str]
) -> None:
    zalo.add_template("7895417", don_vi=30, noi_dung=100, han=20)
    params = {"don_vi": "unit", "noi_dung": "task", "han": "deadline"}
    templates = {"deadline_reminder": ZnsTemplate(template_id="7895417", params=params)}
    async with oa_bot(sample_runtime, zalo, zalo_oa_templates=templates) as bot:
        await zalo.follow(LAN)
        await zalo.user_says(LAN, f"/start {invite_codes['SNN']}")
        clock.advance(timedelta(days=10))

        await notify(bot, "⏰ Còn 3 ngày: hạn đăng ký thi đua 31/03/2022.", REMINDER)
        await notify(bot, "Một thông báo không có mẫu.")  # no template: it waits

        sent = zalo.to(LAN, "template")
        assert [s.message for s in sent] == [{"template_id": "7895417", "template_data": {
            "don_vi": "Sở NN&PTNT", "noi_dung": "Đăng ký thi đua năm 2022", "han": "31/03/2022",
        }}]  # fmt: skip
        assert [row[0] for row in await outbox(bot.runtime)] == ["sent", "pending"]


# --- the access token ------------------------------------------------------------------------


async def test_an_expired_token_is_renewed_once_and_the_send_tried_again(
    lan: str, bot: OABot, zalo: FakeZaloOAServer
) -> None:
    zalo.expire_access_tokens(removed=True)  # -220 from now on
    refreshes = zalo.refreshes

    await zalo.user_says(lan, "/khoi")

    assert zalo.texts_to(lan)[-1].startswith("🏢 Khối thi đua Khối 7")
    assert zalo.refreshes == refreshes + 1


async def test_a_token_refused_again_after_renewal_is_no_loop(
    lan: str, bot: OABot, zalo: FakeZaloOAServer
) -> None:
    zalo.fail_next("/v3.0/oa/message/cs", -216, "Access token is invalid")
    zalo.fail_next("/v3.0/oa/message/cs", -216, "Access token is invalid")
    refreshes, tries = zalo.refreshes, len(zalo.calls)

    await notify(bot, "Thông báo thử.")

    sends = [path for path, _body in zalo.calls[tries:] if path.endswith("/message/cs")]
    assert len(sends) == 2 and zalo.refreshes == refreshes + 1
    [(status, error, attempts)] = await outbox(bot.runtime)
    assert (status, attempts) == ("pending", 1) and "-216" in error  # tried again later


async def test_the_token_is_renewed_before_it_expires_and_stored(
    lan: str, bot: OABot, zalo: FakeZaloOAServer, clock: FakeClock
) -> None:
    refreshes = zalo.refreshes
    clock.advance(timedelta(hours=23))
    await bot.channel.auth.keep()
    assert zalo.refreshes == refreshes  # two hours left: not yet

    clock.advance(timedelta(hours=1, minutes=30))
    await bot.channel.auth.keep()

    assert zalo.refreshes == refreshes + 1
    stored = await bot.channel.store.token(zalo.app_id)
    assert stored is not None and stored.expires_at == clock.now() + timedelta(hours=25)
    await zalo.user_says(lan, "/khoi")  # the stored pair works
    assert zalo.texts_to(lan)[-1].startswith("🏢 Khối thi đua Khối 7")


async def test_a_refused_refresh_pauses_the_channel_and_the_outbox_keeps_everything(
    lan: str, bot: OABot, zalo: FakeZaloOAServer, clock: FakeClock, sample_runtime: Runtime
) -> None:
    zalo.revoke_refresh_tokens()  # the OA's admin withdrew the grant
    zalo.expire_access_tokens()
    before = len(zalo.to(lan))

    assert await zalo.user_says(lan, "/khoi") == 200  # handled, its answer queued
    await notify(bot, "Thông báo trong lúc kênh dừng.")

    assert len(zalo.to(lan)) == before
    assert [row[0] for row in await outbox(bot.runtime)] == ["pending", "pending"]
    health = await _get_json(bot, "/healthz")
    assert health["status"] == "degraded"
    assert health["zalo_oa"]["status"] == "paused"
    assert "Invalid refresh token" in health["zalo_oa"]["reason"]
    assert "thidua_zalo_oa_paused 1" in await bot.metrics.render()

    # The operator configures the admin's new grant and restarts: everything goes out.
    async with oa_bot(sample_runtime, zalo, refresh=zalo.grant()) as restarted:
        clock.advance(timedelta(minutes=5))
        await restarted.flush()
        assert (await _get_json(restarted, "/healthz"))["zalo_oa"]["status"] == "ok"
    texts = zalo.texts_to(lan)[before:]
    assert texts[0].startswith("🏢 Khối thi đua Khối 7")
    assert texts[1] == "Thông báo trong lúc kênh dừng."


async def test_a_restart_keeps_the_renewed_pair_not_the_configured_token(
    lan: str, bot: OABot, zalo: FakeZaloOAServer, sample_runtime: Runtime
) -> None:
    """ZALO_OA_REFRESH_TOKEN was used up at the first renewal: a restart must not reuse it."""
    configured = bot.runtime.settings.zalo_oa_refresh_token
    assert configured is not None
    async with oa_bot(sample_runtime, zalo, refresh=configured.get_secret_value()) as again:
        await zalo.user_says(lan, "/khoi")
        assert again.channel.auth.paused_reason is None
    assert zalo.texts_to(lan)[-1].startswith("🏢 Khối thi đua Khối 7")


async def test_a_restart_with_the_spent_token_stays_paused_and_a_new_grant_reaches_all(
    lan: str, bot: OABot, zalo: FakeZaloOAServer, clock: FakeClock, sample_runtime: Runtime
) -> None:
    spent = bot.runtime.settings.zalo_oa_refresh_token
    assert spent is not None
    zalo.revoke_refresh_tokens()
    zalo.expire_access_tokens()
    await zalo.user_says(lan, "/khoi")
    assert bot.channel.auth.paused_reason is not None
    asked = len(zalo.calls)

    async with oa_bot(sample_runtime, zalo, refresh=spent.get_secret_value()) as restarted:
        assert restarted.channel.auth.paused_reason is not None  # the same token: no retry
    assert len(zalo.calls) == asked

    async with oa_bot(sample_runtime, zalo, refresh=zalo.grant()):
        pass  # another worker started with the admin's new grant, and stored it
    clock.advance(timedelta(minutes=5))
    await bot.flush()  # this worker, paused, reads the new pair and sends what waited
    assert bot.channel.auth.paused_reason is None
    assert zalo.texts_to(lan)[-1].startswith("🏢 Khối thi đua Khối 7")


# --- unfollowing, the quota ------------------------------------------------------------------


async def test_an_unfollow_marks_the_person_like_one_who_blocked_the_bot(
    lan: str, bot: OABot, zalo: FakeZaloOAServer, clock: FakeClock
) -> None:
    await zalo.follow(lan, follows=False)
    assert await _blocked(bot) is True

    await notify(bot, "Thông báo sau khi bỏ quan tâm.")  # Zalo: -213

    assert [row[0] for row in await outbox(bot.runtime)] == ["blocked"]
    clock.advance(timedelta(minutes=1))
    await zalo.follow(lan)  # back
    assert await _blocked(bot) is False


async def test_zalos_quota_error_backs_off_with_a_cap_and_is_counted(
    lan: str, bot: OABot, zalo: FakeZaloOAServer, clock: FakeClock
) -> None:
    zalo.limit_calls(0)
    sender = bot.channel.sender
    waits = []
    for _ in range(8):
        with pytest.raises(RetryLater) as held:
            await sender.deliver(lan, Outgoing("Thử", []))
        waits.append(held.value.seconds)
        clock.advance(timedelta(seconds=held.value.seconds))
    assert waits == [QUOTA_FIRST * 2**n for n in range(6)] + [QUOTA_CAP, QUOTA_CAP]

    await notify(bot, "Thông báo khi hết hạn mức.")
    assert [row[:2] for row in await outbox(bot.runtime)] == [("pending", "429")]
    metrics = await bot.metrics.render()
    assert 'thidua_rate_limited_total{channel="zalo_oa"} 1' in metrics

    zalo.limit_calls(None)
    clock.advance(timedelta(seconds=QUOTA_CAP))
    await bot.flush()
    assert zalo.texts_to(lan)[-1] == "Thông báo khi hết hạn mức."


async def _blocked(bot: OABot) -> bool:
    async with bot.runtime.uow() as uow:
        identity = await uow.people.identity(Channel.ZALO_OA, LAN)
    assert identity is not None
    return identity.blocked_at is not None


async def _get_json(bot: OABot, path: str) -> dict[str, Any]:
    url = f"http://127.0.0.1:{bot.web.port}{path}"
    async with aiohttp.ClientSession() as session, session.get(url) as answer:
        body: dict[str, Any] = await answer.json()
        return body


async def test_workers_renew_one_at_a_time_and_share_the_pair(
    sample_runtime: Runtime, zalo: FakeZaloOAServer, clock: FakeClock
) -> None:
    """Two workers (two engines) needing a token at once: Zalo is asked once — a second
    request with the same single-use refresh token would be refused and pause the channel."""
    refresh = zalo.grant()
    engines = [sample_runtime.engine, create_engine(sample_runtime.settings.database_url)]
    apis = [ZaloOAAPI(zalo.app_id, zalo.secret_key, zalo.base_url, zalo.base_url) for _ in engines]
    try:
        workers = [
            ZaloOAAuth(api, ZaloOAStore(engine), clock, refresh)
            for api, engine in zip(apis, engines, strict=True)
        ]
        for worker in workers:
            await worker.start()
        zalo.refresh_delay = 0.3  # both are waiting on it together

        tokens = await asyncio.gather(*(worker.access_token() for worker in workers))

        assert tokens[0] == tokens[1] and zalo.refreshes == 1
        assert all(worker.paused_reason is None for worker in workers)
    finally:
        for api in apis:
            await api.close()
        await engines[1].dispose()
