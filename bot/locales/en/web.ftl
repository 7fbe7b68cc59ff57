## Web pages: the chat's buttons and links to them
web-btn-sheet = 📝 Open the score sheet
web-btn-ballot = 🗳 Open the ballot paper on the web
web-btn-pledge = 📝 Open the pledge on the web

## Web pages: signing in
web-app-name = Emulation bot
web-tg-refused = Telegram did not confirm your account. Close the page and open it again with the button in the chat with the bot.
web-signing-in = Signing in with your Telegram account…
web-link-continue-text = Open your page of the emulation bot.
web-link-continue = Continue
web-link-unknown = This link is not right. Open the page again from the bot's message (type /chamdiem, /binhxet or /dangky for a new link).
web-link-used = This link has been used once already and cannot open again. Type { $how } in the chat with the bot for a new link (valid for 15 minutes).
web-link-expired = This link has expired (it works for 15 minutes). Type { $how } in the chat with the bot for a new link.
web-too-many-sign-ins = Too many sign-ins from this device. Wait a minute and try again.
web-signed-out = Your session has ended or you are not signed in. Open the page again from the bot's message (type /chamdiem, /binhxet or /dangky).
web-csrf = This page is out of date, so nothing was saved. Reload the page and do it again.
web-not-found = This page does not exist, or you may not see it.
web-board = Provincial emulation board
web-year = { $year }
web-home-title = Tasks on the web
web-open-sheet = 📝 Score sheet
web-open-ballots = 🗳 Ballots
web-open-pledge = 📝 Pledge

## Web pages: the score sheet
web-sheet-title = Scoring { $year }
web-sheet-heading = Scoring { $cycle ->
        [midyear] mid-year
       *[annual] annual
    } { $year } — { $unit }
web-cross-title = Cross-scoring: choose a unit
web-deadline = Due { $date } ({ $days } days left). Each field saves itself when you leave it.
web-submitted-at = Submitted at { $date }; the sheet is now read-only.
web-window-closed = The scoring window is closed; the sheet is read-only.
web-submitted = ✅ Sheet submitted: { $total } points.
web-running-total = Running total
web-scored = { $done }/{ $count } items
web-final-after = After verification: { $final } points (self-scored { $own }).
web-bonus = Bonus points
web-penalties = Penalties
web-bonus-cap = The bonus counts up to { $cap } points in all.
web-deduct = minus { $points } points
web-deduct-each = minus { $points } points each time
web-times = times
web-yes = Yes
web-no = No
web-save = Save
web-saved = saved
web-attached = attached
web-verified-change = Verification: { $old } → { $new } — “{ $reason }”
web-remove = Remove
web-photo = 📷 Photo
web-file = 📎 File
web-note = 📝 Note
web-note-save = Save the note
web-attach = Attach
web-nothing-attached = No file chosen and no note written to attach.
web-submit = Submit the sheet ({ $total } points)
web-submit-ask = Submit the sheet with { $total } points in all? { $missing ->
        [0] Every item is scored.
       *[other] { $missing } items are not scored yet.
    } Once submitted it cannot be changed.
web-submit-confirm = Submit the sheet
web-back = Review
web-limits = Evidence: JPEG/PNG photos, PDF, Word or Excel, up to 20 MB a file.
web-changed-meanwhile = { $by } just changed it to { $value } (at { $at }); your score was not saved.
web-a-colleague = A colleague
web-keep-mine = Keep mine
web-take-theirs = Take my colleague's
web-changed-by = { $by } just changed it to { $value } (at { $at })

## Web pages: the ballot paper
web-ballots-title = Open ballots
web-no-ballots = No ballot is open now.
web-ballot-closes = Closes at { $at }
web-ballot-voted = your unit has voted
web-ballot-quota = choose up to { $quota }
web-ballot-count = Voted: { $voted }/{ $members } units
web-ballot-receipt = Vote recorded. Receipt code: { $code }
web-ballot-secret-ask = A secret vote cannot be changed once sent. Send it?
web-ballot-choose = Tick the units you approve (up to { $quota }):
web-ballot-motion = Your unit's answer:
web-ballot-agree = Agree (left empty means disagree)
web-ballot-rank = rank { $rank } · { $points } points
web-ballot-send = Send the vote

## Web pages: the pledge
web-pledge-title = Emulation pledge { $year }
web-pledge-status = { $status ->
        [submitted] sent, awaiting approval
        [returned] returned
        [approved] approved
       *[draft] draft
    }
web-pledge-signed = covenant signed at { $date }
web-pledge-done = { $what ->
        [submitted] 📤 Pledge sent; the leader will review and approve it.
        [withdrawn] ↩️ Withdrawn to a draft; send it again before the deadline.
        [signed] 🤝 Covenant signed.
       *[saved] ✅ Saved.
    }
web-pledge-sent = Sent at { $date }, awaiting the leader's approval.
web-pledge-submit = 📤 Send the pledge (due { $deadline })
web-pledge-sign = 🤝 Sign the covenant
web-covenant-status = Signed: { $signed }/{ $total } units.
web-covenant-download = ⬇️ Download the covenant (.docx)

## Web pages: the bloc's year (leader, deputy)
web-btn-year = 📊 Open the { word-bloc-lower }'s whole year
web-open-year = 📊 The { word-bloc-lower }'s year
web-year-refused = This page is for the { word-leader } and the { word-deputy }. Type /viec to see your unit's tasks.
web-time-unreadable = The date and time could not be read. Pick a date and time in the field (e.g. 30/11/2022 16:00) and send again.
web-year-title = Emulation year { $year }
web-stage = { $stage ->
        [before] No window has opened yet
        [pledges] Pledges are open
        [midyear] Mid-year scoring is open
        [midyear-review] Verifying and publishing the mid-year results
        [between] Between windows
        [annual] Annual scoring is open
        [annual-review] Verifying and publishing the annual results
       *[published] Annual ranking published: ballots and award proposals
    }
