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
from pathlib import Path

from bot import admin, samples
from bot.channels.console import ConsoleChannel
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from bot.web import WebServer, add_web_pages
from domain.model import Channel


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Thi Đua Bot: runs an emulation bloc's year on Telegram, Zalo and the console.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", help="run the configured channels (default command)")
    run.add_argument("--console", action="store_true", help="also open the console channel")
    run.add_argument(
        "--webhook", action="store_true", help="receive updates by webhook at WEBHOOK_URL"
    )
    console = commands.add_parser("console", help="talk to the bot in this terminal")
    console.add_argument("--user", default="console", help="who you are in the console (an id)")
    console.add_argument("--name", default="Khách dùng thử", help="your display name")
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
        return run_demo(args.out, args.quiet)
    if args.command in ("export-data", "import-data"):
        from bot import backup_cli

        return backup_cli.main(args, Settings())
    return asyncio.run(_run(args, Settings()))


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    command = args.command or "run"
    runtime = await build_runtime(settings)
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


async def _invites(runtime: Runtime, args: argparse.Namespace) -> int:
    if args.revoke:
        return await admin.revoke_invite(runtime, args.revoke, print)
    if args.board:
        return await admin.board_invite(runtime, args.board, print)
    username = runtime.settings.telegram_bot_username
    if username is None and runtime.settings.telegram_bot_token:
        from bot.channels.telegram import resolve_username  # aiogram takes seconds to import

        username = await resolve_username(runtime.settings)
    return await admin.print_invites(runtime, print, username, args.bloc, args.renew)


async def _console(runtime: Runtime, user: str, name: str, try_out: bool = False) -> int:
    user_id = f"console:{user}"
    if try_out:
        await _import_sample_if_empty(runtime)
    channel = ConsoleChannel(runtime.app, user_id=user_id, user_name=name)
    server = await _web_pages(runtime)
    try:
        await channel.run(await _banner(runtime, user_id))
    finally:
        if server is not None:
            await server.stop()
    return 0


async def _web_pages(runtime: Runtime) -> WebServer | None:
    """The web pages beside the console, so its links open (the try-it path on a fresh
    clone). A port already taken leaves the console working without them."""
    settings = runtime.settings
    if not settings.web_pages:
        return None
    secret = await runtime.app.signing_secret()
    server = WebServer(
        runtime.app.uow_factory, runtime.clock, secret, settings.web_host, settings.web_port
    )
    add_web_pages(server, runtime.app, settings)
    try:
        await server.start()
    except OSError as error:
        logging.getLogger("main").warning("web pages not started: %s", error)
        await server.stop()
        return None
    return server


async def _import_sample_if_empty(runtime: Runtime) -> None:
    """`python main.py` with no token is the try-it path: give a newcomer a bloc to talk to."""
    async with runtime.uow() as uow:
        empty = not await uow.blocs.list_blocs()
    if empty:
        print(admin.cli_translator()("cli-import-sample", file=samples.relative(samples.DEFAULT)))
        await admin.import_file(runtime, samples.DEFAULT, print)


async def _banner(runtime: Runtime, user_id: str) -> str:
    t = admin.cli_translator()
    lines = [t("cli-banner")]
    async with runtime.uow() as uow:
        blocs = await uow.blocs.list_blocs()
        identity = await uow.people.identity(Channel.CONSOLE, user_id)
        if not blocs:
            lines.append("")
            lines.append(t("cli-banner-no-blocs", sample=samples.relative(samples.DEFAULT)))
        elif identity is None or identity.officer_id is None:
            lines.append("")
            lines.append(t("cli-banner-invites"))
            lines.extend(await admin.start_lines(runtime, uow, blocs))
            await uow.commit()
    return "\n".join(lines)


async def _serve(runtime: Runtime, with_console: bool, webhook: bool = False) -> int:
    from bot.channels.supervisor import serve

    settings = runtime.settings
    if not settings.telegram_bot_token and not settings.zalo_bot_token:
        logging.getLogger("main").info("no bot token configured: opening the console channel")
        return await _console(runtime, "console", "Khách dùng thử", try_out=True)
    banner = await _banner(runtime, "console:console") if with_console else None
    return await serve(runtime, banner=banner, webhook=webhook)


if __name__ == "__main__":
    sys.exit(main())
