"""The Zalo Official Account channel end to end: FakeZaloOAServer posts signed webhook events
to the bot's web server and records what the bot sends back, over the sample bloc."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from sqlalchemy import text

from bot.dispatcher import Outgoing
from bot.request import File, Reply
from bot.runtime import Runtime
from bot.views.menu import command_button
from domain.model import Channel
from tests.channels.zalo_oa.support import LAN, OABot
from tests.fakes.clock import FakeClock
from tests.fakes.zalo_oa_server import FakeZaloOAServer

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def test_a_follower_is_greeted_and_joins_with_an_invite(
    bot: OABot, zalo: FakeZaloOAServer, invite_codes: dict[str, str]
) -> None:
    assert await zalo.follow(LAN) == 200
    greeting = zalo.to(LAN)[-1]
    assert greeting.text.startswith("Chào anh/chị Lan!"), greeting.text

    assert await zalo.user_says(LAN, f"/start {invite_codes['SNN']}") == 200

    joined = zalo.to(LAN)[-1]
    assert joined.text.startswith("Chào anh/chị Lan! Anh/chị đã tham gia Khối thi đua Khối 7")
    # Every feature of the leader's officer is more than the OA's five buttons: numbered lines.
    assert joined.buttons == []
    assert "\n1. 📋 Việc cần làm\n2. 🏢 Khối của tôi\n" in joined.text


async def test_a_button_press_comes_back_as_its_action(lan: str, zalo: FakeZaloOAServer) -> None:
    assert await zalo.user_says(lan, "/khoi") == 200
    overview = zalo.to(lan)[-1]
    assert overview.text.startswith("🏢 Khối thi đua Khối 7 — năm 2022"), overview.text
    titles = [button["title"] for button in overview.buttons]
    assert titles == ["📋 Việc cần làm", "☰ Menu chính"]
    assert {button["type"] for button in overview.buttons} == {"oa.query.hide"}

    assert await zalo.press(lan, "Việc cần làm") == 200

    assert zalo.to(lan)[-1].text.startswith("📋 Việc cần làm của Sở NN&PTNT")


async def test_a_forged_payload_is_refused(lan: str, zalo: FakeZaloOAServer) -> None:
    await zalo.user_says(lan, "#td:1:cmd:khoi:AAAAAAAA")

    assert zalo.texts_to(lan)[-1] == "⚠️ Nút này không hợp lệ hoặc đã cũ. Gõ /menu để mở menu mới."


async def test_a_sticker_is_answered_with_what_to_send(lan: str, zalo: FakeZaloOAServer) -> None:
    await zalo.user_sends(lan, "sticker", id="sticker-1", url="https://zalo.me/s/1.png")

    assert zalo.texts_to(lan)[-1] == (
        "Bot chưa đọc được loại tin nhắn này. Anh/chị gửi tin nhắn chữ, hoặc gõ /menu để mở menu."
    )


# --- the webhook: signature, staleness, once only ------------------------------------------


def _event(zalo: FakeZaloOAServer, clock: FakeClock, text: str, age: timedelta) -> dict[str, Any]:
    moment = int((clock.now() - age).timestamp() * 1000)
    return {
        "app_id": zalo.app_id, "event_name": "user_send_text", "timestamp": str(moment),
        "sender": {"id": LAN}, "recipient": {"id": "oa"},
        "message": {"msg_id": f"m{moment}", "text": text},
    }  # fmt: skip


async def _identities(runtime: Runtime) -> int:
    async with runtime.engine.connect() as connection:
        return int(await connection.scalar(text("SELECT count(*) FROM identities")) or 0)


async def test_forged_and_stale_events_are_refused_with_nothing_processed(
    bot: OABot, zalo: FakeZaloOAServer, clock: FakeClock
) -> None:
    event = _event(zalo, clock, "/menu", timedelta(0))

    assert await zalo.post_event(event, key="not-the-oa-secret") == 401
    assert await zalo.post_event(event, signature="") == 401
    assert await zalo.post_event(event, signature="mac=" + "0" * 64) == 401
    stale = _event(zalo, clock, "/menu", timedelta(hours=4))
    assert await zalo.post_event(stale) == 401
    ahead = _event(zalo, clock, "/menu", -timedelta(hours=1))
    assert await zalo.post_event(ahead) == 401

    assert zalo.sent == []
    assert await _identities(bot.runtime) == 0
    # A genuine event from within Zalo's retries (the last comes 2 h 20 min late) is taken.
    zalo.people[LAN].last_interaction = clock.now() - timedelta(hours=2)
    assert await zalo.post_event(_event(zalo, clock, "/menu", timedelta(hours=2))) == 200
    assert len(zalo.sent) == 1


async def test_a_body_that_is_no_event_is_400(bot: OABot, zalo: FakeZaloOAServer) -> None:
    async with aiohttp.ClientSession() as session:
        for body in (b"not json", b"[]", b'{"event_name": "user_send_text"}'):
            async with session.post(zalo.webhook_url, data=body) as answer:
                assert answer.status == 400


async def test_an_event_delivered_again_is_handled_once(lan: str, zalo: FakeZaloOAServer) -> None:
    await zalo.user_says(lan, "/khoi")
    sent = len(zalo.sent)

    assert await zalo.redeliver() == 200

    assert len(zalo.sent) == sent


# --- what the bot sends: buttons, long texts, documents --------------------------------------


async def _notify(bot: OABot, chat: str, reply: Reply, **options: Any) -> None:
    """A notice through the outbox, as the domain's notifier writes one, then sent."""
    async with bot.runtime.uow() as uow:
        await bot.runtime.app.notices.post(uow, Channel.ZALO_OA, chat, reply, **options)
        await uow.commit()
    await bot.flush()