web-year-done = { $what ->
        [ballot] 🗳 The ballot is open; the papers went to every unit's officers.
       *[conference] 📨 The invitation went to every unit.
    }
web-deadlines = Deadlines
web-window = { $kind ->
        [pledge] Pledges
        [midyear] Mid-year scoring
       *[annual] Annual scoring
    }
web-units-progress = Progress of { $count } units
web-progress-sum = Pledges approved { $approved }/{ $total } · { $cycle ->
        [midyear] mid-year
       *[annual] annual
    }: submitted { $submitted }/{ $total }, verified { $verified }/{ $ready }.
web-role = { $role ->
        [leader] { word-leader }
       *[deputy] { word-deputy }
    }
web-col-joined = Officers
web-joined = { $count ->
        [0] nobody has joined the bot
       *[other] { $count } joined
    }
web-col-pledge = Pledge
web-pledge-state = { $state ->
        [submitted] sent, awaiting approval
        [returned] returned, to be corrected
        [approved] approved
       *[none] not sent
    }
web-signed = covenant signed
web-col-sheet = { $cycle ->
        [midyear] Mid-year sheet
       *[annual] Annual sheet
    }
web-sheet-state = { $state ->
        [submitted] submitted
        [not-open] scoring not open yet
        [draft] { $done }/{ $total } criteria scored, not submitted
        [cross] { $done }/{ $total } cross sheets submitted
       *[none] nothing scored yet
    }
web-col-verify = Verification
web-year-verify-state = { $verified ->
        [true] verified
       *[false] awaiting verification
    }{ $changes ->
        [0] {""}
       *[other] {""} · { $changes } items changed
    }{ $waiting ->
        [0] {""}
       *[other] {""} · { $waiting } awaiting the unit's answer
    }{ $explained ->
        [0] {""}
       *[other] {""} · { $explained } explanations
    }
web-col-vote = Vote
web-voted = { $voted ->
        [true] ✅ voted
       *[false] ⏳ not voted yet
    }
web-ballot-short = { $kind ->
        [flag] Emulation Flag
        [merit] Certificate of Merit
        [leader] next year's { word-leader }
        [deputy] next year's { word-deputy }
        [report] Report
       *[question] Motion
    }
web-conference-short = { $kind ->
        [signing] covenant signing
        [midyear] mid-year review
       *[annual] annual review
    }
web-col-answer = Conference
web-rsvp = { $answered ->
        [true] { $people ->
            [0] ✅ not attending
           *[other] ✅ { $people } attending
        }
       *[false] ⏳ no answer yet
    }
web-documents = Documents to download
web-doc-table = ⬇️ Score table, { $cycle ->
        [midyear] mid-year
       *[annual] annual
    } { $year } (.xlsx){ $published ->
        [true] {""}
       *[false] {""} — draft
    }
web-doc-chart = ⬇️ Ranking chart, { $cycle ->
        [midyear] mid-year
       *[annual] annual
    } { $year } (.png)
web-doc-minutes = ⬇️ Minutes of the count
web-doc-proposal = ⬇️ Award proposal
web-doc-ballot-chart = ⬇️ Ballot results chart
web-doc-ics = 📅 Conference calendar (.ics)
web-doc-board-file = ⬇️ File for the provincial board, { $year } (.docx)
web-no-documents = No documents yet: the covenant, score tables and minutes appear here once made.
web-new-ballot = Set up a ballot
web-ballot-kind = What the ballot is about
web-ballot-prepare = Prepare the ballot
web-new-conference = Schedule a conference
web-conference-kind = Conference
web-conference-prepare = Prepare the invitation
web-ballot-defaults = Filled in from the { word-bloc-lower }'s regulation and the published ranking; change what you need, then press «Open the ballot».
web-ballot-question = The question to vote on
web-ballot-candidates = Candidates
web-points = { $points } points
web-ballot-quota-label = Each unit may approve at most
web-ballot-secret = Secret ballot
web-ballot-threshold = Approvals needed to be proposed
web-ballot-base = Counted against
web-base = { $base ->
        [all_members] all { $members } member units
       *[present_members] the units that vote
    }
web-ballot-closes-label = Closing time
web-ballot-place-label = Place (for the minutes; empty: online)
web-back-year = Back
web-conference-defaults = The date the bot proposes from the { word-bloc-lower }'s calendar, hosted by the { word-leader }; change what you need, then press «Send the invitation».
web-conference-time = Starts at
web-conference-host = Host unit
web-conference-place = Place (empty: the host unit's hall)
web-conference-agenda = Agenda (empty: the customary one)
web-conference-attendees = Who is invited

## Web pages: the provincial board
web-btn-board = 🏛 Open the blocs overview
web-open-board = 🏛 The province's blocs
web-board-refused = This page is for the provincial board's accounts. Type /menu to see what you can do.
web-board-title = The province's emulation blocs
web-board-intro = { $blocs } blocs; { $proposals } award proposals.
web-board-xlsx = ⬇️ Every bloc's award proposals (.xlsx)
web-board-lagging = { $window }: { $count ->
        [0] no unit behind
       *[other] { $count }/{ $total } units behind
    }
web-board-none-lagging = Every unit has done it.
web-board-ranking = { $cycle ->
        [midyear] Mid-year
       *[annual] Annual
    } ranking { $year } (published)
web-board-no-ranking = No ranking published yet.
web-board-documents = Proposals and minutes
web-board-no-documents = No ballot has ended yet.
