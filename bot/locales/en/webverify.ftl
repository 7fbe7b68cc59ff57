## Web pages: verification for the leader and deputy
web-btn-verify = 🔎 Open the verification page
web-open-verify = 🔎 Verify the score sheets
web-verify-page-title = Verify the score sheets
web-verify-state = { $state ->
        [missing] no sheet submitted
        [verified] verified
       *[open] not verified yet
    }
web-verify-awaiting = ⏳ { $count ->
        [one] 1 change
       *[other] { $count } changes
    } awaiting the unit's answer
web-verify-explained = ✍️ { $count ->
        [one] 1 explanation
       *[other] { $count } explanations
    } from the unit
web-verify-points = { $cross ->
        [1] mean { $own }
       *[0] self-scored { $own }
    } → { $final } points
web-verify-cycles = Scoring rounds
web-verify-cycle = { $cycle ->
        [midyear] See the mid-year review
       *[annual] See the annual review
    }
web-verify-published = This round's ranking is published; the scores no longer change.
web-verify-cross-heading = Cross-scoring sheets
web-verify-cross-note = Each item's and the bonus's score is the mean of the cross-scoring sheets; the verifier sets only the penalties.
web-verify-max = up to { $max }
web-verify-own = { $cross ->
        [1] Mean of the sheets
       *[0] Self-scored
    }: { $value }/{ $max }
web-verify-penalty-own = { $each ->
        [1] { $cross ->
                [1] Now
               *[0] Declared
            }: { $count } times ({ $points } points off each time)
       *[0] { $cross ->
                [1] Now
               *[0] Declared
            }: { $count ->
                [0] no
               *[other] yes
            } ({ $points } points off)
    }
web-evidence-in-chat = (sent in the chat: open it with «📎 Evidence» in /thamdinh)
web-evidence-unreachable = The web page cannot fetch this file from where the unit sent it. Open it with «📎 Evidence» in /thamdinh.
web-verify-change-btn = ✏️ Change
web-verify-once-label = Does the unit lose { $points } points?
web-verify-count-label = Times it happened, as verified (0 if none)
web-verify-value-label = Verified score (up to { $max })
web-verify-reason-label = Reason for the change — required, the unit reads it (up to { $max } characters)
web-verify-save = Save the change
web-verify-stale = This sheet changed since you opened the page (the unit was given it back or submitted it again, or a new cross-scoring sheet came in). Nothing was saved; look at the sheet below and do it again.
web-verify-changed = ✅ Changed { $item } of { $unit } to { $new }. Score after verification: { $final }. The unit is told, to agree or explain.
