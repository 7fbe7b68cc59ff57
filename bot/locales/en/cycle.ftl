## Year cycle

cmd-bangiao = Hand over the leader and deputy to next year (leader)
cycle-window-pledge = The { $year } pledge round
cycle-window-midyear = The { $year } mid-year scoring round
cycle-window-annual = The { $year } annual scoring round
cycle-opened = 📢 { $name } is open until { $closes } — type /{ $command }.
cycle-task-pledge = send the { $year } pledge
cycle-task-midyear = submit the { $year } mid-year self-scoring sheet
cycle-task-annual = submit the { $year } self-scoring sheet
cycle-reminder-days = ⏰ { $days ->
        [one] { $days } day
       *[other] { $days } days
    } left: the deadline to { $task } is { $deadline }.
cycle-reminder-hours = ⏰ { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } left: the deadline to { $task } is { $deadline }.
cycle-lag-pledge-none = { $unit } has not registered its pledge.
cycle-lag-pledge-draft = { $unit } has drafted its pledge but not sent it.
cycle-lag-pledge-returned = The leader returned the pledge of { $unit }: correct it and send it again.
cycle-lag-sheet-none = { $unit } has not scored any criterion.
cycle-lag-sheet-draft = { $unit } has scored only { $done }/{ $total } criteria.
cycle-lag-sheet-full = { $unit } has scored all { $done }/{ $total } criteria but not submitted.
cycle-lag-cross = { $unit } has submitted { $done }/{ $total } cross-scoring sheets.
btn-cycle-score = 📝 Continue scoring
btn-cycle-verify = 🔎 Verify the sheets
cycle-closed = 🔒 { $name } closed at { $closed }.
cycle-closed-locked-pledge = The data is locked by the deadline: units can no longer send a new pledge (a returned one may still be corrected and sent again).
cycle-closed-locked-scoring = The data is locked by the deadline: units can no longer score or submit their sheets.
cycle-closed-all = ✅ All { $total } units have finished.
cycle-closed-missing = { $count ->
        [one] { $count } of { $total } units has not finished:
       *[other] { $count } of { $total } units have not finished:
    }
handover-title = 🚩 Handover of the leader and deputy: { $year } → { $next }
handover-current = { $year }: leader { $leader }, deputy { $deputy }.
handover-nobody = (none)
handover-source-rotation = Proposed by the { word-bloc-lower }'s rotation order: { $order }.
handover-source-election = Proposed by the ballots electing the leader and deputy.
handover-source-chosen = The units you chose.
handover-leader = Leader for { $next }: { $unit }
handover-deputy = Deputy for { $next }: { $unit }
handover-flag = Rotating flag: { $source } hands it to { $target }.
handover-creates = When you confirm, the bot creates { $next } with the same member units, rules, calendar and criteria table.
handover-updates = { $next } is already in the bot: confirming only changes its leader and deputy.
handover-other-hint = To choose other units: type /bangiao LEADER_CODE DEPUTY_CODE (unit codes: { $codes }).
handover-private = The handover of the leader and deputy is done in a private chat with the bot: send /bangiao to the bot privately.
handover-not-allowed = Only this year's { word-leader } or { word-deputy }, or the provincial emulation board, can hand over to next year's leader and deputy.
btn-handover-confirm = ✅ Confirm the handover
handover-done = ✅ Handed over. { $next }: leader { $leader }, deputy { $deputy }. The bloc's group and every unit's officers have been told.
handover-notice = 🚩 { $bloc }: at the end of { $year }, { $source } hands the rotating flag to { $target }. { $next }: leader { $leader }, deputy { $deputy }.
error-handover-done = { $year } has already been handed over: the leader and deputy for { $next_year } are confirmed. Type /khoi to see them.
error-handover-too-early = The { $year } handover is done at the annual review, from { $opens_at } (when the annual scoring round opens).
error-handover-not-elected = No ballot has elected the { $role ->
        [leader] leader
       *[deputy] deputy
    } for { $year } yet. Open one with /binhxet, close and count it, then type /bangiao again.
error-handover-by-election = The bloc elects its leader and deputy for { $year } by ballot, so units cannot be chosen by code. Type /bangiao to see the election result.
error-handover-not-member = { $unit } is not a member unit in { $year }; please choose another unit.
error-handover-same-unit = { $unit } cannot be both leader and deputy; please choose two different units.
error-handover-unknown-unit = Cannot read «{ $text }». Type /bangiao LEADER_CODE DEPUTY_CODE with unit codes: { $codes }.
error-handover-pending = This year still has { $ballots } open ballots and { $conferences } coming conferences; close the ballots (/binhxet) and hold or cancel the conferences (/hoinghi) before handing over.
