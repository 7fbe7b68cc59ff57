## Buttons
btn-tasks = 📋 To-do
btn-bloc = 🏢 My bloc
btn-help = ❓ Help
btn-language = 🌐 Language
btn-menu = ☰ Main menu
btn-move = Move to { $unit }
btn-stay = Stay with { $unit }

## Command menu (Telegram's / list)
cmd-menu = Main menu
cmd-viec = To-do list and deadlines
cmd-khoi = The bloc and its member units
cmd-trogiup = How to use the bot
cmd-ngonngu = Change language
cmd-lienket = Link this group to the { word-bloc-lower }
cmd-moi = Invite links for the units (leader, deputy)

## Menu and help
menu-title = Main menu
menu-title-unit = Main menu — { $unit }
menu-title-board = Main menu — Emulation and Commendation Board
menu-hint = What would you like to do?
welcome-unregistered =
    Hello { $name }! This is Thi Đua Bot, the emulation bloc assistant.
    You have not joined a { word-bloc-lower } yet. Open the invite link sent by your { word-leader }, or type /start followed by the invite code (for example: /start snn-4f9a2k).
help-body = Thi Đua Bot commands:
help-organiser = For the { word-leader }, the { word-deputy } and the Emulation and Commendation Board:
language-choose = Chọn ngôn ngữ / Choose a language:
language-set = Switched to English.

## Joining
joined = Hello { $name }! You have joined { $bloc } ({ $year }) as the emulation officer of { $unit }.
joined-already = Hello { $name }! You are already the emulation officer of { $unit }.
joined-moved = Hello { $name }! You have been moved from { $old } to { $unit }.
joined-role-leader = { $unit } is the { word-leader } this year.
joined-role-deputy = { $unit } is the deputy this year.
joined-role-officer = { word-leader-title } this year: { $leader }.
joined-not-member = Note: your unit is not on the { $year } member list; please contact the { word-leader }.
joined-board = Hello { $name }! You have joined as { $role ->
        [admin] an administrator for the Emulation and Commendation Board
       *[observer] an observer for the Emulation and Commendation Board
    }.
move-confirm =
    You are currently the emulation officer of { $current }.
    This invite code belongs to { $target }. Move to { $target }?
move-kept = No change: you are still the emulation officer of { $unit }.
start-in-group = To join, message the bot privately: /start followed by the invite code.

## Bloc
bloc-title = 🏢 { $bloc } — { $year }
bloc-province = { word-province-title }: { $province }
bloc-leader = { word-leader-title }: { $unit }
bloc-deputy = Deputy: { $unit }
bloc-no-deputy = Deputy: none yet
bloc-units = Member units ({ $joined }/{ $total } have joined the bot):
bloc-unit-joined = ✅ joined
bloc-unit-not-joined = ⏳ not joined yet
bloc-role-leader = {" "}({ word-leader })
bloc-role-deputy = {" "}(deputy)
bloc-unit-mine = {" "}· your unit
bloc-groups = Bloc group chats: { $titles }
bloc-no-group = No group chat linked yet. The { word-leader } adds the bot to the { word-bloc-lower }'s group, then types /lienket in the group.
group-untitled = { $channel ->
        [zalo] Zalo group
        [telegram] Telegram group
       *[other] group chat
    }
group-bound = ✅ Linked the group «{ $title }» to { $bloc }. Voting, schedule reminders and bloc announcements will be sent to this group.
group-already-bound-here = The group «{ $title }» was already linked to { $bloc }.

## Tasks
tasks-title = 📋 To-do for { $owner }
tasks-none = 📋 { $owner } has nothing to do right now. The bot will message you when something new comes up (for example, when emulation registration opens).
task-due = due { $date }
task-bind-group = Link the { word-bloc-lower }'s group chat: add the bot to the group, then type /lienket in the group.
task-invite-units = { $count ->
        [one] Invite the unit that has not joined the bot: { $units } (type /moi for its invite link).
       *[other] Invite the { $count } units that have not joined the bot: { $units } (type /moi for their invite links).
    }

## Invites
invites-title = 🔗 Invite links — { $bloc }
invites-joined = {" "}(✅ { $count ->
        [one] { $count } officer joined
       *[other] { $count } officers joined
    })
invites-code = Code: { $code } · valid until { $date }
invites-hint = Send the link (or the code; on Zalo, /start followed by the code) to each unit's emulation officer. A unit's 1–3 officers may share one code.

