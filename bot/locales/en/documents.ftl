## The bloc's register of numbered documents (/sovanban) and the documents' own messages

cmd-sovanban = Document register: numbers of minutes, proposals, covenant (leader)
register-title = 📑 Document register { $year } of { $bloc }
register-empty = No document has been numbered this year.
register-count = { $count } numbers issued:
register-entry = • { $number } — { $kind ->
        [minutes] Minutes
        [proposal] Proposal
       *[covenant] Covenant
    }, dated { $date }{ $edition ->
        [1] {""}
       *[other] {" "}(replacement no. { $edition })
    }
register-next = The next document takes number: { $number }
register-hint = Minutes and proposals are numbered when a ballot closes; the covenant when it is issued. If the bloc numbered papers by hand before, set the next number to match the register.
btn-register-set = ✏️ Set the next number
register-ask = Type the number the next document of { $year } takes, above the last one issued ({ $last }), for example 15.
register-set = ✅ Done: the next document of { $year } takes number { $number }.
error-document-number-invalid = “{ $text }” cannot be used: the next number is a whole number above the last one issued ({ $last }) and at most { $max }, so that no two documents share a number. Please type it again.
error-officials-unreadable = The bot did not understand the line “{ $line }”. Each line starts with “Chair:”, “Secretary:” or “Tellers:”, for example: Chair: Nguyen Van An, Director of the Department of Agriculture
error-board-file-not-ready = The file for the provincial board for { $year } needs the proposal (a closed Flag or Merit ballot that proposes a unit) and the published annual scores. Please complete those steps first.

## The covenant: issued when every unit has signed, or by the leader

covenant-attached = Covenant no. { $number } attached.
covenant-waiting = The covenant is issued once every member unit has signed (or earlier by the bloc leader).
covenant-issue-hint = Once every unit has signed, the covenant is issued by itself. The leader or deputy may issue it now with the units that have signed; issuing it again after more have signed replaces the earlier one (each issue takes a new document number).
btn-covenant-issue = 📜 Issue the covenant ({ $signed }/{ $total } signed)

## Who the minutes of a vote name, and the file for the provincial board

officials-chair = 👤 Chair: { $person }
officials-secretary = ✍️ Secretary: { $person }
officials-tellers = 🧮 Counting committee: { $people }
officials-blank = (blank, written by hand when signing)
officials-now = Now:
officials-ask = Type the chair, the secretary and the counting committee for the minutes, one role per line (a role not typed stays as it is; the first teller heads the committee), for example:
    Chair: Nguyen Van An, Director of the Department of Agriculture
    Secretary: Tran Thi Binh, officer of the Department's office
    Tellers: Le Van Cuong; Pham Thi Dung; Vo Van Em
officials-saved = ✅ The chair, secretary and counting committee are recorded for the minutes.
btn-officials = 👥 Chair, secretary, tellers
btn-board-file = 📚 File for the provincial board
board-file-ready = 📚 The { $year } file for the provincial emulation board: { $proposals } proposal(s), { $minutes } minutes, the score table{ $covenant ->
        [true] {" "}and the covenant
       *[other] {""}
    }, printable in that order.
board-file-caption = File for the provincial emulation board { $year }
