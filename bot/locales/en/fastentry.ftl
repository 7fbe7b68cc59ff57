## Fast entry
btn-fast-entry = ⚡ Fast entry of the whole sheet
btn-fast-form = 📄 Excel form
btn-fast-copy = 📋 Copy { $cycle ->
        [midyear] the { $year } mid-year scores
       *[annual] the { $year } scores
    }
btn-fast-back = ◀ Back to the sheet
fast-title = ⚡ Fast entry — { $sheet }
fast-how = Type the whole sheet in one message: a criterion's code then its score, criteria separated by «;» or new lines. For example:
fast-codes = Codes (maximum points):
fast-codes-section = • Section { $section }: { $codes }
fast-codes-bonus = • Bonus: { $codes } — at most { $cap } in all
fast-codes-penalties = • Penalties: { $codes }
fast-count = times
fast-yes-no = yes/no
fast-yes = yes
fast-no = no
fast-rules = Criteria you leave out keep their value. If a line has a problem, the bot lists each one and records nothing.
fast-upload = 📄 Or press «Excel form», fill in the score column (the last one) and send the file back here.
fast-no-upload = Zalo does not let the bot receive files, so on Zalo please type the whole sheet in one message as above.
fast-copy-offer = 📋 You may start from { $cycle ->
        [midyear] the { $year } mid-year sheet
       *[annual] the { $year } annual sheet
    } (nothing already entered is overwritten).
fast-entered = ✅ Recorded: { $changed ->
        [one] { $changed } criterion
       *[other] { $changed } criteria
    } changed, { $unchanged } unchanged.
fast-change = • Criterion { $code }: { $old } → { $new }
fast-more = … and { $count } more.
fast-problems = Nothing recorded: { $count ->
        [one] { $count } problem
       *[other] { $count } problems
    }. Please correct and send the whole message again:
fast-problems-file = Nothing recorded: the file has { $count ->
        [one] { $count } problem
       *[other] { $count } problems
    }. Please correct the file and send it again:
fast-more-problems = … and { $count } more.
fast-problem-line = • Line { $place } «{ $text }»: { $reason }
fast-problem-row = • Row { $place } of the file («{ $text }»): { $reason }
fast-problem-sheet = • The whole sheet: { $reason }
fast-problem-unknown-code = there is no criterion { $written } in this year's table.
fast-problem-missing-code = the criterion's code is missing.
fast-problem-twice = criterion { $code } is already on line { $first }; write each criterion once.
fast-problem-missing-value = the { $kind ->
        [penalty] yes, no or number of times
       *[other] score
    } of criterion { $code } is missing.
fast-problem-score-not-a-number = «{ $text }» is not a score; criterion { $code } takes 0 to { $max }, e.g. { $example }.
fast-problem-score-out-of-range = criterion { $code } has at most { $max } points ({ $value } written).
fast-problem-score-below-zero = a score cannot be below 0; criterion { $code } takes 0 to { $max }.
fast-problem-score-too-many-decimals = a score has one decimal at most, e.g. { $example }.
fast-problem-score-spaced-digits = «{ $text }» has spaces between its digits; write it without them, e.g. { $joined }.
fast-problem-count-not-a-number = the number of times is a whole number from 0 to { $max } («{ $text }» written).
fast-problem-count-below-zero = the number of times cannot be below 0.
fast-problem-penalty-not-yes-no = criterion { $code } takes «yes» (minus { $points } points) or «no» only, not «{ $text }».
fast-problem-bonus-over-cap = the bonus adds up to { $claimed }, over its maximum of { $cap }.
fast-problem-nothing-written = there is no score (in the Excel form: the score column is empty).
fast-problem-changed-meanwhile = criterion { $code } was just set by { $by } to { $value }, so it was not overwritten; send again if you still want to replace it.
fast-the-bot = the bot (filled in)
fast-someone = another officer
fast-copied = 📋 Copied { $count ->
        [one] { $count } criterion
       *[other] { $count } criteria
    } from { $cycle ->
        [midyear] the { $year } mid-year sheet
       *[annual] the { $year } annual sheet
    } (as verified, where they were), kept { $kept } already entered. Type the scores to change.
fast-copied-left-out = Not copied (no longer in the table, or over this year's maximum): { $codes }
fast-form-sent = 📄 The Excel form of the sheet: { $sheet }. Fill in the score column (the last one), save as .xlsx and send the file back here.
fast-not-xlsx = The bot reads a sheet only as .xlsx (the bot's Excel form). Please send an .xlsx file, or type the whole sheet in one message.
fast-form-too-large = The file is over { $max_mb } MB: it is not the bot's score form. Press «Excel form» to get the form.
fast-form-refused = The bot does not read this file: { $reason }.
fast-form-bad = This is not the bot's score form (it needs a «Cham_diem» sheet with its code and score columns):
fast-filled-title = 🤖 The bot filled in what it knows (you may change it):
fast-filled-item = • Criterion { $code }: { $value } — { $why }
fast-why-covenant = covenant signed on { $date }
fast-why-attended = no absence announced for a conference held so far
fast-why-absent = announced not attending { $conferences }
fast-why-conference = the { $kind ->
        [signing] covenant signing
        [midyear] mid-year review
       *[annual] annual review
    } of { $date }
fast-why-on-time = the reports sent through the bot were all on time
fast-why-late = submitted late: { $reports }
fast-report = { $report ->
        [pledge] the pledge
       *[midyear] the mid-year sheet
    }
sheet-filled-by-bot = 🤖 Filled in by the bot: { $codes } — check them, you may change them.
sheet-copied = 📋 { $count ->
        [one] { $count } criterion
       *[other] { $count } criteria
    } copied from last period — check and change them where needed.
sheet-marks = 🤖 filled in by the bot · 📋 copied from last period — type a value to replace it.
score-hint-yes-no = Did it happen? Type «yes» (minus { $points } points) or «no».
penalty-yes = yes (minus { $points })
penalty-no = no
score-recorded-yes = Recorded: criterion { $item } happened, minus { $points } points. Running total: { $total }.
score-recorded-no = Recorded: criterion { $item } did not happen. Running total: { $total }.
error-score-below-zero = A score cannot be below 0 (you typed «{ $text }»). Penalties have their own entries under ⚠️ Penalties; here type the points earned, from 0 to { $max }.
error-score-spaced-digits = «{ $text }» has spaces between its digits, so the bot does not guess the score. Type it without them, e.g. { $joined } (0 to { $max }). To enter several criteria at once, write each code and score, separated by «;».
error-count-below-zero = The number of times cannot be below 0 (you typed «{ $text }»); type 0 if it did not happen.
error-penalty-not-yes-no = This criterion is yes or no: type «yes» (minus { $points } points) or «no» (you typed «{ $text }»).
error-nothing-to-copy = There is no sheet of last period to copy (the mid-year sheet, or last year's annual one).
error-entry-problems = Nothing recorded: { $count ->
        [one] { $count } problem
       *[other] { $count } problems
    }.
import-duplicate-fact = «fact: { $fact }» is already on another penalty; each fact the bot fills in goes with one penalty only
