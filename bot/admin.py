"""The provincial officer's commands on the command line: import, template, invites."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot import wording
from bot.channels.console import Persona
from bot.i18n import Translator, speaking_for
from bot.runtime import Runtime
from bot.views import errors, fmt
from domain.bloc_spec import parse_bloc_spec
from domain.errors import DomainError, InvalidBlocSpec
from domain.model import Bloc, BoardRole, Channel
from domain.ports import UnitOfWork
from domain.services import importer, invites
from domain.services.invites import UnitInvite
from imports.limits import InputRefused
from imports.xlsx_layout import WorkbookFormatError
from imports.yaml_source import YamlFormatError, read_yaml

Printer = Callable[[str], None]

# The command line speaks Vietnamese, like the provincial officers who run it.
CLI_LOCALE = "vi"
# The officers a newcomer plays in the console, one per unit (not real people).
TRY_OUT_NAMES = (
    "Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Thị Dung", "Hoàng Văn Hải",
    "Võ Thị Hoa", "Đặng Quốc Huy", "Bùi Thị Lan", "Đỗ Văn Long", "Ngô Thị Mai",
    "Dương Văn Nam", "Lý Thị Oanh", "Huỳnh Văn Phúc", "Phan Thị Quyên", "Trương Văn Sơn",
)  # fmt: skip
SAMPLE_HINT = "samples/khoi7-travinh-2022.yaml"  # as typed in the project's root


def cli_translator() -> Translator:
    return Translator(CLI_LOCALE)


def read_bloc_file(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from imports.xlsx_source import read_workbook  # openpyxl: only for a workbook

        return read_workbook(path)
    return read_yaml(path)


async def import_file(
    runtime: Runtime, path: Path, out: Printer, t: Translator | None = None
) -> int:
    """`t`: the language it reports in, when not the command line's (the demo's narration)."""
    t = t or cli_translator()
    try:
        data, where = await asyncio.to_thread(read_bloc_file, path)
        spec = parse_bloc_spec(data, where)
    except FileNotFoundError:
        out(t("cli-file-not-found", path=str(path)))
        return 2
    except InputRefused as error:
        out(t("cli-file-refused", path=str(path), reason=errors.refused_input(t, error)))
        return 1
    except (WorkbookFormatError, YamlFormatError) as error:
        out(t("cli-file-bad-format", path=str(path)))
        for message in error.messages:
            out(f"  - {message}")
        return 1
    except InvalidBlocSpec as error:
        out(f"{path}: " + t("import-invalid", count=len(error.problems)))
        for line in errors.problem_lines(t, error.problems):
            out(f"  - {line}")
        return 1
    async with runtime.uow() as uow:
        result = await importer.import_bloc(uow, spec, runtime.clock.now())
        await uow.commit()
    if not result.changed:
        out(t("cli-import-unchanged", bloc=spec.name, year=spec.year))
        return 0
    out(
        t(
            "cli-imported",
            action="created" if result.year_created else "updated",
            bloc=spec.name,
            province=spec.province,
            year=spec.year,
            unit_count=len(spec.units),
            units_added=result.units_added,
            units_updated=result.units_updated,
            criteria_count=spec.criteria.item_count if spec.criteria else 0,
        )
    )
    out(t("cli-import-next"))
    return 0


async def unit_invites(
    runtime: Runtime, uow: UnitOfWork, blocs: list[Bloc], renew: bool = False
) -> list[tuple[Bloc, list[UnitInvite]]]:
    """Each bloc's units with a usable invite code, created where missing (the caller commits)."""
    now = runtime.clock.now()
    ttl = runtime.settings.invite_ttl_days
    return [
        (bloc, await invites.ensure_unit_invites(uow, bloc.code, now, ttl, renew)) for bloc in blocs
    ]


async def console_personas(runtime: Runtime) -> list[Persona]:
    """Every member unit of every bloc as someone the console can act as: its console
    officer, joined with the unit's invite code on first use."""
    t = cli_translator()
    personas: list[Persona] = []
    async with runtime.uow() as uow:
        blocs = await uow.blocs.list_blocs()
        for bloc, items in await unit_invites(runtime, uow, blocs):
            assert bloc.id is not None
            year = await uow.blocs.current_year(bloc.id)
            for item in items:
                user_id = f"console:{bloc.code}:{item.unit.code.lower()}"
                identity = await uow.people.identity(Channel.CONSOLE, user_id)
                joined = identity is not None and identity.officer_id is not None
                role = year.role_of(item.unit.id) if year else None
                with speaking_for(wording.bloc_words(bloc)):
                    label = t(
                        "console-persona" if len(blocs) == 1 else "console-persona-in-bloc",
                        unit=item.unit.short_name,
                        role=role.value if role else "officer",
                        bloc=bloc.name,
                    )
                personas.append(
                    Persona(
                        user_id,
                        TRY_OUT_NAMES[len(personas) % len(TRY_OUT_NAMES)],
                        label,
                        None if joined else f"/start {item.invitation.code}",
                    )
                )
        await uow.commit()
    return personas


async def print_invites(
    runtime: Runtime,
    out: Printer,
    bot_username: str | None,
    bloc_code: str | None = None,
    renew: bool = False,
) -> int:
    t = cli_translator()
    async with runtime.uow() as uow:
        blocs = await uow.blocs.list_blocs()
        chosen = [bloc for bloc in blocs if bloc_code in (None, bloc.code)]
        if not chosen:
            out(
                t("cli-no-bloc", code=bloc_code)
                if bloc_code
                else t("cli-no-blocs", sample=SAMPLE_HINT)
            )
            return 1
        for bloc, items in await unit_invites(runtime, uow, chosen, renew):
            out(f"{bloc.name} ({bloc.code})")
            for item in items:
                code = item.invitation.code
                until = fmt.date(item.invitation.expires_at)
                out(
                    "  "
                    + t(
                        "cli-invite-unit",
                        unit=item.unit.name,
                        code=item.unit.code,
                        joined=item.joined_officers,
                        date=until,
                    )
                )
                if bot_username:
                    link = f"https://t.me/{bot_username}?start={code}"
                    out("    " + t("cli-invite-telegram", link=link))
                out("    " + t("cli-invite-start", code=code))
        await uow.commit()
    if not bot_username:
        out(t("cli-invites-no-telegram"))
    return 0


async def board_invite(runtime: Runtime, role: str, out: Printer) -> int:
    async with runtime.uow() as uow:
        invitation = await invites.create_board_invite(uow, BoardRole(role), runtime.clock.now())
        await uow.commit()
    t = cli_translator()
    out(t("cli-board-invite", role=role, code=invitation.code))
    out(t("cli-board-invite-until", until=fmt.date_time(invitation.expires_at)))
    return 0


async def revoke_invite(runtime: Runtime, code: str, out: Printer) -> int:
    t = cli_translator()
    try:
        async with runtime.uow() as uow:
            invitation = await invites.revoke(uow, code, None, runtime.clock.now())
            await uow.commit()
    except DomainError:
        out(t("cli-revoke-not-found", code=code))
        return 1
    out(t("cli-revoked", code=invitation.code))
    return 0
