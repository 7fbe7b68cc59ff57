"""The documents in the chat, through the conversation core every channel feeds: the leader
keeps the register's next number (/sovanban), types who the minutes name, and gets the file
for the provincial board where /binhxet offers the ballots' papers; the board may take it."""

from __future__ import annotations

import io
from datetime import timedelta

from docx import Document

from bot.runtime import Runtime
from domain.ballots import BallotKind
from domain.model import BoardRole, Channel
from domain.services import voting
from domain.services.invites import create_board_invite
from tests.channels.test_ballots_zalo import member_of, publish_annual_ranking
from tests.channels.test_pledges_chat import DOCX, Chat
from tests.fakes.clock import FakeClock


def docx_lines(content: bytes) -> list[str]:
    return [" ".join(p.text.split()) for p in Document(io.BytesIO(content)).paragraphs]


async def test_the_leader_sets_the_registers_next_number(
    sample_runtime: Runtime, invite_codes: dict[str, str]
) -> None:
    app = sample_runtime.app
    leader = Chat(app, Channel.CONSOLE, "console:snn", "Nguyễn Văn Đông")
    officer = Chat(app, Channel.TELEGRAM, "3001", "Trần Thị Mai")
    await leader.say(f"/start {invite_codes['SNN']}")
    await officer.say(f"/start {invite_codes['STN']}")

    book = await leader.say("/sovanban")
    assert book.text.startswith("📑 Sổ văn bản năm 2022 của Khối thi đua Khối 7")
    assert "Chưa cấp số văn bản nào trong năm." in book.text
    assert "Văn bản tiếp theo lấy số: 01" in book.text
    asked = await leader.choose("✏️ Đặt số tiếp theo")
    assert asked.lettered and "lớn hơn số đã cấp gần nhất (00)" in asked.text
    refused = await leader.say("mười hai")
    assert refused.is_error and "«mười hai» không dùng được" in refused.text
    done = await leader.say("12")  # still asked: the refusal kept the step
    assert done.text.startswith("✅ Đã đặt: văn bản tiếp theo của năm 2022 nhận số 12.")
    assert "Văn bản tiếp theo lấy số: 12" in done.text

    denied = await officer.say("/sovanban")
    assert denied.is_error and "không có quyền" in denied.text


async def test_officials_and_the_file_for_the_board(
    sample_runtime: Runtime, invite_codes: dict[str, str], clock: FakeClock
) -> None:
    app = sample_runtime.app
    people = {code: f"console:{code.lower()}" for code in invite_codes}
    leader = Chat(app, Channel.CONSOLE, people["SNN"], "Nguyễn Văn Đông")
    for code, user in people.items():
        chat = leader if code == "SNN" else Chat(app, Channel.CONSOLE, user, f"Cán bộ {code}")
        await chat.say(f"/start {invite_codes[code]}")
    await publish_annual_ranking(sample_runtime, clock, Channel.CONSOLE, people)

    listing = await leader.say("/binhxet")
    assert "📚 Hồ sơ gửi Ban TĐKT" not in [b.label for b in listing.flat_buttons()]
    await leader.choose("➕ Mở cuộc bình xét mới")
    draft = await leader.choose("🚩 Đề nghị Cờ thi đua")
    assert "👤 Chủ trì: Nguyễn Hoàng Phúc, Giám đốc Sở Nông nghiệp" in draft.text
    assert "✍️ Thư ký: Nguyễn Văn Đông" in draft.text
    assert "🧮 Ban kiểm phiếu: (để trống, ghi tay khi ký)" in draft.text
    asked = await leader.choose("👥 Chủ trì, thư ký, kiểm phiếu")
    assert asked.lettered and "Chủ trì: Nguyễn Văn An" in asked.text  # the example
    wrong = await leader.say("Nguyễn Văn An")
    assert wrong.is_error and "Bot chưa hiểu dòng «Nguyễn Văn An»" in wrong.text
    draft = await leader.say("Thư ký: Trần Thị Bình, chuyên viên\nKiểm phiếu: Lê Văn Cường; Võ Em")
    assert "✍️ Thư ký: Trần Thị Bình, chuyên viên" in draft.text
    assert "🧮 Ban kiểm phiếu: Lê Văn Cường; Võ Em" in draft.text
    assert "👤 Chủ trì: Nguyễn Hoàng Phúc" in draft.text  # kept
    opened = await leader.choose("✅ Mở bỏ phiếu")
    assert opened.text.startswith("🗳 Đã mở bỏ phiếu")

    async with sample_runtime.uow() as uow:
        (ballot,) = await uow.ballots.open_ballots()
        assert ballot.kind is BallotKind.FLAG and ballot.id is not None
        assert str(ballot.officials.secretary) == "Trần Thị Bình, chuyên viên"
        agree = frozenset(c.id for c in ballot.candidates if c.id is not None)
        for user in people.values():
            member = await member_of(uow, Channel.CONSOLE, user)
            await voting.cast(uow, member, ballot.id, agree, clock.now(), app.notices)
        await uow.commit()
    clock.current += timedelta(minutes=10)
    await leader.say("/binhxet")
    await leader.choose(f"⏹ Đóng cuộc số {ballot.id}")
    result = await leader.choose("⏹ Đóng và kiểm phiếu")
    labels = [b.label for b in result.flat_buttons()]
    assert "👥 Chủ trì, thư ký, kiểm phiếu" in labels and "📚 Hồ sơ gửi Ban TĐKT" in labels

    await leader.choose("👥 Chủ trì, thư ký, kiểm phiếu")  # after the close: still possible
    again = await leader.say("Chủ trì: Trần Văn Lộc, Giám đốc Sở Tài nguyên và Môi trường")
    assert again.text.startswith("✅ Đã ghi người chủ trì, thư ký và Ban kiểm phiếu")
    papers = await leader.choose("📄 Biên bản, tờ trình, biểu đồ")
    minutes = docx_lines(next(f for f in papers.files if f.name.startswith("bien-ban")).content)
    chair = "Trần Văn Lộc, Giám đốc Sở Tài nguyên và Môi trường"
    assert f"- Chủ trì: {chair} (đơn vị Khối trưởng)." in minutes

    await leader.say("/binhxet")
    bundle = await leader.choose("📚 Hồ sơ gửi Ban TĐKT")
    assert bundle.text.startswith("📚 Hồ sơ gửi Ban Thi đua - Khen thưởng năm 2022: 1 tờ trình")
    [document] = bundle.files
    assert document.name == "ho-so-gui-ban-tdkt-2022.docx" and document.mime_type == DOCX
    lines = docx_lines(document.content)
    order = [line for line in lines if line in ("TỜ TRÌNH", "BIÊN BẢN KIỂM PHIẾU")]
    assert order == ["TỜ TRÌNH", "BIÊN BẢN KIỂM PHIẾU"]
    assert "(Giao ước thi đua năm chưa được lập nên chưa có trong hồ sơ.)" in lines

    # The board's account gets it too.
    async with sample_runtime.uow() as uow:
        invite = await create_board_invite(uow, BoardRole.OBSERVER, clock.now())
        await uow.commit()
    board = Chat(app, Channel.TELEGRAM, "9009", "Ban TĐKT")
    await board.say(f"/start {invite.code}")
    await board.say("/binhxet")
    from_board = await board.choose("📚 Hồ sơ gửi Ban TĐKT")
    assert [f.name for f in from_board.files] == ["ho-so-gui-ban-tdkt-2022.docx"]
