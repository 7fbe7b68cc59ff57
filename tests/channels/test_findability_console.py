"""Every feature found from the console, by number, by "0" and by plain words; and the cụm
sample (Cụm thi đua số 3, Cần Thơ, 2025) speaking of itself in its own words end to end:
"Cụm trưởng", "Cụm phó", "UBND thành phố", never "Khối" or "tỉnh"."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from bot import admin, samples
from bot.channels.console import ConsoleChannel
from bot.dispatcher import OutboxDispatcher, link_maker
from bot.runtime import Runtime
from domain.model import Channel
from domain.services import invites, scoring
from domain.summary import Cycle
from scheduler import jobs
from tests.channels import test_cross_console as cross
from tests.channels.ballot_support import unpaced
from tests.channels.menu_support import LEADER_MENU, numbered
from tests.channels.test_ballots_zalo import member_of
from tests.channels.test_cross_console import Sender, choice
from tests.fakes.clock import FakeClock

CUM_CODE = "cum3-cantho"
REVIEW = datetime(2025, 11, 21, 2, 0, tzinfo=UTC)  # 09:00 local: the annual window is open
CUM_PEOPLE = {"STC": "Trần Quốc Hùng", "SCT": "Lê Thị Ngọc Hân"}
# Sở Công Thương's sheet on the 1,000-point scale: 940 points.
CUM_SCORES = {
    "1.1": "190", "1.2": "110", "1.3": "95", "1.4": "75", "2.1": "75", "2.2": "65",
    "2.3": "45", "3.1": "55", "3.2": "40", "3.3": "45", "4.1": "55", "4.2": "45", "4.3": "35",
}  # fmt: skip


class Terminal(cross.Terminal):
    """One person at a console, keeping every answer for what the whole session said."""

    def __init__(self, runtime: Runtime, unit: str, name: str) -> None:
        self.user_id = f"console:{unit.lower()}"
        self.stdout = io.StringIO()
        self.seen: list[str] = []
        self.channel = ConsoleChannel(
            runtime.app, user_id=self.user_id, user_name=name,
            stdin=io.StringIO(), stdout=self.stdout,
        )  # fmt: skip

    async def type(self, line: str) -> str:
        answer = await super().type(line)
        self.seen.append(answer)
        return answer


# ------------------------------------------------------------------ "0" and plain words


async def test_zero_and_plain_words_reach_every_feature(
    sample_runtime: Runtime, invite_codes: dict[str, str]
) -> None:
    """10/01/2022: Khối 7's pledge window is open, scoring is not."""
    dong = Terminal(sample_runtime, "SNN", "Nguyễn Văn Đông")
    greeting = await dong.type(f"/start {invite_codes['SNN']}")
    assert greeting.startswith("Chào anh/chị Đông! Anh/chị đã tham gia Khối thi đua Khối 7")

    overview = await dong.type("2")
    assert overview.startswith("🏢 Khối thi đua Khối 7 — năm 2022")
    menu = await dong.type("0")  # whatever list is on screen, 0 is the way back
    assert (
        menu == f"Menu chính — Sở NN&PTNT\nChọn việc anh/chị muốn làm:\n\n{numbered(LEADER_MENU)}"
    )
    await dong.type("/ngonngu")
    assert (await dong.type("0")).startswith("Menu chính — Sở NN&PTNT")

    pledge = await dong.type("dang ky")
    assert pledge.startswith("📝 Đăng ký thi đua năm 2022 — Sở NN&PTNT (bản nháp)")
    ask = await dong.type(choice(pledge, "✍️ Cam kết"))
    assert "(tối đa 4000 ký tự)" in ask  # the limit is said before the typing
    saved = await dong.type("Bỏ phiếu")  # read by the step in progress: a commitment
    assert saved.startswith("✅ Đã lưu cam kết.")
    assert "Bỏ phiếu" in await dong.type("/dangky")

    assert (await dong.type("Bỏ phiếu")).startswith("🗳 Bình xét năm 2022")
    assert (await dong.type("hội nghị")).startswith("📅 Hội nghị của Khối năm 2022")
    assert (await dong.type("giúp")).startswith("Các lệnh của Thi Đua Bot:")
    assert (await dong.type("Cham diem")).startswith(
        "⚠️ Đợt chấm điểm sơ kết 6 tháng năm 2022 mở từ"
    )
    assert (await dong.type("tôi muốn xem xếp hạng")).startswith("🏆 Xếp hạng")
    assert (await dong.type("cho hỏi hạn nộp báo cáo")).startswith("Bot chưa hiểu")  # a question
    assert (await dong.type("menu")).startswith("Menu chính — Sở NN&PTNT")


