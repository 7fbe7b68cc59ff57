"""Count: what scoring the whole sample sheet (18 items, 3 bonus, 4 penalties) takes in the
chat and on the web page.

The chat is played for real through the console channel (as on Zalo: numbered choices, each
screen sent again in full): every message the officer sends is one action, and every screen
the bot sends back is counted with its lines. The page's actions are those the browser test
(tests/web/test_sheet_page.py) performs, counted from the same sheet: a tap on a field and
its typing (a one-off penalty: one tap on "Không"), then submitting and confirming.

    .venv/bin/python bench/count_sheet_effort.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.admin import read_bloc_file
from bot.runtime import build_runtime
from bot.settings import Settings
from domain.bloc_spec import parse_bloc_spec
from domain.services import importer, invites
from tests.fakes.clock import FakeClock
from tests.samples import SAMPLE_YAML
from tests.web.conftest import IN_WINDOW, Site
from tests.web.test_sheet_page import BONUS, COUNTS, ITEMS, YES_NO
from web.present import typed_number


async def chat_effort() -> tuple[int, int, int]:
    """(messages the officer sends, screens the bot sends, lines in them)."""
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(IN_WINDOW)
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{folder}/effort.db", telegram_bot_token=None,
            zalo_bot_token=None, web_pages=False, _env_file=None,
        )  # type: ignore[call-arg]  # fmt: skip
        runtime = await build_runtime(settings, clock=clock)
        try:
            data, where = read_bloc_file(SAMPLE_YAML)
            async with runtime.uow() as uow:
                await importer.import_bloc(uow, parse_bloc_spec(data, where), clock.now())
                made = await invites.ensure_unit_invites(uow, data["bloc"]["code"], clock.now(), 60)
                await uow.commit()
            code = next(i.invitation.code for i in made if i.unit.code == "SNN")
            site = Site(runtime, clock, "", None)  # type: ignore[arg-type]
            await site.say("an", f"/start {code}", "Nguyễn Văn An")
            site.said.clear()
            sent = ["/chamdiem", "1"]  # the sheet, then section I: its first item
            # Each typed score moves on to the next criterion, across sections, bonus and
            # penalties: one message per criterion (a one-off penalty is typed 0 or 1).
            # The chat reads "3" where the page also takes "3 điểm".
            scores = [typed_number(v) for v in (ITEMS | BONUS).values()]
            sent += [*scores, YES_NO["22"], COUNTS["23"], COUNTS["24"], YES_NO["25"]]
            for text in sent:
                await site.say("an", text)
            # «📤 Nộp bảng điểm» on the overview, found by its label, then confirm.
            submit = next(line.split(".")[0] for line in site.said[-1].splitlines()
                          if line.endswith("Nộp bảng điểm"))  # fmt: skip
            for text in (submit, "1"):
                sent.append(text)
                await site.say("an", text)
            assert "Đã nộp" in site.said[-1], site.said[-1]
            lines = sum(len(screen.splitlines()) for screen in site.said)
            return len(sent), len(site.said), lines
        finally:
            await runtime.close()


def page_effort(next_key: bool) -> tuple[int, int]:
    """(actions, of which typing) on the page for the same sheet: a tap on each field, or
    (`next_key`) a tap on the first one and the keyboard's Next after each value; the two
    radios; submit and confirm."""
    typed = len(ITEMS) + len(BONUS) + len(COUNTS)
    taps = (1 if next_key else typed) + len(YES_NO) + 2
    return taps + typed, typed


async def main() -> int:
    sent, screens, lines = await chat_effort()
    print("scoring the sample sheet (18 items, 3 bonus, 4 penalties) and submitting it")
    print(f"  chat (Zalo, console): {sent} messages sent, {screens} screens back "
          f"({lines} lines to read)")  # fmt: skip
    for next_key, how in ((False, "tapping each field"), (True, "with the keyboard's Next")):
        actions, typed = page_effort(next_key)
        print(f"  web page, {how}: {actions} actions ({typed} typed values, "
              f"{actions - typed} taps) on 1 page (+1 confirmation)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
