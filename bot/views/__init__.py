"""Views turn domain results into channel-neutral replies, in the user's language."""

from bot.views import (
    answers,
    bloc,
    deadlines,
    errors,
    evidence,
    fmt,
    invites,
    menu,
    onboarding,
    pledge_review,
    pledges,
    ranking,
    scoring,
    tasks,
    verify,
    verify_notices,
)

__all__ = [
    "answers",
    "bloc",
    "deadlines",
    "errors",
    "evidence",
    "fmt",
    "invites",
    "menu",
    "onboarding",
    "pledge_review",
    "pledges",
    "ranking",
    "scoring",
    "tasks",
    "verify",
    "verify_notices",
]
