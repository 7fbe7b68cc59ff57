"""Handlers, one module per feature, written once for every channel."""

from __future__ import annotations

from bot.router import Router


def build_router() -> Router:
    from bot.handlers import (
        bloc,
        group,
        invites,
        menu,
        ranking,
        reports,
        scoring,
        start,
        tasks,
        verify,
    )

    router = Router()
    for module in (start, menu, bloc, tasks, group, invites, scoring, verify, ranking, reports):
        router.include(module.router)
    return router
