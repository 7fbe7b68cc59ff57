## Verification: the leader's side
role-name = { $role ->
        [leader] { word-leader }
        [deputy] { word-deputy }
       *[admin] the provincial emulation board
    }
verify-board-title = 🔎 Verification { $year } ({ $cycle ->
        [midyear] mid-year review
       *[annual] annual review
    }) — verified { $verified }/{ $ready }
verify-board-open = Awaiting the units' answers: { $awaiting } · explanations: { $explained }
verify-board-published = The ranking was published at { $date }; the scores no longer change.
verify-row-verified = ✅ { $unit } — { $final } points (self-scored { $own })
verify-row-ready = ● { $unit } — self-scored { $own } → { $final }
verify-row-cross = { $mark } { $unit } — mean { $mean } ({ $done }/{ $total } cross sheets) → { $final }
verify-row-missing = ○ { $unit } — no sheet submitted
verify-row-cross-missing = ○ { $unit } — no cross sheet submitted yet
verify-row-awaiting = { " " }· ⏳ { $count } awaiting an answer
verify-row-explained = { " " }· ✍️ { $count } explained
verify-own-unit = { $unit } is your unit: the { $verifier } verifies it.
verify-choose = Choose a unit to see and verify:
btn-verify-unit = { $unit } ({ $own } → { $final })
btn-verify-unit-done = ✅ { $unit } ({ $final })
btn-deadlines = ⏱ Extend, reopen a sheet
verify-none = No unit has submitted a score sheet to verify yet.

verify-title = 🔎 Verifying the sheet of { $unit } — self-scored { $own } · verified { $final }
verify-title-cross = 🔎 Cross scores of { $unit } — mean { $own } · after penalties { $final }
verify-item = { $code }. { $title } — { $value }/{ $max } points
verify-item-cross = { $code }. { $title } — mean { $value }/{ $max }
verify-item-evidence = { " " }· 📎 { $count } pieces of evidence
verify-change = { " " }→ { $new }, reason: «{ $reason }»
verify-answer-agreed = { " " }✅ the unit agrees
verify-answer-explained = { " " }✍️ the unit explains: «{ $text }»
verify-answer-waiting = { " " }⏳ awaiting an answer until { $due }
verify-answer-lapsed = { " " }(answer time over)
verify-bonus-heading = Bonus (at most { $cap }): { $points }
verify-bonus-heading-uncapped = Bonus: { $points }
verify-penalty-heading = Penalties: −{ $points }
verify-penalty-heading-cross = Penalties (set by the { $verifier }, not averaged): −{ $points }
verify-penalty-cross-off = The bloc's rules count no penalties in cross-scoring.
verify-penalty = { $code }. { $title } — { $count } times (−{ $points })
verify-penalty-once = { $code }. { $title } — yes (−{ $points })
verify-penalty-none = { $code }. { $title } — none
verify-cross-sheets = Cross sheets: { $sheets }
verify-cross-sheet = { $unit }: { $total } points
verify-cross-sheet-draft = { $unit } (not submitted)
verify-verified-at = ✅ Verified at { $date }.
verify-ask-code = Type the code of the criterion to change (e.g. { $example }), bonus and penalties included.
verify-ask-code-cross = Type the code of the penalty to set (e.g. { $example }).
btn-verify-agree-all = ✅ Agree with the whole sheet
btn-verify-mark = ✅ Mark as verified
btn-evidence = 📎 See the evidence ({ $count })
btn-verify-list = ◀ List of units
verify-ask-points = Criterion { $item } (at most { $max }): self-scored { $own }. Type the verified score (e.g. { $example }):
verify-ask-count = Penalty { $item } ({ $title }): declared { $own } times. Type the verified count (0 if none, e.g. 1):
verify-ask-count-cross = Penalty { $item } ({ $title }): now { $own } times. Type how many times the unit loses it (0 if none, e.g. 1):
verify-ask-once = Penalty { $item } ({ $title }): type 1 if the unit loses { $points } points, 0 if not.
verify-ask-reason = Reason for setting { $item } to { $value } (the unit reads it; at most { $max } characters):
verify-done = ✅ Changed { $item } of { $unit }: { $old } → { $new }. Verified total: { $final } (self-scored { $own }). The unit is told, to agree or explain.
verify-marked = ✅ The sheet of { $unit } is verified: { $final } points (self-scored { $own }). The unit is told.
verify-evidence-title = 📎 Evidence of { $unit }:
verify-evidence-line = { $code }. 📎 file { $name }
verify-evidence-note = { $code }. 📝 note: «{ $text }»
verify-evidence-none = { $unit } has sent no evidence.
verify-evidence-unreachable = { $count } files sent through another channel cannot be opened here; see them there.
error-cross-mean-fixed = In cross-scoring, criterion { $item } is the mean of the other units' scores and is not changed; only penalties are set.
error-explanation-invalid = The explanation must not be empty, and at most { $max } characters.
error-answer-closed = More than { $hours } hours have passed since the verification, so it can no longer be answered; contact the { word-leader } if needed.
error-nothing-to-answer = No change is awaiting the unit's answer.
error-not-extendable = The new deadline must be after the current one ({ $closes_at }) and after now.
error-not-reopenable = Only a submitted self-scored sheet can be reopened, until a later moment, before the ranking is published.
import-bad-hours = hours «{ $value }» must be a whole number from 1 to { $max }