## Errors
error-generic = Something went wrong while processing your request. Saved data has not been changed; please try again.
error-unavailable = The system cannot reach its data at the moment, so this request was not recorded. Please try again in a few minutes.
error-invite-not-found = The invite code is incorrect or has expired. Please ask your { word-leader } for a new link.
error-invite-expired = This invite code expired at { $expired_at }. Please ask your { word-leader } for a new link.
error-invite-revoked = This invite code has been revoked. Please ask your { word-leader } for a new link.
error-invite-used-up = This invite code has already been used. Please ask the Emulation and Commendation Board for a new one.
error-private-chat-required = Invite codes are only shown in a private chat with the bot, so that no one else can use them. Message the bot privately: /moi
error-not-registered = You have not joined a { word-bloc-lower } yet. Open the invite link sent by your { word-leader }, or type /start followed by the invite code.
error-group-not-member = { $name } is not yet an officer of a member unit in this bloc. Message the bot privately: /start followed by your unit's invite code.
error-not-authorized = { $permission ->
        [bind_group] Only the { word-leader } or { word-deputy } can link a group to the { word-bloc-lower }.
        [manage_invites] Only the { word-leader } or { word-deputy } can manage invite codes.
        [pledge] Only an officer of a member unit can register a pledge or sign the covenant.
        [review_pledges] Only the { word-leader } or { word-deputy } can review pledges.
        [manage_campaigns] Only the { word-leader } or { word-deputy } can set the themed campaigns.
        [verify_scores] Only the { word-leader } or { word-deputy } can verify the score sheets.
       *[other] You do not have permission to do this.
    }
error-not-a-member = Your unit is not part of { $bloc } in { $year }. Contact the { word-leader } if this is a mistake.
error-group-chat-required = Use /lienket in the { word-bloc-lower }'s group chat: add the bot to the group, then type /lienket there.
error-group-already-bound = This group is already linked to { $bloc }; each group can belong to only one bloc.
error-bloc-not-found = Bloc { $code } not found. Type /khoi to see your { word-bloc-lower }.
error-bloc-none = No bloc has been imported into the bot yet.
error-bloc-choose = There are several blocs: { $choices }. Type /khoi followed by the { word-bloc-lower } code, for example /khoi { $first }.
error-unit-not-found = The unit for this invite code was not found. Please ask your { word-leader } for a new link.
error-stale-action = This button belongs to an old message. Type /viec to see your current to-do list.
error-forged = This button is invalid or out of date. Type /menu to open a new menu.
error-unknown-command = The bot does not recognise the command /{ $command }. Type /trogiup to see the commands.
error-unknown-text = The bot did not understand this message. Type /menu to open the menu or /trogiup for help.
error-no-choices = There is no list to choose from by number right now. Type /menu to open the main menu.
error-choice-out-of-range = There is no option { $number }. Type a number from 1 to { $max }, or /menu to open the menu.

## Import problems
import-invalid = The file has { $count ->
        [one] { $count } error
       *[other] { $count } errors
    }; nothing has been imported into the database:
import-expected-mapping = expected «key: value» pairs
import-expected-list = expected a list
import-missing-field = missing field «{ $field }»
import-not-a-number = «{ $value }» is not a number
import-not-positive = points must be greater than 0 (got { $value })
import-too-long = «{ $field }» is longer than { $max } characters
import-too-large = «{ $value }» points is more than the maximum of { $max }
import-too-many-decimals = points may have at most 1 decimal place (got { $value })
import-bad-bloc-code = bloc code «{ $value }» may only contain lowercase unaccented letters, digits and hyphens
import-bad-unit-code = unit code «{ $value }» may only contain unaccented letters, digits and underscores (at most 20 characters)
import-bad-year = year «{ $value }» is not valid
import-no-units = the bloc has no units
import-duplicate-unit = unit code «{ $unit }» is duplicated
import-unknown-unit = { $role ->
        [leader] the bloc leader
        [deputy] the deputy
       *[other] the rotation order
    } is «{ $unit }», but no unit in the unit list has this code
import-deputy-is-leader = the deputy is the same as the bloc leader («{ $unit }»)
import-duplicate-in-rotation = the rotation order lists a unit more than once
import-bad-threshold = vote threshold «{ $value }» is not valid; choose 0.5, 2/3 (write 0.667), 0.7, 0.8 or 0.9
import-bad-ratio = ratio «{ $value }» must be greater than 0 and at most 1
import-bad-quota = quantity «{ $value }» must be a whole number of at least 1
import-bad-boolean = «{ $value }» must be true or false
import-bad-choice = «{ $value }» is not valid; choose one of: { $choices }
import-bad-month-day = date «{ $value }» must be in month-day form, for example 01-05
import-bad-offset = reminder time «{ $value }» must be in the form 7d, 1d or 2h
import-duplicate-criterion = criterion code «{ $code }» is duplicated
import-empty-section = this section has no criteria yet
import-criteria-total = the maximum points of the criteria add up to { $total }, which differs from the scale of { $scale }

