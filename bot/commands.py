"""Every command of the chat in one table: who it is for, and where it shows — the main menu,
/trogiup, Telegram's command menu — and the plain words that reach it.

A person sees what their roles may use (`for_roles`); the handlers still check every
permission themselves, so the table only decides what is offered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.folding import fold
from domain.model import Role
from domain.policy import Permission, granted


@dataclass(frozen=True)
class Command:
    name: str  # typed as /name: Telegram allows only lower-case latin letters
    aliases: tuple[str, ...] = ()  # the English names, for those who type them
    needs: tuple[Permission, ...] = (Permission.VIEW_BLOC,)  # any one of these; () for all
    organiser: bool = False  # among the organisers' own (leader, deputy, board)
    menu: bool = True  # a button of the main menu
    private: bool = True  # offered in a private chat
    group: bool = False  # offered in the bloc's group too
    phrases: tuple[str, ...] = ()  # plain words reaching it, folded (no diacritics)

    def open_to(self, roles: frozenset[Role]) -> bool:
        if not self.needs:
            return True
        return any(granted(roles, permission) for permission in self.needs)


P = Permission
# fmt: off
COMMANDS: tuple[Command, ...] = (
    Command("start", needs=(), menu=False, phrases=("bat dau", "tham gia")),
    Command("menu", needs=(), menu=False, phrases=("menu", "menu chinh", "trang chu")),
    Command("viec", ("tasks",), phrases=("viec", "viec can lam", "cong viec", "han chot")),
    Command("khoi", ("bloc",), group=True, phrases=("khoi", "cum", "khoi cua toi", "cum cua toi")),
    Command("dangky", ("pledge",), (P.PLEDGE,), phrases=("dang ky", "dang ky thi dua")),
    Command("kyket", ("sign",), (P.PLEDGE,), phrases=("ky ket", "giao uoc", "ky giao uoc")),
    Command("chamdiem", ("score",), (P.SCORE,), phrases=("cham diem", "tu cham", "nhap diem")),
    Command("xephang", ("ranking",), group=True, phrases=("xep hang", "bang xep hang")),
    Command("binhxet", ("ballots",), group=True, phrases=("binh xet", "bo phieu", "phieu bau")),
    Command("hoinghi", ("conferences",), group=True, phrases=("hoi nghi", "lich hop", "giay moi")),
    Command("baocao", ("reports",), phrases=("bao cao", "tai bao cao", "bang tong hop")),
    Command("thamdinh", ("verify",), (P.VERIFY_SCORES,), organiser=True, phrases=("tham dinh",)),
    Command("duyet", ("review",), (P.REVIEW_PLEDGES,), organiser=True,
            phrases=("duyet", "duyet dang ky")),
    Command("chuyende", ("campaigns",), (P.MANAGE_CAMPAIGNS,), organiser=True,
            phrases=("chuyen de", "chuyen de thi dua")),
    Command("bangtieuchi", ("criteria",), (P.MANAGE_CRITERIA,), organiser=True,
            phrases=("bang tieu chi", "tieu chi")),
    Command("moi", ("invites",), (P.MANAGE_INVITES,), organiser=True,
            phrases=("moi", "ma moi", "duong dan moi", "moi don vi")),
    Command("sovanban", ("register",), (P.NUMBER_DOCUMENTS,), organiser=True,
            phrases=("so van ban", "so cong van", "danh so van ban")),
    Command("bangiao", ("handover",), (P.HAND_OVER,), organiser=True, phrases=("ban giao",)),
    Command("lienket", ("bind",), (P.BIND_GROUP,), organiser=True, menu=False, private=False,
            group=True, phrases=("lien ket", "lien ket nhom")),
    Command("trogiup", ("help",), (), group=True,
            phrases=("giup", "tro giup", "huong dan", "help")),
    Command("ngonngu", ("language",), (), phrases=("ngon ngu", "language", "tieng anh")),
)
# fmt: on
BY_NAME = {command.name: command for command in COMMANDS}


def for_roles(roles: frozenset[Role], *, group: bool = False) -> list[Command]:
    """The commands these roles may use, in the table's order (the year's order)."""
    return [
        command
        for command in COMMANDS
        if command.open_to(roles) and (command.group if group else command.private)
    ]


# What every officer of a unit may use: offered before a person's own roles are known.
EVERY_OFFICER = frozenset({Role.OFFICER})


_NOT_WORD = re.compile(r"[^\w]+")
# Polite words around a request ("tôi muốn chấm điểm", "xem xếp hạng nhé"), folded.
_BEFORE = ("toi muon", "cho toi", "muon", "xem", "mo", "vao")
_AFTER = ("a", "nhe", "di", "voi", "giup")
PHRASES = {phrase: command.name for command in COMMANDS for phrase in command.phrases}


def spoken(text: str) -> str | None:
    """The command plain words ask for ("chấm điểm", "bo phieu", "Hội nghị?", "tôi muốn
    chấm điểm"), or None: the words, less polite ones around them, are one of the table's
    phrases. Anything else is not guessed at ("cho hỏi hạn nộp báo cáo" is a question)."""
    words = " ".join(_NOT_WORD.sub(" ", fold(text)).split())
    if words in PHRASES:
        return PHRASES[words]
    for before in _BEFORE:
        words = words.removeprefix(before + " ")
    for after in _AFTER:
        words = words.removesuffix(" " + after)
    return PHRASES.get(words)
