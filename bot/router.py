"""Maps commands, button actions and conversation states to handlers."""

from __future__ import annotations

from collections.abc import Callable

from bot.context import Handler


class Router:
    def __init__(self) -> None:
        self.commands: dict[str, Handler] = {}
        self.actions: dict[str, Handler] = {}
        self.states: dict[str, Handler] = {}

    def command(self, *names: str) -> Callable[[Handler], Handler]:
        return self._register(self.commands, names)

    def action(self, *names: str) -> Callable[[Handler], Handler]:
        return self._register(self.actions, names)

    def state(self, *names: str) -> Callable[[Handler], Handler]:
        return self._register(self.states, names)

    def include(self, other: Router) -> None:
        for mine, theirs in (
            (self.commands, other.commands),
            (self.actions, other.actions),
            (self.states, other.states),
        ):
            clash = mine.keys() & theirs.keys()
            if clash:
                raise ValueError(f"registered twice: {sorted(clash)}")
            mine.update(theirs)

    @staticmethod
    def _register(
        table: dict[str, Handler], names: tuple[str, ...]
    ) -> Callable[[Handler], Handler]:
        def decorator(handler: Handler) -> Handler:
            for name in names:
                table[name] = handler
            return handler

        return decorator
