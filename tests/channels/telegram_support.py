"""What the Telegram channel tests share: a button press's record and the buttons of a
message as the fake Bot API server stores them."""

from __future__ import annotations

from dataclasses import dataclass

from tests.fakes.telegram_server import RecordedCall, StoredMessage


@dataclass
class Press:
    """Everything the bot called for one button press."""

    query_id: str
    calls: list[RecordedCall]

    def of(self, method: str) -> list[RecordedCall]:
        return [call for call in self.calls if call.method == method]

    @property
    def answers(self) -> list[RecordedCall]:
        return self.of("answerCallbackQuery")

    @property
    def edits(self) -> list[RecordedCall]:
        return self.of("editMessageText")

    @property
    def sends(self) -> list[RecordedCall]:
        return self.of("sendMessage")

    @property
    def toast(self) -> str | None:
        assert len(self.answers) == 1, f"expected one callback answer, got {self.answers}"
        text = self.answers[0].params.get("text")
        return None if text is None else str(text)

    def assert_edited_in_place(self, message: StoredMessage) -> None:
        """Answered once, the pressed message edited, nothing new sent."""
        assert len(self.answers) == 1 and self.sends == [], self.calls
        [edit] = self.edits
        assert edit.ok, edit.response
        assert (edit.params["chat_id"], edit.params["message_id"]) == (
            message.chat_id,
            message.message_id,
        )


def button_rows(message: StoredMessage) -> list[list[str]]:
    markup = message.reply_markup or {}
    return [[button["text"] for button in row] for row in markup.get("inline_keyboard", [])]


def button_labels(message: StoredMessage) -> list[str]:
    return [label for row in button_rows(message) for label in row]


def button_data(message: StoredMessage, label: str) -> str:
    markup = message.reply_markup or {}
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if button["text"] == label:
                return str(button["callback_data"])
    raise AssertionError(f"no button {label!r} on the message; it has {button_rows(message)}")
