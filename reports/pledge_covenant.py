"""The covenant document from the pledges: the domain's `CovenantData` in the official
Vietnamese wording the .docx uses, whatever language the reader chose in the chat."""

from __future__ import annotations

from domain.model import Role
from domain.pledges import Title
from domain.services.signing import CovenantData, CovenantEntry
from reports.covenant import LOCAL_TZ, Covenant, CovenantUnit, build_covenant

TITLE_NAMES = {
    Title.CO_THI_DUA: "Cờ thi đua của UBND tỉnh",
    Title.BANG_KHEN: "Bằng khen của Chủ tịch UBND tỉnh",
    Title.LAO_DONG_XUAT_SAC: "Tập thể lao động xuất sắc",
    Title.LAO_DONG_TIEN_TIEN: "Tập thể lao động tiên tiến",
}


def covenant_of(data: CovenantData) -> Covenant:
    return Covenant(
        bloc_name=data.bloc.name,
        province=data.bloc.province,
        year=data.year,
        signed_on=data.signed_at.astimezone(LOCAL_TZ).date(),
        place=data.bloc.province,
        units=tuple(_unit(entry) for entry in data.entries),
    )


def build_pledge_covenant(data: CovenantData) -> bytes:
    return build_covenant(covenant_of(data))


def _unit(entry: CovenantEntry) -> CovenantUnit:
    pledge = entry.pledge
    return CovenantUnit(
        name=entry.unit.name,
        short_name=entry.unit.short_name,
        titles=tuple(TITLE_NAMES[title] for title in pledge.titles) if pledge else (),
        campaigns=entry.campaigns,
        commitments=pledge.commitments if pledge else "",
        signed_at=pledge.signed_at if pledge else None,
        is_leader=entry.role is Role.LEADER,
        is_deputy=entry.role is Role.DEPUTY,
    )
