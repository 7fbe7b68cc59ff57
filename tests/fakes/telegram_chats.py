"""What becomes of the chats a bot is in, for the fake Bot API server: what Telegram answers
a bot that sends where it no longer may, the topics of a forum, who administers a group.

Each rule below is Telegram's, from the Bot API documentation (https://core.telegram.org/bots/api)
and the Bot API server's source (github.com/tdlib/telegram-bot-api, Client.cpp), and each
error text is the one the real server sends:

- A basic group upgraded to a supergroup gets a new id. A send to the old one is refused with
  400 "Bad Request: group chat was upgraded to a supergroup chat" and
  `parameters.migrate_to_chat_id` (ResponseParameters: "The group has been migrated to a
  supergroup with the specified identifier"); the old group's last message carries
  `migrate_to_chat_id`, the new one's first `migrate_from_chat_id`.
- A bot removed from a group is refused with 403 "Forbidden: bot was kicked from the group
  chat" (or "... supergroup chat"); one that left, "Forbidden: bot is not a member of the
  ... chat". Neither is "Forbidden: bot was blocked by the user", which only a person's
  private chat gives. The bot learns of it at once from a `my_chat_member` update
  (ChatMemberUpdated), if it asked for those in `allowed_updates`.
- A bot may not write first to a person who never opened a chat with it: 403 "Forbidden: bot
  can't initiate conversation with a user".
- In a forum supergroup (Chat.is_forum) a message in a topic has `message_thread_id` and
  `is_topic_message`; a send with a `message_thread_id` the chat does not have is refused
  with 400 "Bad Request: message thread not found", one without goes to the General topic.
- An administrator who stays anonymous writes as the group: `sender_chat` is the chat and
  `from` is GroupAnonymousBot (id 1087968824). Who administers a group is asked of the chat:
  getChatMember (ChatMemberOwner / ChatMemberAdministrator / ChatMemberMember /
  ChatMemberLeft) and getChatAdministrators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

GROUP_ANONYMOUS_BOT: Final = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
UPGRADED: Final = "Bad Request: group chat was upgraded to a supergroup chat"
CANT_INITIATE: Final = "Forbidden: bot can't initiate conversation with a user"
THREAD_NOT_FOUND: Final = "Bad Request: message thread not found"

# (error_code, description, parameters) of a refused call.
Refusal = tuple[int, str, dict[str, Any] | None]

_RIGHTS: Final = (
    "can_be_edited", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
    "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users",
    "can_post_stories", "can_edit_stories", "can_delete_stories", "can_send_welcome_messages",
)  # fmt: skip


def kicked_text(chat_type: str) -> str:
    return f"Forbidden: bot was kicked from the {_kind(chat_type)} chat"


def not_member_text(chat_type: str) -> str:
    return f"Forbidden: bot is not a member of the {_kind(chat_type)} chat"


def _kind(chat_type: str) -> str:
    return "group" if chat_type == "group" else "supergroup"


@dataclass
class ChatStates:
    """The fate of each chat: upgraded, the bot removed, a person who never started the bot,
    a forum's topics, a group's administrators."""

    upgraded: dict[int, int] = field(default_factory=dict)  # old id → the supergroup's
    removed: dict[int, str] = field(default_factory=dict)  # chat → "kicked" | "left"
    not_started: set[int] = field(default_factory=set)  # people's private chats
    topics: dict[int, set[int]] = field(default_factory=dict)  # forum → its thread ids
    owners: dict[int, int] = field(default_factory=dict)  # chat → the creator's user id
    admins: dict[int, dict[int, bool]] = field(default_factory=dict)  # chat → user → anonymous
    members: dict[int, set[int]] = field(default_factory=dict)  # who has written there

    def refusal(self, chat_id: int, chat_type: str) -> Refusal | None:
        """Why a send or an edit to `chat_id` is refused, if it is."""
        if chat_id in self.upgraded:
            return 400, UPGRADED, {"migrate_to_chat_id": self.upgraded[chat_id]}
        if chat_id in self.removed:
            how = self.removed[chat_id]
            text = kicked_text(chat_type) if how == "kicked" else not_member_text(chat_type)
            return 403, text, None
        if chat_id in self.not_started:
            return 403, CANT_INITIATE, None
        return None

    def thread_refusal(self, chat_id: int, thread_id: int | None) -> Refusal | None:
        if thread_id is None or thread_id in self.topics.get(chat_id, set()):
            return None
        return 400, THREAD_NOT_FOUND, None

    def member(self, chat_id: int, user: dict[str, Any]) -> dict[str, Any]:
        """The ChatMember of `user` in the chat, as getChatMember answers."""
        user_id = int(user["id"])
        if self.owners.get(chat_id) == user_id:
            anonymous = self.admins.get(chat_id, {}).get(user_id, False)
            return {"status": "creator", "user": user, "is_anonymous": anonymous}
        if user_id in self.admins.get(chat_id, {}):
            anonymous = self.admins[chat_id][user_id]
            rights = {right: right != "can_be_edited" for right in _RIGHTS}
            return {"status": "administrator", "user": user, "is_anonymous": anonymous, **rights}
        if user_id in self.members.get(chat_id, set()):
            return {"status": "member", "user": user}
        return {"status": "left", "user": user}

    def administrators(self, chat_id: int) -> list[int]:
        owner = self.owners.get(chat_id)
        others = [user for user in self.admins.get(chat_id, {}) if user != owner]
        return ([owner] if owner is not None else []) + others
