"""/sovanban: the bloc's register of numbered documents for the year, and its next number."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Action, Button, File, Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.documents import Officials
from domain.services.board_file import BoardFile
from domain.services.documents import Register

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SET_NEXT = "dn"  # the button that asks for the next number
BOARD_FILE = "bhs"  # the button that makes the file for the provincial board


def register(t: Translator, book: Register, bloc_name: str, notice: str = "") -> Reply:
    lines = [notice, ""] if notice else []
    lines.append(t("register-title", year=book.year, bloc=bloc_name))
    if not book.entries:
        lines.append(t("register-empty"))
    else:
        lines.append(t("register-count", count=len(book.entries)))
    for entry, number in book.entries:
        lines.append(
            t(
                "register-entry",
                number=str(number),
                kind=entry.kind.value,
                date=fmt.date(entry.issued_at),
                edition=entry.edition,
            )
        )
    lines += ["", t("register-next", number=f"{book.next_number:02d}"), t("register-hint")]
    buttons = [
        [Button(t("btn-register-set"), Action(SET_NEXT))],
        [command_button(t("btn-menu"), "menu")],
    ]
    return Reply("\n".join(lines), buttons)


def ask_next(t: Translator, book: Register) -> Reply:
    text = t("register-ask", last=f"{book.last_number:02d}", year=book.year)
    back = [[command_button(t("btn-back"), "sovanban")]]
    return Reply(text, back, lettered=True)  # the number typed must not press a choice


def number_set(t: Translator, book: Register, bloc_name: str) -> Reply:
    notice = t("register-set", number=f"{book.next_number:02d}", year=book.year)
    return register(t, book, bloc_name, notice)


# --- who the minutes name -------------------------------------------------------------------


def officials_lines(t: Translator, officials: Officials) -> list[str]:
    """The chair, the secretary and the counting committee, as the minutes will name them."""
    blank = t("officials-blank")
    tellers = "; ".join(str(person) for person in officials.tellers) or blank
    return [
        t("officials-chair", person=str(officials.chair or blank)),
        t("officials-secretary", person=str(officials.secretary or blank)),
        t("officials-tellers", people=tellers),
    ]


def officials_button(t: Translator, action: Action) -> Button:
    return Button(t("btn-officials"), action)


def ask_officials(t: Translator, officials: Officials, back: Action) -> Reply:
    lines = [t("officials-ask"), "", t("officials-now"), *officials_lines(t, officials)]
    return Reply("\n".join(lines), [[Button(t("btn-back"), back)]], lettered=True)


def board_file_button(t: Translator) -> Button:
    return Button(t("btn-board-file"), Action(BOARD_FILE))


def board_file(t: Translator, found: BoardFile, content: bytes) -> Reply:
    text = t(
        "board-file-ready", year=found.year, proposals=len(found.proposals),
        minutes=len(found.minutes), covenant=str(found.covenant is not None).lower(),
    )  # fmt: skip
    name = f"ho-so-gui-ban-tdkt-{found.year}.docx"
    document = File(name, content, DOCX, t("board-file-caption", year=found.year))
    reply = Reply(text, [[command_button(t("btn-menu"), "menu")]], files=[document])
    reply.new_message = True
    return reply