## Zalo
error-unsupported-message = The bot cannot read this kind of message yet. Send a text message, or type /menu to open the menu.

## Command line
cli-file-not-found = File { $path } not found.
cli-file-bad-format = The file { $path } is not in the expected format; nothing has been imported:
cli-import-unchanged = { $bloc } ({ $year }): the data is already there, nothing has changed.
cli-imported = { $action ->
        [created] Imported
       *[updated] Updated
    } { $bloc } ({ $province }), { $year }: { $unit_count ->
        [one] { $unit_count } unit
       *[other] { $unit_count } units
    } ({ $units_added } new, { $units_updated } updated), { $criteria_count ->
        [one] { $criteria_count } criterion
       *[other] { $criteria_count } criteria
    }.
cli-import-next = Next: python main.py invites — to get each unit's invite link.
cli-import-sample = The database is empty: importing the sample bloc { $file } to try the bot.
cli-no-bloc = There is no bloc { $code }.
cli-no-blocs = There are no blocs yet. Import one first: python main.py import { $sample }
cli-invite-unit = { $unit } [{ $code }] — { $joined ->
        [one] { $joined } officer has joined
       *[other] { $joined } officers have joined
    }; code valid until { $date }
cli-invite-telegram = Telegram: { $link }
cli-invite-start = Zalo / console: /start { $code }
cli-invites-no-telegram = (Set TELEGRAM_BOT_TOKEN to get Telegram invite links as well.)
cli-board-invite = Invite code for the Emulation and Commendation Board ({ $role }): /start { $code }
cli-board-invite-until = Valid until { $until }.
cli-revoke-not-found = There is no invite code { $code }.
cli-revoked = Revoked the invite code { $code }.
cli-template-written = Wrote the bloc import template: { $file }
cli-migrated = The database is already at the latest version.
cli-banner =
    Thi Đua Bot — console channel. Type /trogiup to see the commands, answer a list with its
    number, /vai to act as another unit, Ctrl+D or /thoat to quit.
cli-banner-no-blocs =
    There are no blocs yet. Import the sample bloc: python main.py import { $sample }
    then get the invite codes: python main.py invites

## Scoring
cmd-chamdiem = Score your unit
sheet-title = { $cycle ->
        [midyear] Mid-year scoring { $year }
       *[annual] Scoring { $year }
    } — { $unit } ({ $status ->
        [submitted] submitted
       *[draft] draft
    })
sheet-scored-by = { $unit } (cross-scored by { $scorer })
sheet-section = Section { $code }. { $title } ({ $max } points) — scored { $done }/{ $count } · { $points } points
btn-section = Section { $code } ({ $done }/{ $count })
sheet-bonus = Bonus: { $points }
sheet-bonus-capped = Bonus: { $points } (at most { $cap })
sheet-penalties = Penalties: { $points }
sheet-running-total = Running total: { $total } / { $scale }
sheet-deadline = Due: { $date }
sheet-submitted-at = Submitted at { $date }; the sheet can no longer be changed.
sheet-verified-title = Verified by the { word-leader }:
sheet-verified-item = • Item { $item }: { $old } → { $new } — "{ $reason }"
sheet-verified-total = Score after verification: { $final } (self-assessed { $own }).
btn-bonus = ⭐ Bonus
btn-penalties = ⚠️ Penalties
btn-submit = 📤 Submit the sheet
btn-previous = ◀ Previous item
btn-skip = Skip ▶
btn-save-draft = 💾 Save draft
btn-submit-confirm = ✅ Submit
btn-back = ◀ Back
btn-view-sheet = 📄 View the sheet
section-heading = Section { $code }. { $title } ({ $max } points)
section-bonus = Bonus (at most { $cap } in total)
section-penalties = Penalties
item-max = at most { $max }
penalty-per = minus { $points } points
penalty-times = { $times ->
        [one] once
       *[other] { $times } times
    }
score-hint = Type the score, from 0 to { $max }, e.g. { $example }.
score-hint-penalty = Type how many times it happened (0 if never).
score-recorded = Recorded { $points }/{ $max } for item { $item }. Running total: { $total }.
score-recorded-penalty = Recorded { $times ->
        [one] once
       *[other] { $times } times
    } for item { $item }.
