## python main.py demo: the narration of the sample bloc's year (what the officers type and the
## bot's answers are not here: they stay in the officers' language)

demo-stopped = ❌ The demo stopped: { $error }
demo-done = ✅ A whole year of the { word-bloc-lower } played in { $seconds } seconds.
demo-files = The documents are in { $folder }:
demo-try = Try this year yourself in the console: { $command } (scoring is open).

## The documents the year writes, by the start of their file names
demo-kind-giao-uoc = emulation covenant (signed)
demo-kind-bang-tong-hop-diem = score summary table
demo-kind-xep-hang = ranking chart
demo-kind-hoi-nghi = conference invitation for phone calendars
demo-kind-bien-ban = vote-count minutes
demo-kind-to-trinh = proposal for commendation
demo-kind-ket-qua = ballot result chart
demo-kind-ho-so-gui-ban-tdkt = file for the Emulation and Commendation Board

## The stage: who read a message, the scheduler, what stops the story
demo-scheduler = { $moment } — ⏱ scheduler:
demo-readers-two = { $first } and { $last }
demo-readers-more = { $names } and { $count ->
        [one] { $count } other unit
       *[other] { $count } other units
    }
demo-pressed = (a button)
demo-error-no-reply = { $who }: «{ $said }» got no answer
demo-error-refused = { $who }: «{ $said }» was refused: { $reply }
demo-error-accepted = { $who }: «{ $said }» was accepted, which the story did not expect: { $reply }
demo-error-no-button = { $unit }: no «{ $label }» button (there are: { $labels })

## The year up to the published ranking
demo-import = The { word-province }'s Emulation and Commendation Board imports the { word-bloc-lower } from { $file }:
demo-invites = Each unit gets its invite code ({ $command }); the units' emulation officers join the { word-bloc-lower }:
demo-group = the { $bloc } group
demo-link-group = The { word-leader } adds the bot to the { word-bloc-lower }'s { $platform } group and links the group:
demo-in-group = { $unit } (in the group)
demo-campaign = The { word-leader } sets the year's emulation campaign:
demo-pledges = The units register their pledges (/dangky): title, campaign, commitment, send:
demo-did-pledge = /dangky → { $title }, the campaign, a commitment, sent
demo-reminded-pledges = { $unit } gets the reminder and registers at once:
demo-approvals = The { word-leader } approves the pledges (/duyet):
demo-did-approve = approves { $unit }
demo-signing-scheduled = The { word-leader } schedules the covenant's signing conference (/hoinghi):
demo-signing = At the conference, each unit confirms it signs the covenant (/kyket):
demo-did-schedule = «{ $kind }», { $when }, invitations sent
demo-did-attend = { $count ->
        [one] registers { $count } attendee
       *[other] registers { $count } attendees
    }
demo-midyear-scores = The units score their first six months (/chamdiem), type in the { $count } criteria and submit:
demo-did-score-some = /chamdiem → { $done } of { $count } criteria typed in, left for later
demo-did-score-criteria = /chamdiem → { $count } criteria, submitted
demo-did-score-criteria-rest = /chamdiem → the remaining { $count } criteria, submitted
demo-did-score-items = /chamdiem → { $count } items, submitted
demo-did-score-items-rest = /chamdiem → the remaining { $count } items, submitted
demo-late-scores = { $unit } finishes its sheet and submits:
demo-midyear-published = The { word-leader } publishes the mid-year results and schedules the mid-year review conference:
demo-annual-scores = The units type in the year's self-scores from their own spreadsheets ({ $count } items) and submit:
demo-slip = { $unit }: types «{ $value }» for criterion { $item } by mistake → «{ $reply }»
demo-verification = The { word-leader } verifies (/thamdinh) the score sheet of { $unit }:
demo-did-verify = criterion { $item }: { $before } → { $after } points, reason «{ $reason }»
demo-annual-published = Scoring has closed; the { word-leader } publishes the year's ranking (/xephang):
demo-annual-scheduled = The { word-leader } schedules the annual review conference:

## The year-end conference's ballots and the handover
demo-flag-ballot = Annual review conference: the vote on proposing the Emulation Flag (secret ballot, threshold { $threshold }%):
demo-reminded-vote = { $unit } gets the reminder and votes; on time, the scheduler closes the ballot:
demo-flag-documents = The { word-leader } views the result and takes the minutes, the proposal and the chart:
demo-merit-ballot = The vote on proposing the Certificate of Merit ({ $places } places, threshold { $threshold }%):
demo-error-no-tie = the Certificate of Merit vote did not end in the expected tie:
    { $result }
demo-board-file = The { word-leader } takes the file for the provincial board: proposals, minutes, score table, covenant:
demo-did-vote = ballot no. { $ballot }: { $choice }
demo-vote-yes = agree
demo-vote-no = disagree
demo-did-close = closes ballot no. { $ballot } and counts the votes
demo-did-documents = «{ $button }» of ballot no. { $ballot }
demo-handover = The { word-leader } hands the { word-bloc-lower } over for { $year } (/bangiao):
