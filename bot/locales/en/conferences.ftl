## Conferences

cmd-hoinghi = Conferences: schedule, invitations, attendance
conference-name-signing = Covenant signing conference { $year }
conference-name-midyear = Mid-year review conference { $year }
conference-name-annual = Annual review conference { $year }
conference-place-host = Hall of { $unit }
conference-place-none = (no place yet)
conference-agenda-signing = Adopt the emulation covenant; the units sign it.
conference-agenda-midyear = Review the first six months; directions for the second half.
conference-agenda-annual = Annual review; ballots on awards; handover to the next leader.
conference-when = ⏰ When: { $at }
conference-where = 📍 Where: { $place }
conference-agenda = 📋 Agenda: { $agenda }
conference-attendees = 👥 Invited: { $attendees }
conferences-title = 📅 The bloc's conferences in { $year }
conferences-none = No conference is scheduled yet.
conference-row-cancelled = 🚫 { $name } — cancelled
conference-answer-none = Your unit has not answered yet.
conference-answer-absent = Your unit said it will not attend.
conference-answer-people = Your unit attends with { $people ->
        [one] { $people } person
       *[other] { $people } people
    }.
btn-conference-answer = ✋ Attendance: { $name }
btn-conference-ics = 📅 Add to calendar (.ics): { $name }
btn-conference-manage = 🗂 Attendance, move, cancel: { $name }
btn-conference-new = ➕ Schedule a conference
btn-people = { $people ->
        [one] { $people } person
       *[other] { $people } people
    }
btn-conference-absent = ❌ Not attending
conference-answer-ask = { $name }: how many people does your unit send (at most { $max })? You may change it until it opens.
conference-answered = Attendance for { $name } recorded.
btn-conferences = 📅 Conferences
conference-choose-kind = Which conference?
conference-setup-title = Preparing the invitation: { $name }
btn-conference-time = ⏰ Time
btn-conference-place = 📍 Place
btn-conference-agenda = 📋 Agenda
btn-conference-attendees = 👥 Invited
btn-conference-send = 📨 Send the invitation
conference-ask-time = Type the opening time, e.g. "8h30 15/03/{ $year }" or "08:00 15/03/{ $year }" (local time).
conference-ask-place = Type the place ({ $max } characters at most), e.g. "Hall of the Department of Agriculture".
conference-ask-agenda = Type the agenda of the conference ({ $max } characters at most).
conference-ask-attendees = Type who is invited ({ $max } characters at most), e.g. "The unit's head and its emulation officer".
conference-attendance-title = Attendance for { $name }:
conference-attendance-total = { $people ->
        [one] { $people } person
       *[other] { $people } people
    } in all; { $unanswered } units have not answered.
btn-conference-move = ⏰ Move
btn-conference-cancel = 🚫 Cancel the conference
btn-conference-cancel-now = 🚫 Cancel and tell the units
conference-confirm-cancel = Cancel { $name }? Every unit will be told and the reminders stop.
conference-invitation = 📅 INVITATION — { $bloc }: { $name }
conference-cancelled = 🚫 { $bloc }: { $name } is cancelled. The reminders have stopped.
conference-moved = 📅 MOVED — { $bloc }: { $name } moves to a new time:
conference-reminder-days = 📅 Reminder: { $name } ({ $bloc }) in { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
conference-reminder-hours = 📅 Reminder: { $name } ({ $bloc }) in { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }.
conference-ics-caption = Calendar file: open it to add the conference to your phone's calendar.
conference-sent = 📨 The invitation went to the group and to every unit's officers.
conference-setup-cancelled = Cancelled; no invitation was sent.
conference-moved-done = ⏰ Moved, and the units told; the reminders follow the new time.
conference-cancelled-done = 🚫 The conference is cancelled and the units told.
error-conference-not-found = This conference no longer exists or is not your { word-bloc-lower }'s. Type /hoinghi for the schedule.
error-conference-in-past = { $starts_at } has passed; please choose a time to come.
error-conference-outside-year = The { $year } conferences must fall between { $opens } and before { $closes }.
error-conference-exists = The bloc already has this conference at { $starts_at }; use "Attendance, move, cancel" to move it instead.
error-conference-closed = The conference opened at { $starts_at } or was cancelled; it can no longer change.
error-text-too-long = The text is { $length } characters long, at most { $max }; please shorten it.
error-people-out-of-range = Attendance must be from 0 to { $max } people.
error-conference-time-unreadable = Could not read the time "{ $text }". Type e.g. "8h30 15/03/{ $year }" or "08:00 15/03/{ $year }".