submit-confirm = Submit { $unit }'s self-assessment: { $total } points? Once submitted, the unit can no longer change it.
submit-confirm-cross = Submit { $scorer }'s cross sheet for { $unit }: { $total } points? Once submitted, it can no longer be changed.
submit-done = ✅ { $unit }'s { $year } self-assessment is submitted: { $total } points. The { word-leader } and { word-deputy } will verify it; each change is told to the unit, to agree or explain.
submit-done-cross = ✅ { $scorer }'s { $year } cross sheet for { $unit } is submitted: { $total } points. { $unit }'s score is the mean of the other units' sheets; the { word-leader } verifies it and sets the penalties.
cross-choose-unit = Cross-scoring: choose the unit you are scoring.
error-score-not-a-number = «{ $text }» is not a score. Type a number from 0 to { $max }, with at most one decimal place.
error-count-not-a-number = The number of times is a whole number from 0 to { $max } («{ $text }» is not); please type it again.
error-score-too-many-decimals = Scores have one decimal place (for example 9.5); please type it again (0 to { $max }).
error-score-out-of-range = This item is worth at most { $max } points — please type it again (0 to { $max }).
error-bonus-over-cap = Bonus points are capped at { $cap } in total; lower this bonus or another one.
error-scoring-not-open = { $cycle ->
        [midyear] Mid-year
       *[annual] Annual
    } scoring for { $year } is open from { $opens_at } to { $closes_at }.
error-scoring-closed = { $cycle ->
        [midyear] Mid-year
       *[annual] Annual
    } scoring for { $year } closed at { $closes_at }; contact the { word-leader } if it needs reopening.
error-sheet-submitted = The sheet was submitted at { $at } and can no longer be changed; contact the { word-leader } for corrections.
error-sheet-not-submitted = The unit has not submitted this sheet yet, so it cannot be verified.
error-sheet-incomplete = { $count ->
        [one] One item is
       *[other] { $count } items are
    } not scored yet ({ $items }). Score every item, then submit.
error-unknown-criterion = There is no item { $code } in this year's criteria table.
error-own-unit-in-cross-mode = This bloc cross-scores: each unit scores the others, never itself.
error-entry-changed-meanwhile = { $by } has just scored item { $item } as { $value }. That score was kept; type yours again to replace it.
error-reason-required = A reason is needed when verification changes a score.
error-no-criteria-table = There is no criteria table for { $year } yet; the { word-leader } has to import one first.
error-ranking-not-published = The { word-leader } has not published the { $year } ranking yet.
error-ranking-published = The { $year } ranking is published, so its scores can no longer change.
error-window-still-open = Scoring is open until { $closes_at }; publish the ranking after it closes, when no unit can change its scores.
error-own-unit-verification = Your own unit's sheet is verified by the deputy (or the leader), not by yourself.
error-criteria-in-use = The { $year } criteria table has been used for scoring and can no longer change.

## Ranking and verification
cmd-xephang = The ranking
cmd-thamdinh = Verify score sheets (leader, deputy)
ranking-title = 🏆 { $cycle ->
        [midyear] Mid-year ranking { $year }
       *[annual] Ranking { $year }
    } ({ $status ->
        [published] published
       *[draft] not published
    })
ranking-row = { $rank }. { $unit } — { $points } points
ranking-tied = { $rank } (tied)
ranking-empty = No unit has submitted a score sheet yet.
ranking-unranked = Not submitted (not ranked): { $units }
ranking-not-yet = The { word-leader } has not published the { $cycle ->
        [midyear] mid-year { $year }
       *[annual] { $year }
    } ranking yet.
ranking-own = { $unit }'s score ({ $status ->
        [submitted] submitted
       *[draft] draft
    }): self-assessed { $own }; after verification { $final }.
ranking-own-none = Your unit has not scored this cycle yet. Type /chamdiem to start.
ranking-published = The ranking is published to the whole bloc.
btn-publish = 📢 Publish the ranking
btn-reports = 📥 Download reports

## Reports
cmd-baocao = Download reports: score summary table, ranking chart
report-ready = 📥 Scoring reports for { $year } ({ $status ->
        [published] published
       *[draft] draft, not published
    }):
report-table-caption = Score summary table { $year }
report-chart-caption = Ranking chart { $year }

## File links (Zalo)
file-link = 📎 { $name }: { $url }
file-link-expiry = The download links work until { $date }.
file-link-forged = This download link is not valid. Open the report in the bot again for a new link.
file-link-expired = This download link has expired. Open the report in the bot again for a new link.

## Evidence
btn-note = 📝 Evidence note
evidence-saved = 📎 Evidence saved ({ $kind ->
        [photo] photo
        [document] file
       *[note] note
    }) for item { $item }.
evidence-count = { $count ->
        [one] One piece of evidence so far.
       *[other] { $count } pieces of evidence so far.
    } Send more photos or files if needed.
