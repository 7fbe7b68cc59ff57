"""Handlers, one module per feature, written once for every channel."""

from __future__ import annotations

from bot.router import Router


def build_router() -> Router:
    from bot.handlers import (
        answers,
        ballots,
        bloc,
        conferences,
        criteria,
        deadlines,
        documents,
        fast_entry,
        group,
        handover,
        invites,
        menu,
        pledge_review,
        pledges,
        ranking,
        reports,
        scoring,
        start,
        tasks,
        verify,
        voting,
    )

    router = Router()
    for module in (
        start,
        menu,
        bloc,
        tasks,
        group,
        invites,
        pledges,
        pledge_review,
        scoring,
        fast_entry,
        verify,
        answers,
        deadlines,
        ranking,
        reports,
        criteria,
        ballots,
        voting,
        conferences,
        handover,
        documents,
    ):
        router.include(module.router)
    return router
