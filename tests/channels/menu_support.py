"""The main menu as the tests expect it: the leader unit's officer (Sở NN&PTNT in the sample)
gets every feature, the organisers' own included, then help and language."""

from __future__ import annotations

LEADER_MENU = [
    "📋 Việc cần làm", "🏢 Khối của tôi", "📝 Đăng ký thi đua", "🤝 Ký kết giao ước",
    "✏️ Chấm điểm", "🏆 Xếp hạng", "🗳 Bình xét", "📅 Hội nghị", "📥 Báo cáo",
    "🔎 Thẩm định", "✅ Duyệt đăng ký", "🎯 Chuyên đề", "📑 Bảng tiêu chí", "🔗 Mời đơn vị",
    "🔢 Sổ văn bản", "🚩 Bàn giao", "❓ Hướng dẫn", "🌐 Ngôn ngữ",
]  # fmt: skip
LEADER_MENU_EN = [
    "📋 To-do", "🏢 My bloc", "📝 Pledge", "🤝 Sign the covenant", "✏️ Scoring", "🏆 Ranking",
    "🗳 Ballots", "📅 Conferences", "📥 Reports", "🔎 Verify", "✅ Review pledges",
    "🎯 Campaigns", "📑 Criteria table", "🔗 Invite units", "🔢 Document register",
    "🚩 Hand over", "❓ Help",
    "🌐 Language",
]  # fmt: skip
# An ordinary member unit's officer: no organiser's feature.
OFFICER_MENU = [label for label in LEADER_MENU if label not in LEADER_MENU[9:16]]


def numbered(labels: list[str]) -> str:
    """The menu on Zalo and in the console: one numbered line each."""
    return "\n".join(f"{number}. {label}" for number, label in enumerate(labels, 1))


def rows(labels: list[str]) -> list[list[str]]:
    """The menu on Telegram: two buttons a row."""
    return [labels[at : at + 2] for at in range(0, len(labels), 2)]