evidence-ask-note = Type the evidence note for item { $item } (for example a document's number and date; { $max } characters at most):
evidence-note-name = Note
error-evidence-too-large = The evidence file is too large (at most { $max_mb } MB). Send a smaller file or a photo of the key page.
error-evidence-type = Evidence can be photos, PDF, Word or Excel files; «{ $name }» is none of these.
error-attachment-outside = To send evidence: type /chamdiem, open the item, then send the photo or file.
error-evidence-note-invalid = An evidence note needs some text, at most { $max } characters.

## Criteria table upload
cmd-bangtieuchi = Replace the criteria table with an Excel file (leader)
criteria-ask-file = Send the { $year } criteria table as an Excel file (.xlsx) with the Tieu_chi and Thang_diem sheets of the template (python main.py template). Type /menu to cancel.
criteria-not-xlsx = The criteria table must be an Excel .xlsx file. Send the file again, or type /menu to cancel.
criteria-too-large = The file is over { $max_mb } MB; a criteria table is usually a few dozen KB.
criteria-bad-file = The file does not follow the criteria table template:
criteria-replaced = ✅ The { $year } criteria table is replaced: { $items } items, scale { $scale }.

## Pledges
cmd-dangky = Your unit's emulation pledge
cmd-kyket = Sign the covenant, download it
cmd-duyet = Review the units' pledges (leader, deputy)
cmd-chuyende = This year's themed campaigns
award-co_thi_dua = { word-province-title } Emulation Flag
award-bang_khen = Certificate of Merit of the { word-province-title } Chairman
award-lao_dong_xuat_sac = Excellent Labour Collective
award-lao_dong_tien_tien = Advanced Labour Collective
award-short-co_thi_dua = Emulation Flag
award-short-bang_khen = Certificate of Merit
award-short-lao_dong_xuat_sac = Excellent Labour
award-short-lao_dong_tien_tien = Advanced Labour
pledge-title = 📝 Emulation pledge { $year } — { $unit } ({ $status ->
        [submitted] sent
        [returned] returned
        [approved] approved
       *[draft] draft
    })
pledge-titles-heading = Titles aimed for:
pledge-campaigns-heading = Themed campaigns joined:
pledge-commitments-heading = Targets and commitments:
pledge-none-chosen = (none chosen)
pledge-no-campaigns = (the { word-leader } has not set any campaign)
pledge-commitments-empty = (none yet — press «✍️ Commitments» to write them)
pledge-deadline = Deadline: { $date }.
pledge-edit-hint = Press a title or campaign to choose or unchoose it; write the commitments, then press «📤 Send pledge».
pledge-returned-note = ↩️ The { word-leader } returned the pledge: «{ $reason }». Please correct it and send it again.
pledge-submitted-note = Sent at { $date }, waiting for the { word-leader }'s approval. To change it, press «↩️ Withdraw» before { $deadline }.
pledge-submitted-late-note = Sent at { $date }, waiting for the { word-leader }'s approval.
pledge-approved-note = ✅ Approved by the { word-leader }. Next step: sign the covenant (/kyket).
pledge-signed-note = 🤝 Your unit signed the covenant at { $date }.
pledge-not-open-note = Registration is open from { $opens } to { $deadline }.
pledge-closed-note = Registration closed at { $deadline }; contact the { word-leader } to register late.
btn-pledge = 📝 Emulation pledge
btn-pledge-commitments = ✍️ Commitments
btn-pledge-submit = 📤 Send pledge
btn-pledge-withdraw = ↩️ Withdraw
pledge-ask-commitments = ✍️ Send { $unit }'s targets and commitments for this year in one message (at most { $max } characters). The new text replaces the old one.
pledge-commitments-current = Current text:
pledge-commitments-saved = ✅ Commitments saved.
pledge-submitted = 📤 { $unit }'s { $year } emulation pledge is sent. The { word-leader } will review it.
pledge-withdrawn = ↩️ The pledge is back to a draft. Remember to press «📤 Send pledge» again before the deadline.
pledge-state = { $state ->
        [submitted] sent
        [returned] returned
        [approved] approved
       *[none] not registered
    }
pledge-state-signed = {" "}· signed
review-title = 📋 The units' emulation pledges { $year }
review-counts = { $total } units: { $submitted } waiting, { $approved } approved, { $returned } returned, { $missing } not registered.
review-choose = Choose a unit to view, approve or return its pledge:
review-unit-title = Emulation pledge { $year } — { $unit } ({ $state ->
        [submitted] sent
        [returned] returned
        [approved] approved
       *[none] not registered
    })
review-sent-at = Sent at { $date }.
review-not-sent = The unit has not sent its pledge.
review-returned-with = Returned with the reason: «{ $reason }».
review-ask-reason = Why are you returning { $unit }'s pledge? (The unit will see this reason, correct the pledge and send it again.)
review-approved = ✅ { $unit }'s emulation pledge is approved.
review-returned = ↩️ { $unit }'s pledge is returned: «{ $reason }».
btn-approve = ✅ Approve
btn-return = ↩️ Return
btn-review = 📋 Review pledges
btn-review-list = ◀ Unit list
btn-campaigns = 🎯 Campaigns
campaigns-title = 🎯 Themed campaigns { $year }
campaigns-none = No campaign yet.
campaigns-hint = Units choose the campaigns they join in their pledge (/dangky).
campaigns-hint-manage = Units choose campaigns in their pledge (/dangky). A campaign chosen in a sent pledge cannot be removed.
campaigns-ask-title = Type the name of a themed campaign for { $year } (for example: Digital transformation; { $max } characters at most):
btn-campaign-add = ➕ Add a campaign
btn-campaign-remove = 🗑 Remove «{ $title }»
campaign-added = ✅ Campaign «{ $title }» added.
campaign-removed = 🗑 Campaign «{ $title }» removed.
sign-title = 🤝 Signing the { $year } emulation covenant
sign-ask = { $unit }'s pledge is approved. Press «🤝 Confirm signing» to sign the covenant for your unit (done once).
sign-done-at = { $unit } signed the covenant at { $date }.
sign-not-approved = { $unit }'s emulation pledge { $state ->
        [submitted] is waiting for approval
        [returned] was returned
       *[none] has not been sent
    }; only an approved pledge can be signed. Type /dangky to see it.
