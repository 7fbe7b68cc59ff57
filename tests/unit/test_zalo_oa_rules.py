"""The Official Account's rules in isolation: the webhook signature, the events as Zalo posts
them, and how a message becomes what Zalo takes (buttons, parts, uploads, links)."""

from __future__ import annotations

import pytest

from bot.channels.zalo_oa_events import parse_event, signature_matches
from bot.channels.zalo_oa_send import PAYLOAD_PREFIX, plan, template_data, upload_kind
from bot.dispatcher import Outgoing
from bot.request import File
from bot.settings import ZnsTemplate

APP_ID = "3608465248940903967"
BODY = '{"event_name":"user_send_text","timestamp":"1654646400000","message":{"text":"Chào"}}'
# sha256 of app id + body + timestamp + key, computed apart (`sha256sum`).
MAC = "5804fccf0d3efad3fdd7694e0ed7397bc884d2cb38e863f5e2f262a5d023447a"


@pytest.mark.parametrize("header", [f"mac={MAC}", MAC, f" mac={MAC.upper()} ", f"MAC={MAC}"])
def test_the_signature_zalo_documents_is_accepted(header: str) -> None:
    assert signature_matches(header, APP_ID, BODY.encode(), "1654646400000", "oa-secret")


@pytest.mark.parametrize(
    ("header", "body", "key"),
    [
        (f"mac={MAC}", BODY.replace("Chào", "Chao"), "oa-secret"),  # the body changed
        (f"mac={MAC}", BODY, "app-secret"),  # another key
        ("", BODY, "oa-secret"),
        ("mac=\udcff", BODY, "oa-secret"),  # bytes that were not UTF-8
    ],
)
def test_any_other_signature_is_refused(header: str, body: str, key: str) -> None:
    assert not signature_matches(header, APP_ID, body.encode(), "1654646400000", key)


def test_events_as_zalo_posts_them() -> None:
    message = {"msg_id": "m1", "text": "/menu"}
    text = parse_event({"app_id": APP_ID, "event_name": "user_send_text", "message": message,
                        "timestamp": "1654646400000", "sender": {"id": "u1"},
                        "recipient": {"id": "oa"}})  # fmt: skip
    assert (text.user_id, text.group_id, text.text, text.what) == ("u1", "", "/menu", "text")
    assert text.update_key == "m1" and text.timestamp == 1654646400000

    follow = parse_event({"oa_id": "oa", "follower": {"id": "u2"}, "event_name": "follow",
                          "app_id": APP_ID, "timestamp": "1654646400001"})  # fmt: skip
    assert (follow.user_id, follow.what) == ("u2", "")
    assert follow.update_key == "follow:u2:1654646400001"

    photo = {"type": "image", "payload": {"url": "https://x/p.jpg"}}
    group = parse_event({"event_name": "user_send_group_image", "timestamp": 1654646400002,
                         "sender": {"id": "u3"}, "recipient": {"id": "g9"},
                         "message": {"msg_id": "m3", "attachments": [photo]}})  # fmt: skip
    assert (group.group_id, group.what, group.attachment) == ("g9", "image", photo["payload"])


@pytest.mark.parametrize("data", [[], "x", {"timestamp": "1"}, {"event_name": "follow"},
                                  {"event_name": "follow", "timestamp": "soon"}])  # fmt: skip
def test_what_is_not_an_event(data: object) -> None:
    with pytest.raises(ValueError):
        parse_event(data)


def _buttons(count: int, label: str = "Nút") -> list[list[tuple[str, str]]]:
    return [[(f"{label} {n}", f"1:cmd:c{n}:sig")] for n in range(1, count + 1)]


def test_five_buttons_are_buttons_a_sixth_makes_them_numbered_lines() -> None:
    [step] = plan(Outgoing("Chọn:", _buttons(5)))
    assert step.text == "Chọn:" and step.buttons is not None
    assert [b.payload for b in step.buttons] == [
        f"{PAYLOAD_PREFIX}1:cmd:c{n}:sig" for n in range(1, 6)
    ]

    [numbered] = plan(Outgoing("Chọn:", _buttons(6)))
    assert numbered.buttons is None
    assert numbered.text == "Chọn:\n\n" + "\n".join(f"{n}. Nút {n}" for n in range(1, 7))
    [long_title] = plan(Outgoing("Chọn:", _buttons(1, "x" * 101)))
    assert long_title.buttons is None and long_title.text.endswith("1. " + "x" * 101 + " 1")


def test_a_text_of_any_length_goes_in_parts_of_2000_with_the_buttons_last() -> None:
    text = ("Một dòng của bản tổng hợp. " * 10 + "\n") * 40  # 10,840 characters
    steps = plan(Outgoing(text, _buttons(2)))
    assert len(steps) == 6 and all(len(step.text) <= 2000 for step in steps)
    assert "".join(step.text for step in steps) == text
    assert [step.buttons is not None for step in steps] == [False] * 5 + [True]


def test_documents_zalo_takes_are_uploads_the_rest_links() -> None:
    files = [File("a.docx", b"d", "x"), File("b.xlsx", b"x", "x"), File("c.png", b"p", "x"),
             File("d.ics", b"i", "x"), File("e.png", b"p" * (1024 * 1024 + 1), "x")]  # fmt: skip
    links = [(f.name, f"https://bot/files/{f.name}") for f in files]
    text, *uploads = plan(Outgoing("Văn bản:", [], files=files, links=links))
    assert text.text.splitlines()[2:] == [f"📎 {n}: https://bot/files/{n}" for n in
                                          ("b.xlsx", "d.ics", "e.png")]  # fmt: skip
    assert [(s.file.name if s.file else "", upload_kind(s.file) if s.file else None)
            for s in uploads] == [("a.docx", "file"), ("c.png", "image")]  # fmt: skip


def test_a_template_takes_the_notice_values_it_names() -> None:
    spec = ZnsTemplate(template_id="1", params={"don_vi": "unit", "tieu_de": "title"})
    notice = {"kind": "deadline_reminder", "unit": "Sở GTVT"}
    message = Outgoing("⏰ Còn 1 ngày\nchi tiết", [], notice=notice)
    assert template_data(spec, message) == {"don_vi": "Sở GTVT", "tieu_de": "⏰ Còn 1 ngày"}
    wrong = ZnsTemplate(template_id="1", params={"han": "deadline"})
    assert template_data(wrong, message) is None  # a notice without it: it waits instead
