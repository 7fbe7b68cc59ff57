"""`python main.py` on a fresh database, as a newcomer tries it: the sample bloc imported, a
unit picked by number, the whole bot running behind the console (the scheduler announces,
the outbox delivers), another unit played with /vai, another year with --date, and Ctrl+C
ending it cleanly."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.samples import ROOT

WAIT = 60.0
MAIL_FOR = "📨 Có tin nhắn mới cho "


def _ctrl_c_reaches_it() -> None:
    """A shell without job control starts its background commands (CI's, this test run)
    with SIGINT ignored, and the child would inherit that: give it a terminal's default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Session:
    """`python main.py ARGS` with stdin and stdout piped: type a line, wait for a text."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.output = ""

    @classmethod
    async def start(cls, database: Path, *args: str, **extra_env: str) -> Session:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.endswith("_BOT_TOKEN") and key not in ("DATABASE_URL", "WEBHOOK_URL")
        }
        env.update(DATABASE_URL=f"sqlite+aiosqlite:///{database}", PYTHONIOENCODING="utf-8")
        env.update(extra_env)
        process = await asyncio.create_subprocess_exec(
            sys.executable, str(ROOT / "main.py"), *args, cwd=database.parent, env=env,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, preexec_fn=_ctrl_c_reaches_it,
        )  # fmt: skip
        return cls(process)

    async def wait_for(self, text: str, after: int = 0) -> int:
        """Read until `text` appears after position `after`; where it ends."""
        assert self.process.stdout is not None
        try:
            async with asyncio.timeout(WAIT):
                while (at := self.output.find(text, after)) < 0:
                    chunk = await self.process.stdout.read(4096)
                    if not chunk:
                        raise AssertionError(f"ended before {text!r}:\n{self.output}")
                    self.output += chunk.decode()
        except TimeoutError:
            raise AssertionError(f"no {text!r} after {after}:\n{self.output}") from None
        return at + len(text)

    async def type(self, line: str) -> int:
        assert self.process.stdin is not None
        mark = len(self.output)
        self.process.stdin.write(f"{line}\n".encode())
        await self.process.stdin.drain()
        return mark

    async def interrupt(self) -> int:
        """Ctrl+C, as the terminal sends it; the exit code."""
        self.process.send_signal(signal.SIGINT)
        assert self.process.stdout is not None
        async with asyncio.timeout(WAIT):
            self.output += (await self.process.stdout.read()).decode()
            return await self.process.wait()


@pytest.fixture
async def session(tmp_path: Path):  # type: ignore[no-untyped-def]
    sessions: list[Session] = []

    async def open_session(*args: str, **env: str) -> Session:
        sessions.append(await Session.start(tmp_path / "thidua.db", *args, **env))
        return sessions[-1]

    yield open_session
    for opened in sessions:
        if opened.process.returncode is None:
            opened.process.kill()
            await opened.process.wait()


async def test_a_newcomer_picks_a_unit_plays_another_and_stops_with_ctrl_c(session) -> None:  # type: ignore[no-untyped-def]
    first = await session()
    at = await first.wait_for("/samples/khoi7-travinh-2022.yaml để dùng thử.")
    at = await first.wait_for("Chọn đơn vị để đóng vai cán bộ thi đua (gõ số):\n1. Sở NN&PTNT", at)
    await first.wait_for("5. Đài PT-TH — Khối phó\n> ", at)

    at = await first.wait_for(
        "Bây giờ anh/chị đóng vai cán bộ thi đua của Sở NN&PTNT", await first.type("1")
    )
    at = await first.wait_for("Anh/chị đã tham gia Khối thi đua Khối 7 (năm 2022)", at)
    at = await first.wait_for("Việc cần làm của Sở NN&PTNT", await first.type("/viec"))
    at = await first.wait_for("3. Sở GTVT — thành viên", await first.type("/vai"))
    at = await first.wait_for("đóng vai cán bộ thi đua của Sở GTVT", await first.type("3"))
    await first.wait_for("Khối trưởng năm nay: Sở Nông nghiệp và Phát triển nông thôn.", at)

    assert await first.interrupt() == 130
    assert first.output.rstrip().endswith("Đã dừng Thi Đua Bot.")
    assert "Traceback" not in first.output


async def test_with_date_the_scheduler_runs_and_mail_waits_for_its_reader(session) -> None:  # type: ignore[no-untyped-def]
    joining = await session("--date", "2022-11-14")  # the eve: nothing of the window yet
    await joining.wait_for("5. Đài PT-TH — Khối phó\n> ")
    await joining.wait_for("Chào ", await joining.type("1"))  # Sở NN&PTNT joins
    await joining.type("/thoat")
    assert await joining.process.wait() == 0

    # The day the annual window opens: the scheduler announces it at once to the unit that
    # joined; the console, acting as nobody yet, keeps it for Sở NN&PTNT.
    later = await session("--date", "2022-11-15")
    at = await later.wait_for("Đồng hồ của bot bắt đầu từ ")
    at = await later.wait_for(f"{MAIL_FOR}Sở NN&PTNT — Khối trưởng — gõ /vai", at)
    at = await later.wait_for(
        "1. Sở NN&PTNT — Khối trưởng (📨 1 tin nhắn chờ)", await later.type("/vai")
    )
    at = await later.wait_for("đóng vai cán bộ thi đua của Sở NN&PTNT", await later.type("1"))
    at = await later.wait_for("📢 Đợt chấm điểm thi đua năm 2022 đã mở đến 15/12/2022", at)
    await later.wait_for("Chấm điểm năm 2022", await later.type("1"))  # its button, by number
    assert await later.interrupt() == 130
    assert "Traceback" not in later.output


async def test_date_is_refused_where_real_people_would_be_reached(session) -> None:  # type: ignore[no-untyped-def]
    refused = await session("--date", "2022-11-15", TELEGRAM_BOT_TOKEN="1:TEST")
    await refused.wait_for("--date chỉ dùng để thử trên console")
    assert await refused.process.wait() == 2
    bad = await session("console", "--date", "31/02/2022")
    await bad.wait_for("ngày «31/02/2022» không đúng")
    assert await bad.process.wait() == 2