sign-count = Signed: { $signed }/{ $total } units.
sign-done = ✅ { $unit } has signed the { $year } emulation covenant.
btn-sign = 🤝 Sign the covenant
btn-sign-confirm = 🤝 Confirm signing
btn-covenant = 📄 Covenant
covenant-ready = 📄 The { $year } emulation covenant, no. { $number }: { $signed }/{ $total } units had signed when it was issued; the others are marked as not signed.
covenant-caption = Emulation covenant { $year }
task-pledge = Register your { $year } emulation pledge (type /dangky)
task-pledge-returned = Correct and resend your { $year } emulation pledge: the { word-leader } returned it because «{ $reason }»
task-review-pledges = { $count ->
        [one] Review the pledge of { $units }
       *[other] Review the pledges of { $count } units: { $units }
    }
task-sign-covenant = Sign the { $year } emulation covenant (type /kyket)
error-pledge-window-not-open = Registration for { $year } is open from { $opens_at } to { $closes_at }.
error-pledge-window-closed = Registration for { $year } closed at { $closes_at }; contact the { word-leader } to register late.
error-pledge-not-editable = { $status ->
        [approved] The pledge is approved and can no longer be changed.
       *[submitted] The pledge is sent and waiting for approval. To change it, press «↩️ Withdraw» before the deadline.
    }
error-pledge-not-submitted = { $status ->
        [approved] The pledge is approved and can no longer be withdrawn or returned.
        [returned] This pledge was returned and is waiting for the unit to correct and resend it.
       *[draft] The pledge has not been sent. Type /dangky to see it.
    }
error-pledge-not-approved = { $status ->
        [submitted] Your unit's pledge is waiting for the { word-leader }'s approval; it can be signed once approved.
        [returned] Your unit's pledge was returned; correct it, send it again and wait for approval before signing.
       *[draft] Your unit has not sent its pledge; type /dangky to register first.
    }
error-already-signed = Your unit signed the covenant at { $at }; each unit signs once.
error-title-required = Choose at least one title to aim for, then send again.
error-conflicting-titles = Choose only one of the two: Excellent Labour Collective or Advanced Labour Collective.
error-commitments-required = The targets and commitments are missing: press «✍️ Commitments» to write them, then send again.
error-commitments-too-long = The commitments are { $length } characters long, over the limit of { $max }; please shorten them.
error-return-reason-required = A reason is needed, so that the unit knows what to correct.
error-campaign-title-required = The campaign name cannot be empty; please type it again.
error-campaign-title-too-long = The campaign name is { $length } characters long, at most { $max }; please shorten it.
error-campaign-exists = Campaign «{ $title }» already exists; type another name, or /chuyende to see the list.
error-campaign-in-use = { $count ->
        [one] Campaign «{ $title }» is chosen in a sent pledge, so it cannot be removed.
       *[other] Campaign «{ $title }» is chosen in { $count } sent pledges, so it cannot be removed.
    }
error-covenant-not-ready = The { $year } covenant has not been issued yet. It is issued when every member unit has signed, or when the bloc leader or deputy presses “📜 Issue the covenant” in /kyket once a unit has signed.

## Ballots