## Verification: the unit's side
notice-changed-title = 🔎 The { $verifier } verified the { $year } sheet of { $unit }:
notice-change = • { $code } ({ $title }): { $old } → { $new }, reason: «{ $reason }»
notice-changed-total = Verified total: { $final } (self-scored { $own }).
notice-changed-due = Agree or explain before { $due }.
btn-answer-agree = ✅ Agree
btn-answer-explain = ✍️ Explain
notice-verified = ✅ The { $year } sheet of { $unit } is verified: { $final } points (self-scored { $own }).
notice-verified-changes = { $count } criteria were changed; type /chamdiem to see them.
answer-agreed = ✅ Sent: { $unit } agrees with { $count ->
        [one] the change
       *[other] { $count } changes
    } of the verification.
answer-choose = Choose the change to explain:
btn-answer-item = Explain { $code } ({ $old } → { $new })
answer-ask-text = Explanation about { $code } ({ $old } → { $new }): type it (at most { $max } characters).
answer-explained = ✍️ The explanation about { $code } was sent to the { $verifier }.
notice-answer-agreed = ✅ { $unit } agrees with the changes: { $items }.
notice-answer-explained = ✍️ { $unit } explains { $code } ({ $old } → { $new }): «{ $text }»
btn-open-review = 🔎 Open the sheet of { $unit }

## Publishing, deadlines
publish-check-title = 📢 Publish the { $year } ranking ({ $cycle ->
        [midyear] mid-year review
       *[annual] annual review
    })? Once published, the scores no longer change.
publish-check-clear = Every sheet is verified, and no change awaits an answer.
publish-check-not-verified = • Not verified yet: { $units }
publish-check-leader = • The leader unit's sheet needs the { $deputy } to verify it.
publish-check-awaiting = • Still awaiting the units' answers: { $items }
publish-check-explained = • Units that explained: { $items } (see /thamdinh).
publish-check-missing = • Not ranked (nothing submitted): { $units }
btn-publish-confirm = 📢 Publish
btn-publish-anyway = 📢 Publish anyway
notice-published-group = 📢 The { $verifier } published the { $year } emulation ranking ({ $cycle ->
        [midyear] mid-year review
       *[annual] annual review
    }) of { $bloc }:
notice-published-unit = 📢 The { $year } ranking is published: { $unit } ranks { $rank }/{ $count } with { $points } points. Type /xephang for the whole table.
notice-published-unranked = 📢 The { $year } ranking is published. { $unit } is not ranked, as it submitted no sheet.
deadlines-title = ⏱ Extend and reopen (before the ranking is published):
btn-extend = ⏱ Extend the { $window ->
        [pledge] pledge window
        [midyear] mid-year scoring
       *[annual] annual scoring
    } (due { $date })
btn-reopen = 🔓 Reopen one unit's sheet
deadlines-none = No window can be extended now: they have not opened, or the ranking is out.
extend-ask-date = New deadline of the { $window ->
        [pledge] pledge window
        [midyear] mid-year scoring
       *[annual] annual scoring
    } (now { $date }): type the date, e.g. { $example }.
extend-ask-reason = Reason for the extension (every unit reads it; at most { $max } characters):
extend-done = ✅ Extended until { $date }. Every unit and the { word-bloc-lower }'s group are told.
reopen-choose = Choose the unit whose submitted sheet is reopened:
reopen-none = No unit has submitted a sheet to reopen.
reopen-ask-until = Reopen the sheet of { $unit } until when? Type the date (until 23:59), e.g. { $example }.
reopen-ask-reason = Reason for reopening (the unit reads it; at most { $max } characters):
reopen-done = 🔓 The sheet of { $unit } is reopened until { $date }. The unit is told.
notice-extended = ⏱ The { $window ->
        [pledge] pledge window
        [midyear] mid-year scoring
       *[annual] annual scoring
    } of { $year } is extended until { $date }. Reason: «{ $reason }»
notice-reopened = 🔓 The { $year } sheet of { $unit } is reopened for changes until { $date }. Reason: «{ $reason }». Type /chamdiem, correct it and submit again.
error-date-bad = «{ $text }» is not a date; type it like { $example }.
btn-see-ranking = 🏆 See the ranking
