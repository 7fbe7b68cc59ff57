"""Thi Đua Bot — the command line and the one composition root.

python main.py            run the configured channels (the console when no token is set)
python main.py import F   import a bloc from YAML or .xlsx
python main.py invites    print each unit's invite link and code
python main.py --help     everything else
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import datetime, time
from pathlib import Path

from pydantic import ValidationError

from bot import admin, samples
from bot.channels.console import ConsoleChannel
from bot.clocks import ShiftedClock
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from bot.views import fmt
from domain.model import Channel
from domain.settings import LOCAL_TZ

DATE_HELP = (
    "console only: start the bot's clock at this local date, 08:00 (2022-11-20 or 20/11/2022; "
    "or with a time: '2022-11-20 14:30'); it then moves with real time. Refused when a bot "
    "token or WEBHOOK_URL is set."
)
DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d", "%d/%m/%Y")
DAY_STARTS = time(8, 0)  # office hours: the morning's announcements come at once


def _local_date(text: str) -> datetime:
    for pattern in DATE_FORMATS:
        try:
            moment = datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
        if "%H" not in pattern:
            moment = datetime.combine(moment.date(), DAY_STARTS)
        return moment.replace(tzinfo=LOCAL_TZ)
    raise argparse.ArgumentTypeError(admin.cli_translator()("cli-date-bad", value=text))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Thi Đua Bot: runs an emulation bloc's year on Telegram, Zalo and the console.",
    )
    parser.add_argument("--date", type=_local_date, help=DATE_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", help="run the configured channels (default command)")
    run.add_argument("--date", type=_local_date, default=argparse.SUPPRESS, help=DATE_HELP)
    run.add_argument("--console", action="store_true", help="also open the console channel")
    run.add_argument(
        "--webhook", action="store_true", help="receive updates by webhook at WEBHOOK_URL"
    )
    console = commands.add_parser("console", help="talk to the bot in this terminal")
    console.add_argument("--user", default="console", help="who you are in the console (an id)")
    console.add_argument("--name", default="Khách dùng thử", help="your display name")
    console.add_argument("--date", type=_local_date, default=argparse.SUPPRESS, help=DATE_HELP)
    imp = commands.add_parser("import", help="import a bloc from YAML or .xlsx (idempotent)")
    imp.add_argument("file", type=Path)
    template = commands.add_parser("template", help="write an empty .xlsx import workbook")
    template.add_argument("file", type=Path, nargs="?", default=Path("khoi-mau.xlsx"))
    inv = commands.add_parser("invites", help="print each unit's invite link and code")
    inv.add_argument("--bloc", help="only this bloc (its code)")
    inv.add_argument("--renew", action="store_true", help="revoke live codes and make new ones")
    inv.add_argument("--revoke", metavar="CODE", help="revoke one invite code")
    inv.add_argument("--board", choices=["admin", "observer"], help="an invite for the board")
    export = commands.add_parser(
        "export-data", help="write the database's data as JSON (a backup, or to move it)"
    )
    export.add_argument(
        "file", nargs="?", metavar="FILE|-", help="default ./thidua-data-<time>.json; - = stdout"
    )
    export.add_argument("--bloc", metavar="CODE", help="only this bloc's data")
    restore = commands.add_parser(
        "import-data", help="load an export-data file into a migrated, empty database"
    )
    restore.add_argument("file", metavar="FILE|-", help="the JSON file (.json.gz too); - = stdin")
    restore.add_argument("--replace", action="store_true", help="delete all data there first")
    commands.add_parser("migrate", help="bring the database schema up to date")
    demo = commands.add_parser(
        "demo", help="play a whole sample year through the real handlers (a temporary database)"
    )
    demo.add_argument(
        "--out", type=Path, metavar="DIR", help="where the documents go (default ./demo-<time>)"
    )
    demo.add_argument("--quiet", action="store_true", help="print only the folder and its files")
    demo.add_argument(
        "--channel", choices=["telegram", "zalo_oa"], default="telegram",
        help="whose accounts the officers use (default telegram)",
    )  # fmt: skip
    demo.add_argument(
        "--lang", choices=["vi", "en"], default="vi",
        help="the narration's language (default vi); the officers still type Vietnamese",
    )  # fmt: skip
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # aiogram writes a line for every update handled; /metrics counts and times them instead.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    if args.command == "template":
        from imports.xlsx_source import write_template

        write_template(args.file)
        print(admin.cli_translator()("cli-template-written", file=str(args.file)))
        return 0
    if args.command == "demo":
        from bot.demo import run_demo

        logging.getLogger().setLevel(logging.WARNING)  # the story speaks, not the log
        return run_demo(args.out, args.quiet, channel=Channel(args.channel), locale=args.lang)
    if args.command in ("export-data", "import-data"):
        from bot import backup_cli

        settings = _settings()
        return backup_cli.main(args, settings) if settings else 2
    settings = _settings()
    if settings is None:
        return 2
    try:
        return asyncio.run(_run(args, settings))
    except KeyboardInterrupt:  # Ctrl+C: everything was stopped and closed on the way out
        print("\n" + admin.cli_translator()("cli-stopped"))
        return 130


def _settings() -> Settings | None:
    """The configuration, or None once what is wrong with it is said (nothing started)."""
    try:
        return Settings()
    except ValidationError as error:
        for problem in error.errors():
            message = str(problem.get("ctx", {}).get("error") or problem["msg"])
            where = ".".join(str(part) for part in problem["loc"]).upper()
            print(message if message.startswith(where) else f"{where}: {message}", file=sys.stderr)
        return None


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    command = args.command or "run"
    clock = None
    if args.date is not None:
        if command not in ("run", "console") or _reaches_people(settings):
            print(admin.cli_translator()("cli-date-refused"))
            return 2
        clock = ShiftedClock(args.date)
        print(admin.cli_translator()("cli-date-now", date=fmt.date_time(clock.now())))
    runtime = await build_runtime(settings, clock, keyed=command != "migrate")
    try:
        if command == "migrate":
            print(admin.cli_translator()("cli-migrated"))
            return 0
        if command == "import":
            return await admin.import_file(runtime, args.file, print)
        if command == "invites":
            return await _invites(runtime, args)
        if command == "console":
            return await _console(runtime, args.user, args.name)
        return await _serve(
            runtime,
            with_console=getattr(args, "console", False),
            webhook=getattr(args, "webhook", False),
        )
    finally:
        await runtime.close()


def _reaches_people(settings: Settings) -> bool:
    """A platform is configured: the bot's clock must be the real one."""
    return bool(settings.telegram_bot_token or settings.zalo_bot_token or settings.webhook_url)