cmd-binhxet = Ballots in the { word-bloc-lower }
ballot-title-flag = BALLOT: PROPOSAL FOR THE { word-province-upper } EMULATION FLAG { $year }
ballot-title-merit = BALLOT: PROPOSALS FOR CERTIFICATES OF MERIT { $year }
ballot-title-leader = ELECTION OF THE { word-leader-upper } FOR { $next }
ballot-title-deputy = ELECTION OF THE { word-deputy-upper } FOR { $next }
ballot-title-report = VOTE: { $question }
ballot-title-question = VOTE: { $question }
ballot-title-revote = { $title } (REVOTE)
ballot-candidates = Candidates:
ballot-candidate-score = • { $name } — { $points } points
ballot-quota = Each unit may approve at most { $quota } candidates.
ballot-rule = { $secret ->
        [true] Secret ballot
       *[false] Open vote
    } · one vote per unit · needs ≥ { $threshold } of { $base }
ballot-base-all = all { $members } units (≥ { $needed } approvals)
ballot-base-present = the units voting
ballot-closes = Closes at { $at }.
ballot-closed-at = Closed at { $at }.
ballot-count = Voted: { $voted }/{ $members } units
btn-ballot-yes = ✅ Agree
btn-ballot-no = ❌ Disagree
btn-ballot-open-paper = 🗳 Vote (ballot sent privately)
btn-ballot-result = 📊 See the result
ballot-is-closed = This ballot is closed.
ballot-unit-voted-secret = ✅ Your unit has voted. A secret ballot is cast once; the result comes after the close.
ballot-unit-voted-open = Your unit has voted (receipt { $receipt }): approved { $chosen }.
ballot-secret-once = 🔒 Secret ballot: one vote per unit, final once sent.
ballot-open-change = Open vote: you may change your vote until the close.
ballot-pick = Tick the candidates you approve ({ $picked }/{ $quota } ticked), then press "Send".
btn-ballot-send = 📨 Send ballot ({ $picked } approved)
press-already-handled = This press was already recorded; type /viec or /binhxet to check.
ballot-confirm-approve = approve { $names }
btn-ballot-confirm = ✅ Send the ballot
btn-ballot-change = ◀ Change it
ballot-vote-recorded = Vote of { $unit } recorded. Receipt code: { $receipt }.
ballot-vote-changed = Vote of { $unit } updated. The receipt code stays { $receipt }.
ballot-result-head = RESULT { $title }: { $returned }/{ $issued } units voted.
ballot-result-row = { $name }: { $votes }/{ $base } approvals ({ $ratio }) { $passed ->
        [true] ≥ { $threshold } → PASSED
       *[false] < { $threshold } → not passed
    }
ballot-motion-row = Agree: { $votes }/{ $base } ({ $ratio }) { $passed ->
        [true] ≥ { $threshold } → PASSED
       *[false] < { $threshold } → not passed
    }
ballot-receipts = Receipt codes counted: { $receipts }
ballot-outcome-motion = { $carried ->
        [true] → The motion is CARRIED.
       *[false] → The motion is NOT carried.
    }
ballot-outcome-elected = { $kind ->
        [flag] → PROPOSED for the { word-province } Emulation Flag: { $elected }.
        [merit] → PROPOSED for Certificates of Merit: { $elected }.
       *[other] → Elected: { $elected }.
    }{ $partial ->
        [true] {" "}No other candidate reached the threshold for the remaining places.
       *[false] {""}
    }
ballot-outcome-tie = → Passed: { $elected }. Tie for the { $seats } remaining places: { $tied }. The leader opens a revote among them.
ballot-outcome-tie-final = → Passed: { $elected }. The revote tied again between { $tied }: no proposal this year for the { $seats } remaining places.
ballot-outcome-none = → No candidate reached the threshold. The leader may open one revote.
ballot-outcome-none-final = { $kind ->
        [flag] → The revote again reached no threshold: the { word-bloc-lower } proposes no Emulation Flag this year.
        [merit] → The revote again reached no threshold: the { word-bloc-lower } proposes no Certificate of Merit this year.
       *[other] → The revote again reached no threshold: no result.
    }
task-blocked-officers = { $count ->
        [one] { $count } officer has
       *[other] { $count } officers have
    } blocked the bot and get no reminders or ballots: { $names }. Ask them to open the bot and type /menu.
task-score = { $cycle ->
        [midyear] Score the { $year } mid-year review: { $done }/{ $total } criteria scored, not submitted (type /chamdiem)
       *[annual] Score the { $year } annual review: { $done }/{ $total } criteria scored, not submitted (type /chamdiem)
    }
task-attend = Say who attends the { $kind ->
        [signing] { $year } covenant signing conference
        [midyear] { $year } mid-year review conference
       *[annual] { $year } annual review conference
    } (type /hoinghi)
