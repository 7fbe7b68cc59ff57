## The year's other loops: pledge notices, the secret vote on Telegram, the to-do list, the
## year in review, the conference host.

conference-host = 🏢 Host unit: { $unit }
btn-conference-host = 🏢 Host unit
conference-ask-host = Which unit hosts the conference? The default place is the host's hall.

## Pledge decisions, told to the unit
pledge-notice-approved = ✅ The { $year } emulation pledge of { $unit } was approved ({ $decider }). Next: sign the covenant (type /kyket).
pledge-notice-returned = ↩️ The { $year } emulation pledge of { $unit } was returned ({ $decider }). Reason: "{ $reason }". Please correct it and send it again (type /dangky).

## The secret vote: one tap shows the choice to confirm; the receipt is written privately
ballot-confirm-send = 🔒 Secret ballot "{ $title }": { $choice }.
    A secret ballot cannot be changed once sent. Send it?
ballot-confirm-sent-private = Secret ballot: confirm your choice in your private chat with the bot. The vote counts only once you press "✅ Send the ballot".

## The to-do list follows the year (/viec)
task-days-left = { $days ->
        [0] due today
       *[other] { $days ->
            [one] { $days } day left
           *[other] { $days } days left
        }
    }
task-overdue = { $days ->
        [one] { $days } day late
       *[other] { $days } days late
    }
task-due-at = before { $at }
task-verify = Verify the { $cycle ->
        [midyear] mid-year
       *[annual] annual
    } { $year } sheets: { $verified }/{ $ready } verified (type /thamdinh)
task-explanations = Read the explanations of { $count } units ({ $units }) on the { $cycle ->
        [midyear] mid-year
       *[annual] annual
    } { $year } sheets, then keep or change the scores (type /thamdinh)
task-publish = Publish the { $cycle ->
        [midyear] mid-year
       *[annual] annual
    } { $year } ranking (type /xephang)
task-ballots = Hold the { $year } ballots: { $ballots } (type /binhxet)
task-ballot-kind = { $kind ->
        [flag] Emulation Flag
        [merit] Certificate of Merit
        [leader] next year's leader unit
       *[deputy] next year's deputy unit
    }
task-schedule-review = Schedule the { $year } annual review conference; send the invitations a week ahead (type /hoinghi)
task-hand-over = Hand over { $next } and the rotating flag at the annual review (type /bangiao)
task-answer-changes = Answer { $count } verification changes to the { $cycle ->
        [midyear] mid-year
       *[annual] annual
    } { $year } sheet: agree or explain
btn-task-publish = 📢 Ranking, publish
btn-task-hand-over = 🤝 Hand over
