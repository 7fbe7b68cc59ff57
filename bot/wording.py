"""The bloc's own words in the chat: "Cụm trưởng" in a cụm, "Khối trưởng" in a khối, "UBND
thành phố" where the bloc belongs to a centrally run city, "UBND tỉnh" elsewhere.

The catalogs select on `$bloc_kind` (cum | khoi) and `$province_kind` (city | province);
`bloc_words` is the one place that decides them for a bloc, and `i18n.speaking_for` puts
them in force while a bloc's messages are written."""

from __future__ import annotations

from domain.model import Bloc, BlocWord, Officer, ProvinceKind
from domain.ports import UnitOfWork


def bloc_words(bloc: Bloc) -> dict[str, str]:
    """What the catalogs need to speak of this bloc, from the bloc's own data (its word and
    its province's kind, each defaulting as domain/model.py says)."""
    return {
        "bloc_kind": "cum" if bloc.kind_word is BlocWord.CUM else "khoi",
        "province_kind": "city" if bloc.province_kind is ProvinceKind.CITY else "province",
    }


async def asker_words(uow: UnitOfWork, officer: Officer | None) -> dict[str, str]:
    """The words of the asker's own bloc, through their unit: read with the account, so
    nothing more is asked of the database."""
    unit = await uow.blocs.unit(officer.unit_id) if officer and officer.unit_id else None
    bloc = await uow.blocs.get(unit.bloc_id) if unit else None
    return bloc_words(bloc) if bloc else {}
