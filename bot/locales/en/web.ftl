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
