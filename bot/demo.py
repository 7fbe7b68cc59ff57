"""`python main.py demo`: a whole year of the project's sample bloc, played through the real
handlers on a simulated clock in a temporary database, told as it goes (in Vietnamese, or
in English with `--lang en`); every document the year produces is written into a folder."""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bot import demo_story, demo_vote, samples
from bot.demo_stage import DemoClock, DemoError, Printer, Stage, fast_sqlite, local
from bot.i18n import DEFAULT_LOCALE, Translator
from bot.runtime import build_runtime
from bot.settings import Settings
from domain.model import Channel

SAMPLE = samples.KHOI7
START = local(2022, 1, 3, 9, 0)  # a Monday before the pledge window opens
# The documents the year writes, by the start of their file names (demo-kind-… in the catalogs).
KINDS = (
    "giao-uoc", "bang-tong-hop-diem", "xep-hang", "hoi-nghi", "bien-ban", "to-trinh", "ket-qua",
    "ho-so-gui-ban-tdkt",
)  # fmt: skip
TRY_COMMAND = "python main.py --date 2022-11-20"  # the annual scoring window is open then


def _silent(_text: str) -> None:
    pass


def default_out_dir() -> Path:
    return Path.cwd() / f"demo-{datetime.now():%Y%m%d-%H%M%S}"


def run_demo(
    out: Path | None = None,
    quiet: bool = False,
    say: Printer = print,
    channel: Channel = Channel.TELEGRAM,
    locale: str = DEFAULT_LOCALE,
) -> int:
    """The demo from the command line: 0 when the year ran as told, 1 when it did not.
    `channel`: whose accounts the officers use (Telegram, or the Zalo Official Account);
    `locale`: the narration's language (the officers still type and read Vietnamese)."""
    t = Translator(locale)
    out_dir = out or default_out_dir()
    started = time.monotonic()
    tell = _silent if quiet else say
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        files = asyncio.run(demo(out_dir, tell, channel=channel, locale=t.locale))
    except DemoError as error:
        say(t("demo-stopped", error=str(error)))
        return 1
    say("")
    seconds = f"{time.monotonic() - started:.1f}"
    if t.locale == "vi":
        seconds = seconds.replace(".", ",")
    say(t("demo-done", seconds=seconds))
    say(t("demo-files", folder=str(out_dir)))
    for path in files:
        stem = next((stem for stem in KINDS if path.name.startswith(stem)), None)
        say(f"  {path.name:<40} {t(f'demo-kind-{stem}') if stem else ''}")
    if not quiet:
        say("")
        say(t("demo-try", command=TRY_COMMAND))
    return 0


async def demo(
    out_dir: Path,
    say: Printer,
    sample: Path = SAMPLE,
    channel: Channel = Channel.TELEGRAM,
    locale: str = DEFAULT_LOCALE,
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
            stage = Stage(runtime, clock, out_dir, say, channel, locale)
            people = await demo_story.play(stage, sample)
            await demo_vote.play(stage, people)
        finally:
            await runtime.close()
    return sorted(stage.saved.values())
