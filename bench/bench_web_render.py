"""Benchmark: the score sheet page of a 34-item criteria table, rendered by the web server.

A temporary SQLite database with the sample bloc's table grown to 34 items (28 items in five
sections, 3 bonus, 3 penalties), every item scored with a note of evidence; the page served
by the real aiohttp server on 127.0.0.1 to a signed-in client. Printed: the server-side time
of a request (a middleware's clock around the handler: the database reads, the domain's
totals, the template), median and p90 of --requests, beside the same for a reference
measured in the same run (the home page: a session read and a tiny template); and the bytes
of the page as sent plain and gzip-compressed (what a phone downloads), with the CSS and
script it loads. The goal: under 50 ms and under 60 KB transferred.

    .venv/bin/python bench/bench_web_render.py [--requests 200]
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.admin import read_bloc_file
from bot.runtime import build_runtime
from bot.settings import Settings
from bot.web import WebServer
from domain.bloc_spec import parse_bloc_spec
from domain.model import Channel, Identity
from domain.services import importer, invites, members, onboarding, scoring
from domain.sheets import Evidence
from domain.summary import Cycle
from tests.fakes.clock import FakeClock
from tests.samples import SAMPLE_YAML
from tests.web.conftest import IN_WINDOW
from web.server import WebConfig, WebPages
from web.tokens import SESSION_TTL, new_token, token_hash

GOAL_MS, GOAL_KB = 50.0, 60.0


def grown_table(data: dict[str, Any]) -> dict[str, Any]:
    """The sample's criteria with its sections grown to 28 items in all (34 with bonus and
    penalties), the maxima kept to a 100-point scale."""
    criteria = data["criteria"]
    sections, number = [], 0
    for index, section in enumerate(criteria["sections"]):
        items = []
        for k in range(6 if index < 3 else 5):
            number += 1
            title = f"{section['items'][k % len(section['items'])]['title']} (mục {number})"
            items.append({"code": str(number), "title": title, "max": 4 if number <= 16 else 3})
        sections.append(section | {"items": items})
    bonus = [b | {"code": f"T{i}"} for i, b in enumerate(criteria["bonus"], 1)]
    penalties = [p | {"code": f"P{i}"} for i, p in enumerate(criteria["penalties"][:3], 1)]
    data["criteria"] = criteria | {"sections": sections, "bonus": bonus, "penalties": penalties}
    return data


class Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, list[float]] = {}

    @web.middleware
    async def middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        started = time.perf_counter()
        response = await handler(request)
        self.seconds.setdefault(request.path, []).append(time.perf_counter() - started)
        return response


async def main(requests: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(IN_WINDOW)
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{folder}/bench.db", telegram_bot_token=None,
            zalo_bot_token=None, _env_file=None,
        )  # type: ignore[call-arg]  # fmt: skip
        runtime = await build_runtime(settings, clock=clock)
        try:
            return await measure(runtime, clock, requests)
        finally:
            await runtime.close()


async def measure(runtime: Any, clock: FakeClock, requests: int) -> int:
    data, where = read_bloc_file(SAMPLE_YAML)
    data = grown_table(data)
    now = clock.now()
    async with runtime.uow() as uow:
        await importer.import_bloc(uow, parse_bloc_spec(data, where), now)
        made = await invites.ensure_unit_invites(uow, data["bloc"]["code"], now, 60)
        code = next(i.invitation.code for i in made if i.unit.code == "SGT")
        identity = await uow.people.save_identity(Identity(Channel.CONSOLE, "bench", "Lê Hùng"))
        await onboarding.join(uow, identity, code, now)
        officer = await members.officer_of(uow, identity)
        member = await members.membership(uow, officer, Channel.CONSOLE)
        view = await scoring.open_sheet(uow, member, Cycle.ANNUAL, now)
        sheet_id = view.sheet.id or 0
        table = view.table
        for section in table.sections:
            for item in section.items:
                await scoring.set_entry(uow, member, sheet_id, item.code, "3", now)
                note = Evidence(item.code, "note", f"Báo cáo số {item.code}/BC-SGT")
                await scoring.add_evidence(uow, member, sheet_id, note, now)
        for penalty in table.penalties:
            await scoring.set_entry(uow, member, sheet_id, penalty.code, "0", now)
        token = new_token()
        await uow.web_access.add_session(
            token_hash(token), "console", "bench", "csrf", now, now + SESSION_TTL
        )
        await uow.commit()
    count = table.item_count + len(table.bonus) + len(table.penalties)

    server = WebServer(runtime.app.uow_factory, clock, "secret", "127.0.0.1", 0)
    timer = Timer()
    server.app.middlewares.append(timer.middleware)
    pages = WebPages(runtime.app.uow_factory, clock, runtime.app.notices,
                     WebConfig(telegram_script=None))  # fmt: skip
    pages.install(server.app)
    runtime.app.config = replace(runtime.app.config, web_pages=True)
    await server.start()
    base = f"http://127.0.0.1:{server.port}"
    jar = aiohttp.CookieJar(unsafe=True)
    jar.update_cookies({"tdb_session": token})
    sizes: dict[str, tuple[int, int]] = {}
    try:
        async with aiohttp.ClientSession(cookie_jar=jar, auto_decompress=False) as http:
            paths = {"sheet": f"/w/sheet/{sheet_id}", "reference": "/w"}
            for _round in range(requests):
                for path in paths.values():
                    async with http.get(base + path, headers={"Accept-Encoding": "identity"}) as r:
                        assert r.status == 200, (path, r.status)
                        await r.read()
            for name, path in {**paths, "css": "/w/static/app.css",
                               "js": "/w/static/app.js"}.items():  # fmt: skip
                async with http.get(base + path, headers={"Accept-Encoding": "identity"}) as r:
                    plain = await r.read()
                sizes[name] = (len(plain), len(gzip.compress(plain, 6)))
    finally:
        await server.stop()

    def ms(path: str) -> tuple[float, float]:
        values = sorted(timer.seconds[path][requests // 10 :])  # the first tenth warms up
        return statistics.median(values) * 1000, values[int(len(values) * 0.9)] * 1000

    sheet_ms, sheet_p90 = ms(paths["sheet"])
    ref_ms, ref_p90 = ms(paths["reference"])
    page_kb = (sizes["sheet"][1] + sizes["css"][1] + sizes["js"][1]) / 1024
    print(f"score sheet of {count} criteria ({table.item_count} items), {requests} requests each")
    print(f"  server time   sheet  median {sheet_ms:6.2f} ms  p90 {sheet_p90:6.2f} ms")
    print(f"                home   median {ref_ms:6.2f} ms  p90 {ref_p90:6.2f} ms (reference)")
    ratio = sheet_ms / ref_ms
    print(f"                ratio  {ratio:5.1f}x the reference  (goal: median < {GOAL_MS:.0f} ms)")
    for name in ("sheet", "css", "js", "reference"):
        raw, packed = sizes[name]
        print(f"  bytes  {name:9} {raw / 1024:6.1f} KB plain  {packed / 1024:6.1f} KB gzip")
    print(f"  first load (sheet + css + js, gzip): {page_kb:.1f} KB  (goal < {GOAL_KB:.0f} KB)")
    met = sheet_ms < GOAL_MS and page_kb < GOAL_KB
    print("goal met" if met else "goal NOT met")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    sys.exit(asyncio.run(main(parser.parse_args().requests)))
