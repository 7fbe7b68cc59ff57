"""/viec: my open tasks and their deadlines, those of the year in review included."""

from __future__ import annotations

from bot import views, web_entry
from bot.context import Context
from bot.handlers.common import places
from bot.request import Reply, Request
from bot.router import Router
from domain.policy import Permission, allowed
from domain.services import tasks

router = Router()


@router.command("viec", "tasks")
async def my_tasks(req: Request, ctx: Context) -> Reply:
    found = await places(req, ctx)
    member = found[-1]
    owner = member.unit.short_name if member.unit else member.actor.full_name
    items = await tasks.tasks_of(ctx.uow, found, ctx.now)
    reply = views.tasks.task_list(ctx.t, owner, items, ctx.now)
    if member.unit is not None and allowed(member.actor, Permission.FOLLOW_YEAR, member.year):
        # The leader's and deputy's list has the whole bloc's year behind it on the web.
        reply = await web_entry.offer(reply, req, ctx, "web-btn-year", web_entry.YEAR)
    return reply
