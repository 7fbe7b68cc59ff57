"""Signing in to the web pages and what keeps others out, in the browser: a Mini App's
initData checked as Telegram documents it, single-use links that expire in 15 minutes,
another unit's or bloc's ids answered 404, CSRF tokens, and sign-in rate limits."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.admin import read_bloc_file
from bot.request import ChatKind, Incoming
from domain.bloc_spec import parse_bloc_spec
from domain.model import Channel
from domain.services import importer
from domain.sheets import ScoreSheet
from domain.summary import Cycle
from tests.samples import CUM_1000_YAML
from tests.web.conftest import BOT_TOKEN, PHONE, Site, join, shot
from web.auth import sign_init_data


def init_data(site: Site, user_id: int, token: str = BOT_TOKEN, age: float = 60) -> str:
    """What Telegram hands the Mini App, signed `age` seconds ago by the site's clock."""
    user = json.dumps({"id": user_id, "first_name": "Lê", "last_name": "Văn Cường"})
    signed_at = int(site.clock.now().timestamp() - age)
    fields = {"auth_date": str(signed_at), "query_id": "AAH1", "user": user}
    # Telegram puts it in the URL's fragment encoded as one value.
    return quote(sign_init_data(fields, token), safe="")


async def telegram_officer(site: Site, user_id: int, code: str) -> None:
    """Someone who joined the unit in the Telegram chat."""
    incoming = Incoming(
        channel=Channel.TELEGRAM, chat_id=str(user_id), chat_kind=ChatKind.PRIVATE,
        user_id=str(user_id), user_name="Lê Văn Cường", text=f"/start {code}",
    )  # fmt: skip
    await site.runtime.app.handle(incoming)


async def test_a_mini_app_signs_in_as_the_chat_account_and_a_forged_one_gets_401(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await telegram_officer(site, 777001, invite_codes["STN"])
    # Telegram opens the Mini App's URL with the signed data in the fragment.
    forged = init_data(site, 777001, token="123456:not-the-bot-token")
    await phone.goto(f"{site.base}/w/sheet?tg=1#tgWebAppData={forged}")
    await phone.wait_for_selector("text=Telegram không xác nhận được tài khoản")
    assert "chưa đăng nhập" in await phone.inner_text("main")
    await shot(phone, "signed-out", full=False)
    stale = init_data(site, 777001, age=2 * 86400)  # older than a day
    for refused in (forged, stale):
        status = await phone.evaluate(
            "data => fetch('/w/tg', {method: 'POST', body: new URLSearchParams("
            "{init_data: decodeURIComponent(data)})}).then(r => r.status)",
            refused,
        )
        assert status == 401

    good = init_data(site, 777001)
    await phone.goto("about:blank")  # else only the fragment changes: no new page
    await phone.goto(f"{site.base}/w/sheet?tg=1#tgWebAppData={good}")
    await phone.wait_for_url(re.compile(r"/w/sheet/\d+\?tg=1$"))
    assert "Lê Văn Cường · Sở TN&MT" in await phone.inner_text("header")


async def test_a_link_works_once_and_for_15_minutes(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await join(site, "an", invite_codes["SNN"], "Nguyễn Văn An")
    link = await site.link("an", "/chamdiem")
    await phone.goto(link)
    assert re.search(r"/w/sheet/\d+$", phone.url)

    other = await phone.context.browser.new_context(viewport=PHONE, locale="vi-VN")
    stranger = await other.new_page()
    response = await stranger.goto(link)  # the same link again, in another browser
    await stranger.wait_for_load_state("networkidle")
    assert "đã được dùng một lần" in await stranger.inner_text("main")
    assert "/chamdiem" in await stranger.inner_text("main")
    await shot(stranger, "link-used", full=False)

    # Without a script, the link's page waits for a press (a preview fetch spends nothing).
    bare = await phone.context.browser.new_context(viewport=PHONE, locale="vi-VN",
                                                   java_script_enabled=False)  # fmt: skip
    still = await bare.new_page()
    fresh = await site.link("an", "/chamdiem")
    await still.goto(fresh)
    await shot(still, "link-continue", full=False)
    await still.click("text=Tiếp tục")
    assert re.search(r"/w/sheet/\d+$", still.url)
    await bare.close()

    late = await site.link("an", "/chamdiem")
    site.clock.advance(timedelta(minutes=16))
    response = await stranger.goto(late)
    await stranger.wait_for_load_state("networkidle")
    assert "đã hết hạn" in await stranger.inner_text("main")
    # Neither gave a session: the sheet stays closed to this browser.
    response = await stranger.goto(f"{site.base}/w/sheet")
    assert response is not None and response.status == 401
    await other.close()


async def test_another_units_or_blocs_ids_give_404(
    site: Site, phone: Any, invite_codes: dict[str, str]
) -> None:
    await join(site, "an", invite_codes["SNN"], "Nguyễn Văn An")
    data, where = read_bloc_file(CUM_1000_YAML)
    async with site.runtime.uow() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), site.clock.now())
        blocs = await uow.blocs.list_blocs()
        sheets = []
        for bloc in blocs:  # a sheet of another unit of the bloc, and one of another bloc
            assert bloc.id is not None
            year = await uow.blocs.current_year(bloc.id)
            units = [u for u in await uow.blocs.units(bloc.id) if u.code != "SNN"]
            assert year is not None and year.id is not None and units[0].id is not None
            sheet = ScoreSheet(year.id, units[0].id, units[0].id, Cycle.ANNUAL)
            sheets.append((await uow.scores.save_sheet(sheet)).id)
        await uow.commit()
    await phone.goto(await site.link("an", "/chamdiem"))
    for sheet_id in sheets:
        for path in (f"/w/sheet/{sheet_id}", f"/w/sheet/{sheet_id}/state",
                     f"/w/sheet/{sheet_id}/evidence/1", f"/w/ballot/{sheet_id}"):  # fmt: skip
            response = await phone.goto(site.base + path)
            assert response is not None and response.status == 404, path
    assert "Không tìm thấy trang này" in await phone.inner_text("main")
    await shot(phone, "not-found", full=False)


async def test_forms_need_the_sessions_csrf_token_and_sign_in_is_rate_limited(
    site: Site, invite_codes: dict[str, str]
) -> None:
    await join(site, "an", invite_codes["SNN"], "Nguyễn Văn An")
    link = await site.link("an", "/chamdiem")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.post(link, allow_redirects=False) as signed:
            assert signed.status == 303 and signed.headers["Location"] == "/w/sheet"
            cookie = signed.cookies["tdb_session"]
            assert cookie["httponly"] and cookie["samesite"] == "Lax"
        async with http.get(f"{site.base}/w/sheet", allow_redirects=False) as opened:
            sheet = opened.headers["Location"]
        async with http.post(f"{site.base}{sheet}/item/1", data={"value": "9"}) as forged:
            assert forged.status == 403
        async with http.get(f"{site.base}{sheet}/state") as state:
            assert (await state.json())["entries"] == {}  # nothing was saved
        answers = []
        for _ in range(12):
            async with http.post(f"{site.base}/w/tg", data={"init_data": "x"}) as tried:
                answers.append(tried.status)
    assert answers[0] == 401 and answers[-1] == 429