async def test_more_buttons_than_zalo_takes_become_numbered_choices(
    lan: str, bot: OABot, zalo: FakeZaloOAServer
) -> None:
    commands = ["viec", "khoi", "menu", "trogiup", "ngonngu", "xephang"]
    buttons = [[command_button(f"Lệnh {c}", c)] for c in commands]  # six: one over Zalo's five
    await _notify(bot, lan, Reply("Chọn một lệnh:", buttons))

    numbered = zalo.to(lan)[-1]
    assert numbered.buttons == []
    assert numbered.text.endswith("\n".join(f"{n}. Lệnh {c}" for n, c in enumerate(commands, 1)))

    await zalo.user_says(lan, "2")

    assert zalo.texts_to(lan)[-1].startswith("🏢 Khối thi đua Khối 7")


async def test_a_long_text_goes_in_parts_with_the_buttons_under_the_last(
    lan: str, bot: OABot, zalo: FakeZaloOAServer
) -> None:
    before = len(zalo.to(lan))
    paragraph = "Báo cáo sơ kết: các đơn vị đã hoàn thành chỉ tiêu đúng hạn. " * 16  # 960
    text = "\n".join([paragraph] * 6)  # two paragraphs to a part of at most 2,000
    await _notify(bot, lan, Reply(text, [[command_button("Khối của tôi", "khoi")]]))

    parts = zalo.to(lan)[before:]
    assert len(parts) == 3
    assert all(len(part.text) <= 2000 for part in parts)
    assert "".join(part.text for part in parts) == text
    assert [p.buttons != [] for p in parts] == [False, False, True]


async def test_each_step_but_the_last_is_told_to_the_outbox_as_it_went(
    lan: str, bot: OABot, zalo: FakeZaloOAServer
) -> None:
    """Recorded at once by the dispatcher: a worker killed mid-text resends one step at most."""
    before = len(zalo.to(lan))
    text = "\n".join(["Báo cáo sơ kết: các đơn vị đã hoàn thành chỉ tiêu. " * 18] * 6)
    told: list[tuple[int, int]] = []  # the steps told, the messages Zalo has then

    async def on_part(count: int) -> None:
        told.append((count, len(zalo.to(lan)) - before))

    await bot.channel.deliver(lan, Outgoing(text, [], on_part=on_part))
    sent = len(zalo.to(lan)) - before
    assert sent >= 3 and told == [(n, n) for n in range(1, sent)]


async def test_documents_are_uploaded_where_zalo_takes_them_and_linked_otherwise(
    lan: str, bot: OABot, zalo: FakeZaloOAServer
) -> None:
    docx = File("giao-uoc.docx", b"PK docx bytes", DOCX)
    png = File("xep-hang.png", b"\x89PNG chart", "image/png")
    xlsx = File("bang-diem.xlsx", b"PK xlsx bytes", XLSX)
    big = File("bien-ban.docx", b"x" * (5 * 1024 * 1024 + 1), DOCX)  # over the 5 MB
    await _notify(bot, lan, Reply("Các văn bản:", files=[docx, png, xlsx, big]))

    text, *attachments = zalo.to(lan)[-3:]
    assert text.text.startswith("Các văn bản:")
    links = re.findall(r"📎 (\S+): (\S+)", text.text)
    assert [name for name, _url in links] == ["bang-diem.xlsx", "bien-ban.docx"]
    file_token = attachments[0].message["attachment"]["payload"]["token"]
    assert zalo.uploads[file_token].content == docx.content
    image = attachments[1].message["attachment"]["payload"]["elements"][0]
    assert zalo.uploads[image["attachment_id"]].content == png.content
    # The link is served by the bot's own web server, signed and expiring.
    url = urlsplit(links[0][1])
    local = f"http://127.0.0.1:{bot.web.port}{url.path}?{url.query}"
    async with aiohttp.ClientSession() as session, session.get(local) as answer:
        assert answer.status == 200
        assert await answer.read() == xlsx.content


async def test_a_photo_or_a_file_reaches_the_bot_as_evidence_to_attach(
    lan: str, zalo: FakeZaloOAServer
) -> None:
    outside = "Để gửi minh chứng: gõ /chamdiem, mở tiêu chí cần minh chứng rồi gửi ảnh hoặc tệp."

    await zalo.user_sends(lan, "image", url="https://photo.zdn.vn/1.jpg", thumbnail="t.jpg")
    assert zalo.texts_to(lan)[-1] == outside
    await zalo.user_sends(lan, "file", url="https://f.zdn.vn/bc.pdf", name="bc.pdf", size="2048")
    assert zalo.texts_to(lan)[-1] == outside
