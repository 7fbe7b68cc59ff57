"""The bloc's documents as a clerk registers them (Decree 30/2020/NĐ-CP): each issued paper
takes the next number of the bloc's register for its calendar year ("Số: 03/BB-KTĐ"), and the
minutes of a vote name who chaired it, who took the minutes and who counted the votes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.errors import OfficialsUnreadable, TextTooLong
from domain.model import Bloc, BlocWord, Unit

NUMBER_MAX = 9999  # a register restarts every year; no bloc issues ten thousand papers
PERSON_MAX = 200  # "name, position" as typed
TELLERS_MAX = 7


class DocumentKind(StrEnum):
    """A numbered document; its symbol is the abbreviation Decree 30 (Appendix III) gives."""

    MINUTES = "minutes"  # biên bản
    PROPOSAL = "proposal"  # tờ trình
    COVENANT = "covenant"  # giao ước thi đua

    @property
    def abbreviation(self) -> str:
        return _ABBREVIATIONS[self]


_ABBREVIATIONS = {
    DocumentKind.MINUTES: "BB",
    DocumentKind.PROPOSAL: "TTr",
    DocumentKind.COVENANT: "GƯ",
}


def issuer_abbreviation(bloc: Bloc) -> str:
    """The bloc in a document's symbol: KTĐ (khối thi đua) or CTĐ (cụm thi đua)."""
    return "CTĐ" if bloc.kind_word is BlocWord.CUM else "KTĐ"


@dataclass(frozen=True)
class IssuedDocument:
    """One entry of the bloc's register: this document (its kind and what it is about: the
    ballot, or the year for the covenant; a later edition replaces an earlier) has taken
    this number of that year."""

    bloc_id: int
    kind: DocumentKind
    subject_id: int
    edition: int
    year: int
    number: int
    issued_at: datetime
    id: int | None = None


@dataclass(frozen=True)
class DocumentNumber:
    """What the heading shows: "Số: 03/BB-KTĐ"."""

    number: int
    kind: DocumentKind
    issuer: str  # KTĐ or CTĐ
    issued_at: datetime

    @property
    def symbol(self) -> str:
        return f"{self.kind.abbreviation}-{self.issuer}"

    def __str__(self) -> str:
        # Numbers under 10 take a leading zero (Decree 30, Appendix I).
        return f"{self.number:02d}/{self.symbol}"


def number_of(bloc: Bloc, issued: IssuedDocument) -> DocumentNumber:
    return DocumentNumber(issued.number, issued.kind, issuer_abbreviation(bloc), issued.issued_at)


# --- who signs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone named on a paper: "Nguyễn Văn An", "Giám đốc Sở Nông nghiệp và PTNT"."""

    name: str
    position: str = ""

    def __str__(self) -> str:
        return f"{self.name}, {self.position}" if self.position else self.name


def head_of(unit: Unit | None) -> Person | None:
    """The unit's head as its data names them, the position with the unit's name ("Giám đốc
    Sở Y tế"); None when the bloc's file does not name the head."""
    if unit is None or not unit.head_name.strip():
        return None
    position, name = unit.head_position.strip(), unit.name.strip()
    if position and name.casefold() not in position.casefold():
        position = f"{position} {name}"
    return Person(unit.head_name.strip(), position)


@dataclass(frozen=True)
class Officials:
    """Who the minutes of a vote name: the chair, the secretary, and the counting committee
    (ban kiểm phiếu), whose first member heads it. Anyone not named is a dotted line the
    signer fills in by hand."""

    chair: Person | None = None
    secretary: Person | None = None
    tellers: tuple[Person, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return self.chair is None and self.secretary is None and not self.tellers

    def to_data(self) -> dict[str, Any] | None:
        """Plain JSON data (stored with the ballot, kept in a draft); None when empty."""
        if self.is_empty:
            return None
        return {
            "chair": _person_data(self.chair),
            "secretary": _person_data(self.secretary),
            "tellers": [_person_data(person) for person in self.tellers],
        }

    @classmethod
    def from_data(cls, data: object) -> Officials:
        if not isinstance(data, dict):
            return cls()
        tellers = (_person_from(item) for item in data.get("tellers") or [])
        return cls(
            _person_from(data.get("chair")),
            _person_from(data.get("secretary")),
            tuple(person for person in tellers if person is not None),
        )


def _person_data(person: Person | None) -> list[str] | None:
    return None if person is None else [person.name, person.position]


def _person_from(item: object) -> Person | None:
    if not isinstance(item, list | tuple) or len(item) != 2:
        return None
    return Person(str(item[0]), str(item[1]))


# The labels a typed line may start with, without diacritics and case (English too).
_LABELS = {
    "chu tri": "chair",
    "chu toa": "chair",
    "chair": "chair",
    "thu ky": "secretary",
    "secretary": "secretary",
    "kiem phieu": "tellers",
    "ban kiem phieu": "tellers",
    "tellers": "tellers",
    "counting committee": "tellers",
}


def parse_officials(text: str, current: Officials) -> Officials:
    """Lines "Chủ trì: name, position", "Thư ký: …", "Kiểm phiếu: A; B; C"; a role not
    typed keeps its current value. Raises OfficialsUnreadable naming the first bad line."""
    found: dict[str, object] = {}
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        label, colon, value = line.partition(":")
        role = _LABELS.get(_fold(label))
        if not colon or role is None:
            raise OfficialsUnreadable(line=line[:60])
        if len(value) > PERSON_MAX * (TELLERS_MAX if role == "tellers" else 1):
            raise TextTooLong(max=PERSON_MAX)
        if role == "tellers":
            people = [_person(part) for part in value.split(";")]
            found[role] = tuple(person for person in people if person)[:TELLERS_MAX]
        else:
            found[role] = _person(value)
    if not found:
        raise OfficialsUnreadable(line=" ".join(text.split())[:60])
    chair = found.get("chair", current.chair)
    secretary = found.get("secretary", current.secretary)
    tellers = found.get("tellers", current.tellers)
    assert chair is None or isinstance(chair, Person)
    assert secretary is None or isinstance(secretary, Person)
    assert isinstance(tellers, tuple)
    return Officials(chair, secretary, tellers)


def _person(text: str) -> Person | None:
    name, _, position = text.strip().partition(",")
    name, position = name.strip(" .;"), position.strip(" .;")
    if not name:
        return None
    if len(name) > PERSON_MAX or len(position) > PERSON_MAX:
        raise TextTooLong(max=PERSON_MAX)
    return Person(name, position)


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    letters = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", letters).strip(" -•*")
