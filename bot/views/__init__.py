"""Views turn domain results into channel-neutral replies, in the user's language."""

from bot.views import bloc, errors, invites, menu, onboarding, scoring, tasks

__all__ = ["bloc", "errors", "invites", "menu", "onboarding", "scoring", "tasks"]
