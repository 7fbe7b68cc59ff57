## What the platforms do to the bot's chats

group-lost = ⚠️ The bot was removed from the group «{ $title }», so the group is no longer linked to { $bloc }: the bloc's notices and ballots will not be posted there any more. To use the group again, add the bot to it and type /lienket there.
bind-code-offer = If you administer the group with «Remain anonymous» on, what you type there is signed by the group, so the bot cannot tell who sent it. Then type the line below in the group (it works once, until { $until }):
error-bind-anonymous-needs-code = You are posting as an anonymous administrator, so the bot cannot tell who wants to link the group. The bloc leader or deputy messages /lienket to the bot privately for a one-time code, then types /lienket followed by that code here (or turns «Remain anonymous» off and types /lienket).
error-bind-code-invalid = This link code is wrong or has expired. The bloc leader or deputy can message /lienket to the bot privately for a new one.
error-bind-code-used = This link code has been used already. The bloc leader or deputy can message /lienket to the bot privately for a new one.
error-bind-code-not-admin = { $name } (who got this code) is not an administrator of this group, so the bot has not linked it. A code only works in a group its holder administers.
