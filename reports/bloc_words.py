"""How the bloc's papers name it, its province, its leader and the awards ("Khối" or "Cụm",
"tỉnh" or "thành phố", as the bloc's data says: see domain.model.Bloc), their dates and
their signers' positions. Plain strings, shared by the .docx and the .xlsx documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.documents import Person
from domain.model import Bloc, Unit, province_name

NAME_BLANK = "……………………………"  # the dotted line a signer writes the name on

# Decree 30 writes the place of Hồ Chí Minh City in full: a bare "Hồ Chí Minh" is a person.
_FULL_PLACES = {"hồ chí minh": "Thành phố Hồ Chí Minh"}


@dataclass(frozen=True)
class BlocWords:
    bloc: Bloc

    @property
    def word(self) -> str:
        """'Khối' or 'Cụm', as a sentence names the bloc: "Khối thống nhất đề nghị…"."""
        return self.bloc.kind_word.value.capitalize()

    @property
    def label(self) -> str:
        """'Khối thi đua Khối 7': the name, with "Khối/Cụm thi đua" before it if it lacks it."""
        name = " ".join(self.bloc.name.split())
        if name.casefold().startswith(("khối thi đua", "cụm thi đua")):
            return name
        return f"{self.word} thi đua {name}"

    @property
    def leader(self) -> str:
        return f"{self.word} trưởng"

    @property
    def deputy(self) -> str:
        return f"{self.word} phó"

    @property
    def province(self) -> str:
        """'tỉnh Trà Vinh', 'thành phố Cần Thơ'."""
        return self.bloc.province_label

    @property
    def place(self) -> str:
        """The place of the date line: the province's name ("Trà Vinh, ngày …")."""
        name = province_name(self.bloc.province)
        return _FULL_PLACES.get(name.casefold(), name) or "……"

    @property
    def flag(self) -> str:
        return f"Cờ thi đua của {self.bloc.people_committee}"

    @property
    def merit(self) -> str:
        return f"Bằng khen của Chủ tịch {self.bloc.people_committee}"

    @property
    def council(self) -> str:
        return f"Hội đồng Thi đua - Khen thưởng {self.province}"

    @property
    def board(self) -> str:
        """The provincial board the proposals go through."""
        return f"Ban Thi đua - Khen thưởng {self.bloc.province_kind.value}"

    @property
    def members(self) -> str:
        return f"Các đơn vị thành viên {self.word}"


def date_line(place: str, day: date) -> str:
    """'Trà Vinh, ngày 05 tháng 02 năm 2022': days below 10 and months 1–2 take a zero."""
    return f"{place}, {dated(day)}"


def dated(day: date) -> str:
    """'ngày 05 tháng 02 năm 2022'."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def position(person: Person | None, unit: Unit | None) -> str:
    """What the head signs as, in capitals: "Giám đốc" of the unit → 'GIÁM ĐỐC SỞ Y TẾ'. A
    position that names its unit already is kept; without one, the unit's name alone."""
    title = person.position.strip() if person else ""
    name = unit.name.strip() if unit else ""
    if title and name and name.casefold() not in title.casefold():
        return f"{title} {name}".upper()
    return (title or name).upper()
