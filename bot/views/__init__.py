"""Views turn domain results into channel-neutral replies, in the user's language."""

from bot.views import (
    bloc,
    errors,
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
)

__all__ = [
    "bloc",
    "errors",
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
]
