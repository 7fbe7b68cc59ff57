"""The covenant document from the pledges: the domain's `CovenantData` in the official
Vietnamese wording the .docx uses, whatever language the reader chose in the chat."""

from __future__ import annotations

from domain.documents import Person
from domain.model import Role
from domain.pledges import Title
from domain.services.signing import CovenantData, CovenantEntry
from domain.settings import LOCAL_TZ
from reports.bloc_words import BlocWords
from reports.covenant import Covenant, CovenantUnit, build_covenant


def title_names(words: BlocWords) -> dict[Title, str]:
    return {
        Title.CO_THI_DUA: words.flag,
        Title.BANG_KHEN: words.merit,
        Title.LAO_DONG_XUAT_SAC: "Tập thể lao động xuất sắc",
        Title.LAO_DONG_TIEN_TIEN: "Tập thể lao động tiên tiến",
    }


def covenant_of(data: CovenantData) -> Covenant:
    names = title_names(BlocWords(data.bloc))
    return Covenant(
        bloc=data.bloc,
        year=data.year,
        issued_on=data.issued_at.astimezone(LOCAL_TZ).date(),
        units=tuple(_unit(entry, names) for entry in data.entries),
        number=data.number,
        replaces=data.replaces,
    )


def build_pledge_covenant(data: CovenantData) -> bytes:
    return build_covenant(covenant_of(data))


def _unit(entry: CovenantEntry, names: dict[Title, str]) -> CovenantUnit:
    pledge, unit = entry.pledge, entry.unit
    head = Person(unit.head_name.strip(), unit.head_position.strip()) if unit.head_name else None
    return CovenantUnit(
        name=unit.name,
        short_name=unit.short_name,
        titles=tuple(names[title] for title in pledge.titles) if pledge else (),
        campaigns=entry.campaigns,
        commitments=pledge.commitments if pledge else "",
        signed_at=entry.signed_at,
        is_leader=entry.role is Role.LEADER,
        is_deputy=entry.role is Role.DEPUTY,
        head=head,
    )