btn-task-score = 📝 Continue scoring
task-starts = opens at { $at }
task-vote = Vote in ballot no. { $id } (type /binhxet)
task-closes = closes at { $at }
btn-vote = 🗳 Vote
btn-ballot-documents = 📄 Minutes, proposal, chart
btn-ballot-revote = 🔁 Revote
ballot-reminder = Your unit has not voted yet on "{ $title }". Deadline { $at }.
btn-ballot-vote-now = 🗳 Vote now
ballot-busy-hint = You are in the middle of something else; when done, type /binhxet to vote.
ballot-paper-sent-private = Your ballot paper was sent to your private chat with the bot; open it there to vote.
ballots-title = 🗳 Ballots of { $year }
ballots-none-open = No ballot is open right now.
ballots-open-row = { $mark } { $title } — closes at { $at }, voted { $voted }/{ $members }
ballots-closed-row = 📊 { $title } — closed
btn-ballot-paper = 🗳 Ballot paper no. { $id }
btn-ballot-close = ⏹ Close ballot no. { $id }
btn-ballot-result-of = 📊 Result of ballot no. { $id }
btn-ballot-new = ➕ Open a new ballot
ballot-choose-kind = What is the ballot about?
ballot-kind = { $kind ->
        [flag] 🚩 Propose the { word-province } Emulation Flag
        [merit] 🎖 Propose Certificates of Merit
        [leader] 👑 Elect next year's leader
        [deputy] 🤝 Elect next year's deputy
        [report] 📝 Approve the draft report
       *[question] ❓ Vote on another motion
    }
ballot-setup-title = Preparing: { $title }
ballot-setup-no-candidates = (no candidates yet: the annual ranking is not published; press "Candidates" to choose)
ballot-setup-rule = { $secret ->
        [true] Secret ballot
       *[false] Open vote
    }; threshold ≥ { $threshold } of { $base }
btn-setup-candidates = 👥 Candidates
btn-setup-quota = 🔢 Places
btn-setup-secret = { $secret ->
        [true] 🔒 Secret → open
       *[false] 🔓 Open → secret
    }
btn-setup-threshold = 📏 Threshold
btn-setup-base = { $base ->
        [all_members] ⚖️ Counted on: all units
       *[present_members] ⚖️ Counted on: units voting
    }
btn-setup-closing = ⏰ Closing time
ballot-place = Place: { $place }
ballot-place-online = online, through the bot
btn-setup-place = 📍 Place (for the minutes)
ballot-setup-ask-place = Type where the vote is held, for the minutes ({ $max } characters at most), e.g. "Hall of the Department of Agriculture".
error-place-invalid = The place must not be empty and at most { $max } characters; please type it again.
btn-setup-open = ✅ Open the ballot
btn-setup-done = ✔️ Done
btn-setup-back = ◀ Back
btn-cancel = ✖ Cancel
ballot-setup-pick-candidates = Press to add or remove a candidate, then "Done".
ballot-setup-pick-quota = How many of the { $count } candidates may each unit approve?
ballot-setup-pick-threshold = Approvals needed to be proposed:
ballot-setup-ask-closing = Type the closing time, e.g. "10:30" (today), "16:00 30/11", "8h30 30/11", or "2h", "45p" (from now).
ballot-setup-ask-question = Type the motion to vote on ({ $max } characters at most).
ballot-confirm-close = Close "{ $title }" now? { $voted }/{ $members } units have voted; the others will no longer be able to.
btn-ballot-close-now = ⏹ Close and count
ballot-report-question = Approve the draft report on the { word-bloc-lower }'s emulation and commendation work in { $year }
ballot-opened = 🗳 The ballot is open; the papers went to every unit's officers (and to the { word-bloc-lower }'s Telegram group, if linked).
ballot-setup-cancelled = Cancelled; nothing was opened.
ballot-documents = Minutes of the count, proposal and results chart:
error-ballot-not-found = This ballot no longer exists or is not your { word-bloc-lower }'s. Type /binhxet to see the open ones.
error-ballot-closed = The ballot closed at { $closed_at }; votes after that are not counted. Type /binhxet for the result.
error-ballot-still-open = The ballot is open until { $closes_at }; the result and minutes come after the close.
error-already-voted = { $unit } has already voted; a secret ballot is cast once per unit.
error-over-quota = You may approve at most { $quota } candidates; untick some and send again.
error-unknown-candidate = That candidate is not on this ballot. Type /binhxet to open the ballot paper again.
error-no-candidates = No valid candidates yet (member units of the { word-bloc-lower } this year); press "Candidates" to choose.
error-quota-invalid = The number of places must be from 1 to { $max }.
error-threshold-invalid = The threshold must be one of 50%, 2/3, 70%, 80%, 90%.
error-closing-time-invalid = The closing time must be after now and within { $days } days; press "Closing time" to set it again.
error-closing-time-unreadable = Could not read the time "{ $text }". Type e.g. "10:30", "16:00 30/11" or "2h", later than now.
error-revote-not-allowed = One revote only, when the first round tied or nobody reached the threshold.
error-question-required = The motion must not be empty and at most { $max } characters; please type it again.
