"""On Telegram, /chamdiem offers the score sheet as a Mini App button (an HTTPS page signed
in by its initData, no link to keep secret); a plain-HTTP server gets a link in the text,
as Telegram opens only HTTPS pages as Mini Apps (the fake refuses the button otherwise)."""

from __future__ import annotations

import re
from dataclasses import replace

from tests.channels.test_scoring_telegram import (  # the channel polling the fake server
    HUNG,
    Harness,
    scoring,  # noqa: F401  (fixtures)
    server,  # noqa: F401
    tg,  # noqa: F401
)


async def test_the_score_sheet_is_a_mini_app_button_on_an_https_server(
    scoring: Harness,  # noqa: F811  (the imported fixture)
) -> None:
    app = scoring.runtime.app
    app.config = replace(app.config, public_base_url="https://bot.example.vn", web_pages=True)
    sheet = await scoring.reply_to(HUNG, "/chamdiem")
    first = (sheet.reply_markup or {})["inline_keyboard"][0]
    assert first == [
        {"text": "📝 Mở phiếu chấm điểm",
         "web_app": {"url": "https://bot.example.vn/w/sheet?tg=1"}}
    ]  # fmt: skip
    assert "/w/in/" not in (sheet.text or "")


async def test_a_plain_http_server_gets_a_personal_link_instead(
    scoring: Harness,  # noqa: F811
) -> None:
    app = scoring.runtime.app
    app.config = replace(app.config, public_base_url="http://127.0.0.1:8080", web_pages=True)
    sheet = await scoring.reply_to(HUNG, "/chamdiem")
    assert re.search(r"📝 Mở phiếu chấm điểm: http://127\.0\.0\.1:8080/w/in/\S+", sheet.text or "")
    labels = [b["text"] for row in (sheet.reply_markup or {})["inline_keyboard"] for b in row]
    assert "📝 Mở phiếu chấm điểm" not in labels