async def _invites(runtime: Runtime, args: argparse.Namespace) -> int:
    if args.revoke:
        return await admin.revoke_invite(runtime, args.revoke, print)
    if args.board:
        return await admin.board_invite(runtime, args.board, print)
    username = runtime.settings.telegram_bot_username
    if username is None and runtime.settings.telegram_bot_token:
        from bot.channels.telegram import resolve_username  # aiogram: only with Telegram

        username = await resolve_username(runtime.settings)
    return await admin.print_invites(runtime, print, username, args.bloc, args.renew)


async def _console(runtime: Runtime, user: str, name: str, try_out: bool = False) -> int:
    """The console with the whole bot behind it: the outbox and the scheduler run too."""
    from bot.channels.supervisor import serve

    logging.getLogger().setLevel(logging.WARNING)  # the conversation speaks, not the log
    if try_out:
        await _import_sample_if_empty(runtime)
    channel = _console_channel(runtime, f"console:{user}", name)
    banner, pick = await _banner(runtime, channel.user_id)
    return await serve(runtime, console=channel, banner=banner, pick=pick)


def _console_channel(runtime: Runtime, user_id: str, name: str) -> ConsoleChannel:
    return ConsoleChannel(
        runtime.app,
        user_id=user_id,
        user_name=name,
        personas=lambda: admin.console_personas(runtime),
    )


async def _import_sample_if_empty(runtime: Runtime) -> None:
    """`python main.py` with no token is the try-it path: give a newcomer a bloc to talk to."""
    async with runtime.uow() as uow:
        empty = not await uow.blocs.list_blocs()
    if empty:
        print(admin.cli_translator()("cli-import-sample", file=samples.relative(samples.DEFAULT)))
        await admin.import_file(runtime, samples.DEFAULT, print)


async def _banner(runtime: Runtime, user_id: str) -> tuple[str, bool]:
    """The console's opening text, and whether to offer the units to act as (the person at
    the keyboard has not joined any)."""
    t = admin.cli_translator()
    lines = [t("cli-banner")]
    async with runtime.uow() as uow:
        blocs = await uow.blocs.list_blocs()
        identity = await uow.people.identity(Channel.CONSOLE, user_id)
    if not blocs:
        lines.append("")
        lines.append(t("cli-banner-no-blocs", sample=samples.relative(samples.DEFAULT)))
    return "\n".join(lines), bool(blocs) and (identity is None or identity.officer_id is None)


async def _serve(runtime: Runtime, with_console: bool, webhook: bool = False) -> int:
    from bot.channels.supervisor import serve

    settings = runtime.settings
    if (
        not settings.telegram_bot_token
        and not settings.zalo_bot_token
        and not settings.zalo_oa_enabled
    ):
        return await _console(runtime, "console", "Khách dùng thử", try_out=True)
    if not with_console:
        return await serve(runtime, webhook=webhook)
    channel = _console_channel(runtime, "console:console", "Khách dùng thử")
    banner, pick = await _banner(runtime, channel.user_id)
    return await serve(runtime, console=channel, banner=banner, pick=pick, webhook=webhook)


if __name__ == "__main__":
    sys.exit(main())
