"""The provincial officer's commands on the command line: import, template, invites."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.i18n import Translator
from bot.runtime import Runtime
from bot.views import errors, fmt
from domain.bloc_spec import parse_bloc_spec
from domain.errors import DomainError, InvalidBlocSpec
from domain.model import BoardRole
from domain.services import importer, invites
from imports.xlsx_source import WorkbookFormatError, read_workbook
from imports.yaml_source import YamlFormatError, read_yaml

Printer = Callable[[str], None]


def read_bloc_file(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_workbook(path)
    return read_yaml(path)


async def import_file(runtime: Runtime, path: Path, out: Printer) -> int:
    t = Translator("vi")
    try:
        data, where = await asyncio.to_thread(read_bloc_file, path)
        spec = parse_bloc_spec(data, where)
    except FileNotFoundError:
        out(f"Không tìm thấy tệp {path}.")
        return 2
    except (WorkbookFormatError, YamlFormatError) as error:
        out(f"Tệp {path} sai định dạng, chưa nhập gì:")
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
        out(f"{spec.name} năm {spec.year}: dữ liệu đã có sẵn, không có gì thay đổi.")
        return 0
    verb = "Đã nhập" if result.year_created else "Đã cập nhật"
    out(
        f"{verb} {spec.name} ({spec.province}) năm {spec.year}: {len(spec.units)} đơn vị "
        f"({result.units_added} mới, {result.units_updated} cập nhật), "
        f"{spec.criteria.item_count if spec.criteria else 0} tiêu chí."
    )
    out("Tiếp theo: python main.py invites — để lấy đường dẫn mời cho từng đơn vị.")
    return 0


async def print_invites(
    runtime: Runtime,
    out: Printer,
    bot_username: str | None,
    bloc_code: str | None = None,
    renew: bool = False,
) -> int:
    now = runtime.clock.now()
    ttl = runtime.settings.invite_ttl_days
    async with runtime.uow() as uow:
        blocs = await uow.blocs.list_blocs()
        chosen = [bloc for bloc in blocs if bloc_code in (None, bloc.code)]
        if not chosen:
            out(
                f"Không có khối {bloc_code}."
                if bloc_code
                else "Chưa có khối nào. "
                "Nhập khối trước: python main.py import ../shared/samples/khoi7-travinh-2022.yaml"
            )
            return 1
        for bloc in chosen:
            unit_invites = await invites.ensure_unit_invites(uow, bloc.code, now, ttl, renew)
            out(f"{bloc.name} ({bloc.code})")
            for item in unit_invites:
                code = item.invitation.code
                until = fmt.date(item.invitation.expires_at)
                joined = f"{item.joined_officers} cán bộ đã tham gia"
                out(f"  {item.unit.name} [{item.unit.code}] — {joined}; mã dùng đến {until}")
                if bot_username:
                    out(f"    Telegram: https://t.me/{bot_username}?start={code}")
                out(f"    Zalo / console: /start {code}")
        await uow.commit()
    if not bot_username:
        out("(Đặt TELEGRAM_BOT_TOKEN để có thêm đường dẫn mời Telegram.)")
    return 0


async def board_invite(runtime: Runtime, role: str, out: Printer) -> int:
    async with runtime.uow() as uow:
        invitation = await invites.create_board_invite(
            uow, BoardRole(role), runtime.clock.now(), runtime.settings.invite_ttl_days
        )
        await uow.commit()
    out(f"Mã mời Ban TĐKT ({role}): /start {invitation.code}")
    out(f"Dùng đến {fmt.date_time(invitation.expires_at)}.")
    return 0


async def revoke_invite(runtime: Runtime, code: str, out: Printer) -> int:
    try:
        async with runtime.uow() as uow:
            invitation = await invites.revoke(uow, code, None, runtime.clock.now())
            await uow.commit()
    except DomainError:
        out(f"Không có mã mời {code}.")
        return 1
    out(f"Đã thu hồi mã mời {invitation.code}.")
    return 0
