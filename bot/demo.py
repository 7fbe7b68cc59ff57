"""`python main.py demo`: a whole year of the project's sample bloc, played through the real
handlers on a simulated clock in a temporary database, told in Vietnamese as it goes; every
document the year produces is written into a folder."""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bot import demo_story, demo_vote, samples
from bot.demo_stage import DemoClock, DemoError, Printer, Stage, fast_sqlite, local
from bot.runtime import build_runtime
from bot.settings import Settings
from domain.model import Channel

SAMPLE = samples.KHOI7
START = local(2022, 1, 3, 9, 0)  # a Monday before the pledge window opens
KINDS = (
    ("giao-uoc", "giao ước thi đua (ký kết)"),
    ("bang-tong-hop-diem", "bảng tổng hợp điểm"),
    ("xep-hang", "biểu đồ xếp hạng"),
    ("hoi-nghi", "lịch hội nghị cho điện thoại"),
    ("bien-ban", "biên bản kiểm phiếu"),
    ("to-trinh", "tờ trình đề nghị khen thưởng"),
    ("ket-qua", "biểu đồ kết quả bỏ phiếu"),
    ("ho-so-gui-ban-tdkt", "hồ sơ gửi Ban Thi đua - Khen thưởng"),
)


def default_out_dir() -> Path:
    return Path.cwd() / f"demo-{datetime.now():%Y%m%d-%H%M%S}"


def run_demo(
    out: Path | None = None,
    quiet: bool = False,
    say: Printer = print,
    channel: Channel = Channel.TELEGRAM,
) -> int:
    """The demo from the command line: 0 when the year ran as told, 1 when it did not.
    `channel`: whose accounts the officers use (Telegram, or the Zalo Official Account)."""
    out_dir = out or default_out_dir()
    started = time.monotonic()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        files = asyncio.run(demo(out_dir, (lambda _text: None) if quiet else say, channel=channel))
    except DemoError as error:
        say(f"❌ Bản chạy thử dừng lại: {error}")
        return 1
    say("")
    seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")  # Vietnamese decimal comma
    say(f"✅ Xong một năm của khối trong {seconds} giây.")
    say(f"Các văn bản ở thư mục {out_dir}:")
    for path in files:
        kind = next((text for stem, text in KINDS if path.name.startswith(stem)), "")
        say(f"  {path.name:<40} {kind}")
    if not quiet:
        say("")
        say("Tự tay thử năm này trên console: python main.py --date 2022-11-20 (đang chấm điểm).")
    return 0


async def demo(
    out_dir: Path, say: Printer, sample: Path = SAMPLE, channel: Channel = Channel.TELEGRAM
) -> list[Path]:
    """Play the year into the existing `out_dir`; the files written, by name."""
    with tempfile.TemporaryDirectory(prefix="thidua-demo-") as scratch:
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{Path(scratch) / 'demo.db'}",
            telegram_bot_token=None,
            zalo_bot_token=None,
            _env_file=None,  # type: ignore[call-arg]
        )
        clock = DemoClock(START)
        runtime = await build_runtime(settings, clock=clock)
        try:
            await fast_sqlite(runtime)
            stage = Stage(runtime, clock, out_dir, say, channel)
            people = await demo_story.play(stage, sample)
            await demo_vote.play(stage, people)
        finally:
            await runtime.close()
    return sorted(stage.saved.values())
