"""What text the bot keeps: control characters and lone surrogates dropped, names cut to their
columns without splitting a letter from its accents, ids that do not fit refused, and an
imported name holding a NUL listed as a problem with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import inbound
from bot.request import Attachment, ChatKind, Incoming
from db.models import EvidenceRow, GroupChatRow, IdentityRow, OfficerRow, ProcessedUpdateRow
from domain.bloc_spec import parse_bloc_spec
from domain.errors import InvalidBlocSpec
from domain.model import Channel
from domain.text import clean_line, clean_text, first_unsafe
from imports.yaml_source import read_yaml
from tests.samples import sample_yaml


def incoming(**values: object) -> Incoming:
    fields: dict[str, object] = {
        "channel": Channel.ZALO, "chat_id": "c1", "chat_kind": ChatKind.PRIVATE,
        "user_id": "u1", "user_name": "Tây", **values,
    }  # fmt: skip
    return Incoming(**fields)  # type: ignore[arg-type]


def test_texts_lose_control_characters_and_lone_surrogates_but_keep_lines() -> None:
    assert clean_text("Điểm\r\n8,5\x00\ud800\x1b\tđạt\x85") == "Điểm\n8,5\tđạt"
    assert clean_text("Nguye\u0302\u0303n") == "Nguyễn"  # composed, as keyboards should
    assert clean_text("👨‍👩‍👧 ok") == "👨‍👩‍👧 ok"  # the joiner of an emoji is no control
    assert first_unsafe("x\x7fy") == "U+007F" and first_unsafe("ổn\n") is None


def test_a_long_name_is_cut_with_an_ellipsis_never_inside_a_letter() -> None:
    assert clean_line("a" * 10 + "e\u0302\u0301" * 5, 12) == "aaaaaaaaaaế…"  # NFC first
    assert clean_line("x" * 300, 255) == "x" * 254 + "…"
    assert clean_line(" Trần \n\t Văn  A ", 255) == "Trần Văn A"
    # A letter with no composed form keeps its marks: cut before it, or after them.
    assert clean_line("q\u0323\u0302" * 3, 4) == "q\u0323\u0302…"
    assert clean_line("q\u0323\u0302" * 3, 3) == "…"


def test_the_limits_are_those_of_the_columns() -> None:
    names = [IdentityRow.display_name, OfficerRow.full_name, GroupChatRow.title, EvidenceRow.name]
    assert {column.type.length for column in names} == {inbound.NAME_MAX}
    ids = [IdentityRow.external_id, GroupChatRow.chat_id, ProcessedUpdateRow.update_key]
    assert {column.type.length for column in ids} == {inbound.ID_MAX}


def test_an_update_is_cleaned_or_dropped() -> None:
    photo = Attachment("document", "ref\x00", "bao\x00cao.pdf" + "x" * 300, 10, "application/pdf")
    cleaned = inbound.cleaned(
        incoming(text="/khoi\x00", user_name="Tây\x00\ud800", chat_title="Nhóm\x07",
                 callback_data="v1|x\ud800", attachment=photo)
    )  # fmt: skip
    assert cleaned is not None
    assert (cleaned.text, cleaned.user_name, cleaned.chat_title) == ("/khoi", "Tây", "Nhóm")
    assert cleaned.callback_data == "v1|x"
    assert cleaned.attachment is not None
    assert cleaned.attachment.reference == "ref" and len(cleaned.attachment.name) == 255
    assert inbound.cleaned(incoming(chat_id="c" * 65)) is None
    assert inbound.cleaned(incoming(user_id="u\x00")) is None
    assert inbound.cleaned(incoming(update_key="k" * 65)) is None
    assert inbound.too_long(incoming(text="x" * 4097))
    assert not inbound.too_long(incoming(text="x" * 4096))


@pytest.mark.parametrize(("escape", "char"), [("\\0", "U+0000"), ("\\x1b", "U+001B")])
def test_a_control_character_in_an_imported_name_is_a_problem(
    tmp_path: Path, escape: str, char: str
) -> None:
    text = sample_yaml().read_text(encoding="utf-8")
    text = text.replace("name: Khối thi đua Khối 7", f'name: "Khối thi đua{escape} Khối 7"', 1)
    path = tmp_path / "khoi.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidBlocSpec) as caught:
        parse_bloc_spec(*read_yaml(path))
    [problem] = caught.value.problems
    assert problem.code == "unsafe-characters"
    assert dict(problem.values) == {"field": "name", "char": char}
    assert problem.where.startswith("dòng ")