# ------------------------------------------------------------- refusals before the typing


async def test_a_new_close_too_early_is_refused_before_the_reason(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock
) -> None:
    dong = Terminal(sample_runtime, "SNN", "Nguyễn Văn Đông")
    await dong.type(f"/start {invite_codes['SNN']}")
    clock.current = datetime(2022, 11, 20, 2, 0, tzinfo=UTC)  # the annual window is open
    board = await dong.type("/thamdinh")
    tools = await dong.type(choice(board, "Gia hạn, mở lại bảng điểm"))
    ask = await dong.type(choice(tools, "Gia hạn đợt chấm điểm tổng kết"))
    assert ask.startswith("Hạn mới của")

    refused = await dong.type("10/12/2022")  # before the close, 15/12

    assert refused.startswith("⚠️ Hạn mới phải sau hạn hiện tại (23:59 15/12/2022)")
    assert "Lý do" not in refused
    assert (await dong.type("20/12/2022")).startswith("Lý do gia hạn")


async def test_a_pledge_withdrawn_meanwhile_is_not_returned_with_a_reason(
    sample_runtime: Runtime, invite_codes: dict[str, str]
) -> None:
    """10/01/2022, the pledge window open: Sở Công Thương sends its pledge, the leader opens
    it, then the unit withdraws it. "Trả lại" is refused at once, before a reason is typed."""
    dong = Terminal(sample_runtime, "SNN", "Nguyễn Văn Đông")
    lan = Terminal(sample_runtime, "SCT", "Võ Thị Lan")
    await dong.type(f"/start {invite_codes['SNN']}")
    await lan.type(f"/start {invite_codes['SCT']}")
    pledge = await lan.type("/dangky")
    pledge = await lan.type(choice(pledge, "Lao động xuất sắc"))
    await lan.type(choice(pledge, "Cam kết"))
    pledge = await lan.type("Hoàn thành 100% chỉ tiêu kế hoạch năm 2022.")
    sent = await lan.type(choice(await lan.type("/dangky"), "Gửi đăng ký"))
    assert sent.startswith("📤 Đã gửi đăng ký thi đua năm 2022 của Sở Công Thương.")
    listing = await dong.type("/duyet")
    unit = await dong.type(choice(listing, "Sở Công Thương"))
    await lan.type(choice(await lan.type("/dangky"), "Rút lại"))

    refused = await dong.type(choice(unit, "Trả lại"))

    assert refused.startswith("⚠️ Đăng ký chưa được gửi.")
    assert "Lý do trả lại" not in refused


# ------------------------------------------------------------------------- the cụm sample


@pytest.fixture
async def cum(runtime: Runtime, clock: FakeClock) -> dict[str, str]:
    clock.current = REVIEW - timedelta(days=300)
    assert await admin.import_file(runtime, samples.CUM_1000, lambda _line: None) == 0
    async with runtime.uow() as uow:
        items = await invites.ensure_unit_invites(uow, CUM_CODE, clock.now(), 400)
        await uow.commit()
    clock.current = REVIEW
    return {item.unit.code: item.invitation.code for item in items}


async def submit_sheet(runtime: Runtime, clock: FakeClock, user_id: str) -> None:
    async with runtime.uow() as uow:
        member = await member_of(uow, Channel.CONSOLE, user_id)
        view = await scoring.open_sheet(uow, member, Cycle.ANNUAL, clock.now())
        for code, value in CUM_SCORES.items():
            await scoring.set_entry(uow, member, view.sheet.id or 0, code, value, clock.now())
        await uow.commit()


async def test_the_cum_sample_reads_right_end_to_end(
    runtime: Runtime, cum: dict[str, str], clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    unpaced(monkeypatch)
    leader = Terminal(runtime, "STC", CUM_PEOPLE["STC"])
    member = Terminal(runtime, "SCT", CUM_PEOPLE["SCT"])
    app = runtime.app
    link = link_maker(app.config.public_base_url, await app.signing_secret())
    outbox = Sender({"STC": leader, "SCT": member})
    dispatcher = OutboxDispatcher(runtime.uow, clock, {Channel.CONSOLE: outbox}, link)

    greeting = await leader.type(f"/start {cum['STC']}")
    assert greeting.startswith("Chào anh/chị Hùng! Anh/chị đã tham gia Cụm thi đua số 3")
    assert "Sở Tài chính là Cụm trưởng năm nay." in greeting
    assert "2. 🏢 Cụm của tôi" in greeting
    joined = await member.type(f"/start {cum['SCT']}")
    assert "Cụm trưởng năm nay: Sở Tài chính." in joined
    assert joined.startswith("Chào anh/chị Hân!")

    overview = await leader.type("/khoi")
    assert "Thành phố: Cần Thơ" in overview.splitlines()
    assert "Cụm trưởng: Sở Tài chính" in overview.splitlines()
    assert "Cụm phó: Sở Xây dựng" in overview.splitlines()
    assert "Dành cho Cụm trưởng, Cụm phó, Ban Thi đua - Khen thưởng:" in await leader.type("giúp")
    assert "Dành riêng cho Cụm trưởng, Cụm phó" in await member.type("/trogiup")

    await submit_sheet(runtime, clock, member.user_id)
    sheet = await member.type("/chamdiem")
    confirm = await member.type(choice(sheet, "Nộp bảng điểm"))
    done = await member.type(choice(confirm, "Nộp"))
    assert "Cụm trưởng và Cụm phó sẽ thẩm định" in done
    assert "Sở Tài chính là đơn vị của anh/chị: Cụm phó thẩm định." in await leader.type(
        "/thamdinh"
    )
    assert (await leader.type("hội nghị")).startswith("📅 Hội nghị của Cụm năm 2025")

    ballots = await leader.type("/binhxet")
    kinds = await leader.type(choice(ballots, "Mở cuộc bình xét mới"))
    assert "Đề nghị Cờ thi đua của UBND thành phố" in kinds
    assert "Đề nghị Bằng khen của Chủ tịch UBND thành phố" in kinds
    assert "Bầu Cụm trưởng năm sau" in kinds and "Bầu Cụm phó năm sau" in kinds
    setup = await leader.type(choice(kinds, "Cờ thi đua"))
    assert setup.startswith("Chuẩn bị: BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND THÀNH PHỐ NĂM 2025")
    picking = await leader.type(choice(setup, "Ứng viên"))
    picked = await leader.type(choice(picking, "Sở Công Thương"))
    setup = await leader.type(choice(picked, "Xong"))
    opened = await leader.type(choice(setup, "Mở bỏ phiếu"))
    assert "nhóm Telegram của Cụm" in opened
    printed = len(member.stdout.getvalue())
    await dispatcher.flush()  # the paper reaches Sở Công Thương through the outbox
    notice = member.stdout.getvalue()[printed:]
    assert "BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND THÀNH PHỐ NĂM 2025" in notice
    paper = await member.type("/binhxet")
    assert "BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND THÀNH PHỐ NĂM 2025" in paper

    # Closed on time by the scheduler, outside any update: the result still speaks of the cụm.
    clock.advance(timedelta(days=8))
    await jobs.ballot_tick(runtime.uow, clock, app.notices)
    printed = len(member.stdout.getvalue())
    await dispatcher.flush()
    result = member.stdout.getvalue()[printed:]
    assert "KẾT QUẢ BÌNH XÉT ĐỀ NGHỊ CỜ THI ĐUA CỦA UBND THÀNH PHỐ NĂM 2025" in result

    handover = await leader.type("/bangiao")
    assert handover.startswith("🚩 Bàn giao Cụm trưởng, Cụm phó: năm 2025 → năm 2026")

    said = "\n".join(leader.seen + member.seen + [member.stdout.getvalue()])
    assert "khối" not in said.lower()
    assert "tỉnh" not in said.lower()
